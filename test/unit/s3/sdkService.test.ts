import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { SdkS3Service } from '../../../src/s3/sdkService';
import type { Credentials } from '../../../src/s3/types';

function serviceSignedBy(credentials: Credentials): SdkS3Service {
  return new SdkS3Service({ connectionName: 'test', region: 'us-east-1', forcePathStyle: true, readOnly: false, credentials: async () => credentials });
}

test('signing credentials are temporary when they carry a session token, with the expiry they state, if any', async () => {
  const keys = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' };
  const expiration = new Date('2026-11-24T11:00:00Z');
  assert.deepEqual(await serviceSignedBy(keys).signingCredentials(), { expiration: undefined, temporary: false });
  assert.deepEqual(await serviceSignedBy({ ...keys, sessionToken: 'token' }).signingCredentials(), { expiration: undefined, temporary: true });
  assert.deepEqual(await serviceSignedBy({ ...keys, sessionToken: 'token', expiration }).signingCredentials(), { expiration, temporary: true });
});
