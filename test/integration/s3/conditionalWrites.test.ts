import * as assert from 'node:assert/strict';
import { S3Error } from '../../../src/s3/errors';
import { SdkS3Service } from '../../../src/s3/sdkService';
import { IndependentClient, targetFromEnvironment } from '../../support/independentClient';

// The service layer on its own against the real server: the conditional writes saves rely on.
suite('S3 service: conditional writes', () => {
  const target = targetFromEnvironment();
  const client = new IndependentClient(target);
  const log: string[] = [];
  const service = new SdkS3Service(
    {
      id: 'conditional-test',
      region: target.region,
      endpoint: target.endpoint,
      forcePathStyle: true,
      credentials: async () => ({ accessKeyId: target.accessKeyId, secretAccessKey: target.secretAccessKey }),
      readOnly: false,
    },
    (line) => log.push(line),
  );
  let bucket: string;

  setup(async () => {
    bucket = await client.createBucket('cond');
  });

  teardown(() => client.deleteBucket(bucket));

  suiteTeardown(() => {
    service.dispose();
    client.dispose();
  });

  test('If-Match with the current ETag writes (also where the server wants it unquoted)', async () => {
    await client.put(bucket, 'k.txt', 'one');
    const { etag } = await service.headObject(bucket, 'k.txt');
    await service.putObject({ bucket, key: 'k.txt', body: Buffer.from('two'), ifMatch: etag });
    assert.equal((await client.get(bucket, 'k.txt')).toString(), 'two');
  });

  test('If-Match with a stale ETag fails as PreconditionFailed and leaves the object alone', async () => {
    await client.put(bucket, 'k.txt', 'one');
    const { etag } = await service.headObject(bucket, 'k.txt');
    await client.put(bucket, 'k.txt', 'changed elsewhere');
    await assert.rejects(service.putObject({ bucket, key: 'k.txt', body: Buffer.from('stale'), ifMatch: etag }), (error: unknown) => {
      assert.ok(error instanceof S3Error);
      assert.equal(error.kind, 'PreconditionFailed');
      return true;
    });
    assert.equal((await client.get(bucket, 'k.txt')).toString(), 'changed elsewhere');
  });

  test('If-None-Match refuses to replace an existing key', async () => {
    await client.put(bucket, 'k.txt', 'first');
    await assert.rejects(service.putObject({ bucket, key: 'k.txt', body: Buffer.from('second'), ifNoneMatch: true }), (error: unknown) => error instanceof S3Error && error.kind === 'PreconditionFailed');
    assert.equal((await client.get(bucket, 'k.txt')).toString(), 'first');
    await service.putObject({ bucket, key: 'fresh.txt', body: Buffer.from('new'), ifNoneMatch: true });
    assert.equal((await client.get(bucket, 'fresh.txt')).toString(), 'new');
  });

  test('every write is logged without a secret', () => {
    assert.ok(log.some((line) => line.startsWith(`PUT s3://${bucket}/`) || line.includes('PUT s3://')));
    assert.ok(log.every((line) => !line.includes(target.secretAccessKey) && !line.includes(target.accessKeyId)));
  });
});
