import * as assert from 'node:assert/strict';
import { S3Error } from '../../../src/s3/errors';
import { GuardedS3Service } from '../../../src/s3/guardedService';
import { SdkS3Service } from '../../../src/s3/sdkService';
import type { S3Service } from '../../../src/s3/service';
import { startFeatureProxy } from '../../support/featureProxy';
import { IndependentClient, targetFromEnvironment } from '../../support/independentClient';

// The service layer on its own against the real server: the conditional writes saves rely on.
suite('S3 service: conditional writes', () => {
  const target = targetFromEnvironment();
  const client = new IndependentClient(target);
  const log: string[] = [];
  // A fresh service per test: the quoted/unquoted If-Match form is learned per service.
  let service: S3Service;
  const newService = (endpoint = target.endpoint): S3Service =>
    new GuardedS3Service(
      new SdkS3Service({
        connectionName: 'conditional-test',
        region: target.region,
        endpoint,
        forcePathStyle: true,
        credentials: async () => ({ accessKeyId: target.accessKeyId, secretAccessKey: target.secretAccessKey }),
        readOnly: false,
      }),
      { connectionName: 'conditional-test', readOnly: false, log: (line) => log.push(line) },
    );
  let bucket: string;

  setup(async () => {
    service = newService();
    bucket = await client.createBucket('cond');
  });

  teardown(async () => {
    service.dispose();
    await client.deleteBucket(bucket);
  });

  suiteTeardown(() => client.dispose());

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

  test('on a versioned bucket (where Ceph refuses every If-Match) an unchanged object is saved and the old version kept; a changed one is refused', async () => {
    // First a save elsewhere, so the service has learned the server's If-Match form, as a long-running window has.
    const unversioned = await client.createBucket('cond-plain');
    try {
      await client.put(unversioned, 'p.txt', 'p');
      await service.putObject({ bucket: unversioned, key: 'p.txt', body: Buffer.from('q'), ifMatch: (await service.headObject(unversioned, 'p.txt')).etag });
    } finally {
      await client.deleteBucket(unversioned);
    }
    await client.enableVersioning(bucket);
    await client.put(bucket, 'k.txt', 'one');
    const { etag } = await service.headObject(bucket, 'k.txt');
    await service.putObject({ bucket, key: 'k.txt', body: Buffer.from('two'), ifMatch: etag });
    assert.equal((await client.get(bucket, 'k.txt')).toString(), 'two');
    assert.equal((await client.versionIds(bucket, 'k.txt')).length, 2, 'the replaced version stays in the history');

    const { etag: seen } = await service.headObject(bucket, 'k.txt');
    await client.put(bucket, 'k.txt', 'tri'); // same size, changed by someone else
    await assert.rejects(service.putObject({ bucket, key: 'k.txt', body: Buffer.from('mine'), ifMatch: seen }), (error: unknown) => error instanceof S3Error && error.kind === 'PreconditionFailed');
    assert.equal((await client.get(bucket, 'k.txt')).toString(), 'tri');
  });

  test('requests counted: the first save learns the If-Match form the server takes, later saves are one PUT; a stale ETag is never retried bare', async () => {
    const proxy = await startFeatureProxy(target.endpoint);
    const counted = newService(proxy.url);
    const sent = () => proxy.requests.splice(0).map((request) => request.split(' ')[0]);
    try {
      await client.put(bucket, 'k.txt', 'one');
      const save = async (body: string) => {
        const { etag } = await counted.headObject(bucket, 'k.txt');
        sent(); // only the save itself is counted
        await counted.putObject({ bucket, key: 'k.txt', body: Buffer.from(body), ifMatch: etag });
        return sent();
      };
      const first = await save('two');
      // Ceph refuses the quoted form (412), so it is confirmed by a HEAD and sent bare; AWS takes it at once.
      assert.ok(first.join() === 'PUT' || first.join() === 'PUT,HEAD,PUT', `first save: ${first.join()}`);
      assert.deepEqual(await save('tri'), ['PUT'], 'a later save is one request');
      assert.deepEqual(await save('for'), ['PUT']);
      assert.equal((await client.get(bucket, 'k.txt')).toString(), 'for');

      const fresh = newService(proxy.url);
      try {
        const { etag } = await fresh.headObject(bucket, 'k.txt');
        await client.put(bucket, 'k.txt', 'them'); // same size, changed by someone else
        sent();
        await assert.rejects(fresh.putObject({ bucket, key: 'k.txt', body: Buffer.from('mine'), ifMatch: etag }), (error: unknown) => error instanceof S3Error && error.kind === 'PreconditionFailed');
        const refused = sent();
        assert.ok(refused.join() === 'PUT' || refused.join() === 'PUT,HEAD', `a refused save is not retried without the quotes once the HEAD shows the change: ${refused.join()}`);
        assert.equal((await client.get(bucket, 'k.txt')).toString(), 'them');
      } finally {
        fresh.dispose();
      }
    } finally {
      counted.dispose();
      await proxy.close();
    }
  });

  test('If-None-Match refuses to replace an existing key', async () => {
    await client.put(bucket, 'k.txt', 'first');
    await assert.rejects(service.putObject({ bucket, key: 'k.txt', body: Buffer.from('second'), ifNoneMatch: true }), (error: unknown) => error instanceof S3Error && error.kind === 'PreconditionFailed');
    assert.equal((await client.get(bucket, 'k.txt')).toString(), 'first');
    await service.putObject({ bucket, key: 'fresh.txt', body: Buffer.from('new'), ifNoneMatch: true });
    assert.equal((await client.get(bucket, 'fresh.txt')).toString(), 'new');
  });

  test('every write is logged, failed or not, without a secret', async () => {
    log.length = 0;
    await service.putObject({ bucket, key: 'logged.txt', body: Buffer.from('x') });
    await assert.rejects(service.putObject({ bucket, key: 'logged.txt', body: Buffer.from('y'), ifNoneMatch: true }));
    assert.deepEqual(log, [`PUT s3://${bucket}/logged.txt 1 bytes (conditional-test): ok`, `PUT s3://${bucket}/logged.txt 1 bytes (conditional-test): failed, PreconditionFailed`]);
    assert.ok(log.every((line) => !line.includes(target.secretAccessKey) && !line.includes(target.accessKeyId)));
  });
});
