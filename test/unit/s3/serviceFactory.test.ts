import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { S3ServiceFactory } from '../../../src/s3/serviceFactory';
import type { ConnectionSettings } from '../../../src/s3/types';

const credentials = async () => ({ accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' });
const settings: ConnectionSettings = { connectionName: 'p', region: 'us-east-1', endpoint: 'http://127.0.0.1:9000', forcePathStyle: true, readOnly: false, credentials };

test('a cached service is reused only for the same connection as it is now: another endpoint, read-only flag, addressing or keys get a new one', () => {
  const factory = new S3ServiceFactory(() => undefined);
  try {
    const first = factory.get(settings);
    assert.equal(factory.get({ ...settings }), first, 'the same settings share one client');
    for (const changed of [{ endpoint: 'http://127.0.0.1:9001' }, { readOnly: true }, { forcePathStyle: false }, { credentials: async () => ({ accessKeyId: 'OTHER', secretAccessKey: 'other' }) }, { region: 'eu-west-1' }]) {
      assert.notEqual(factory.get({ ...settings, ...changed }), first, `changed: ${Object.keys(changed)[0]}`);
    }
  } finally {
    factory.dispose();
  }
});

test('a service made while its connection was writable refuses the writes it has not sent once the connection is made read-only (asked at each write)', async () => {
  let readOnly = false;
  const factory = new S3ServiceFactory(() => undefined, undefined, undefined, (name) => name === 'p' && readOnly);
  try {
    const service = factory.get(settings);
    readOnly = true;
    // Port 9000 has no server: only a refusal before any request can answer this way.
    await assert.rejects(service.createBucket('photos', 'us-east-1'), /"p" is read-only: writing .*photos.* was refused/);
    await assert.rejects(service.presignedUrl({ method: 'PUT', bucket: 'photos', key: 'a.txt', expiresInSeconds: 60 }), /"p" is read-only/);
  } finally {
    factory.dispose();
  }
});
