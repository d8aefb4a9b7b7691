import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { measurePrefix } from '../../../src/transfer/prefixSize';
import { MemoryS3Service } from '../../support/memoryS3Service';

test('a folder\'s size counts its keys and bytes by storage class, not the key of its name beside it nor a sibling prefix', async () => {
  const s3 = new MemoryS3Service({ b: { data: 'xx', 'data/a.csv': '1234', 'data/deep/b.csv': '123456', 'data-old/c.csv': '1' } });
  await s3.putObject({ bucket: 'b', key: 'data/cold.bin', body: Buffer.from('abc'), storageClass: 'GLACIER' });
  const progress: number[] = [];
  const size = await measurePrefix(s3.asService(), 'b', 'data/', { concurrency: 4, versioned: false, onProgress: (soFar) => progress.push(soFar.objects) });
  assert.deepEqual(size, { objects: 3, bytes: 13, byStorageClass: { STANDARD: { objects: 2, bytes: 10 }, GLACIER: { objects: 1, bytes: 3 } } });
  assert.equal(progress.at(-1), 3);
});

test('a bucket of 12,000 keys in 12 folders adds up exactly', async () => {
  const keys = Object.fromEntries(Array.from({ length: 12_000 }, (_, i) => [`f${i % 12}/k${i}`, 'x'.repeat(i % 7)]));
  const size = await measurePrefix(new MemoryS3Service({ b: keys }).asService(), 'b', '', { concurrency: 8, versioned: false });
  assert.equal(size.objects, 12_000);
  assert.equal(size.bytes, Object.values(keys).reduce((sum, body) => sum + body.length, 0));
});

test('on a versioned bucket a failed history walk fails the size, and is never an unhandled rejection', async () => {
  const s3 = new MemoryS3Service({ b: Object.fromEntries(Array.from({ length: 3000 }, (_, i) => [`k${i}`, 'x'])) });
  const service = s3.asService();
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  process.on('unhandledRejection', onUnhandled);
  try {
    const failing = new Proxy(service, {
      get: (target, property, receiver) =>
        property === 'versionTotals'
          ? () => new Promise((_resolve, reject) => setTimeout(() => reject(new Error('ListObjectVersions denied')), 1))
          : property === 'listFolder'
            ? async (...args: Parameters<typeof target.listFolder>) => {
                // The listing is still running when the history walk fails.
                await new Promise((resolve) => setTimeout(resolve, 30));
                return target.listFolder(...args);
              }
            : Reflect.get(target, property, receiver),
    });
    await assert.rejects(measurePrefix(failing, 'b', '', { concurrency: 2, versioned: true }), /ListObjectVersions denied/);
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.deepEqual(unhandled, []);
  } finally {
    process.off('unhandledRejection', onUnhandled);
  }
});
