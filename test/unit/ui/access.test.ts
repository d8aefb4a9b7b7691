import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { ALL_USERS, AUTHENTICATED_USERS } from '../../../src/s3/types';
import { describeGrants, publicAudience, readableByOutsiders } from '../../../src/ui/access';

test('grants read as people and permissions, one line per grantee', () => {
  const lines = describeGrants({
    ownerId: 'owner-id',
    grants: [
      { permission: 'FULL_CONTROL', id: 'owner-id' },
      { permission: 'READ', uri: ALL_USERS },
      { permission: 'READ_ACP', uri: ALL_USERS },
      { permission: 'WRITE', uri: 'http://acs.amazonaws.com/groups/s3/LogDelivery' },
      { permission: 'READ', emailAddress: 'ops@example.com' },
      { permission: 'READ', id: 'partner-id' },
    ],
  });
  assert.deepEqual(lines, [
    'Owner (account owner-id): full control',
    'Everyone (AllUsers: anyone on the internet): read, read the ACL',
    'Group LogDelivery (http://acs.amazonaws.com/groups/s3/LogDelivery): write',
    'Account ops@example.com: read',
    'Account partner-id: read',
  ]);
});

test('who outside can read: everyone wins over any AWS account; writing alone is not reading', () => {
  assert.equal(readableByOutsiders({ grants: [{ permission: 'READ', uri: AUTHENTICATED_USERS }, { permission: 'FULL_CONTROL', uri: ALL_USERS }] }), 'everyone');
  assert.equal(readableByOutsiders({ grants: [{ permission: 'READ', uri: AUTHENTICATED_USERS }] }), 'any AWS account');
  assert.equal(readableByOutsiders({ grants: [{ permission: 'WRITE_ACP', uri: ALL_USERS }, { permission: 'FULL_CONTROL', id: 'x' }] }), undefined);
  assert.equal(readableByOutsiders(undefined), undefined);
  assert.equal(publicAudience('public-read-write'), 'anyone on the internet');
  assert.equal(publicAudience('bucket-owner-read'), undefined);
});
