import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { S3Error } from '../../../src/s3/errors';
import type { S3Service } from '../../../src/s3/service';
import { listKeysInParallel } from '../../../src/transfer/parallelListing';
import { MemoryS3Service } from '../../support/memoryS3Service';

async function keysOf(service: S3Service, prefix: string, concurrency = 8): Promise<string[]> {
  const keys: string[] = [];
  for await (const page of listKeysInParallel(service, 'b', prefix, { concurrency })) {
    keys.push(...page.map((object) => object.key));
  }
  return keys;
}

function bucketOf(keys: string[]): MemoryS3Service {
  return new MemoryS3Service({ b: Object.fromEntries(keys.map((key) => [key, ''])) });
}

const byteOrder = (keys: string[]) => [...keys].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));

test('100 folders of 50 keys and files beside them: every key exactly once, the folders listed side by side', async () => {
  const keys = ['top.txt', 'zz.txt', ...Array.from({ length: 100 }, (_, folder) => Array.from({ length: 50 }, (_, i) => `p${String(folder).padStart(3, '0')}/k${i}`)).flat()];
  const s3 = bucketOf(keys);
  const listed = await keysOf(s3.asService(), '');
  assert.equal(listed.length, keys.length, 'no key twice');
  assert.deepEqual(byteOrder(listed), byteOrder(keys));
  // The first plain page holds p000–p019 (50 keys each); p019's listing after its last key finds nothing more.
  assert.deepEqual(s3.requests.filter((request) => request.startsWith('list keys b/p')).length, 81, 'one listing per folder the first page did not cover');
  assert.ok(!s3.requests.some((request) => /^list keys b\/p0(0\d|1[0-8])\//.test(request)), 'the folders of the first page are not listed again');
});

test('a flat run of 20,000 keys sharing a long start is cut into ranges: every key once, in many requests at once', async () => {
  const keys = Array.from({ length: 20_000 }, (_, i) => `logs/file-${String(i).padStart(6, '0')}.json`);
  const s3 = bucketOf(keys);
  const listed = await keysOf(s3.asService(), 'logs/');
  assert.equal(listed.length, keys.length);
  assert.deepEqual(byteOrder(listed), byteOrder(keys));
  const ranges = s3.requests.filter((request) => request.includes(' after '));
  assert.ok(ranges.length >= 10, `cut into ranges, not one serial listing: ${ranges.length} range listings`);
});

test('odd keys — unicode beyond the BMP, "+ % # ?", keys equal to the cut points, a key and a folder of one name — are each listed once', async () => {
  const keys = [
    'a', 'a/b', 'a/b/c', 'a-', 'a.', 'a0', 'a9', 'aZ', 'a_', 'az', 'a~', 'aé', 'a😀', 'a😀b', '😀', 'é', '+ % # ?', ' space', '-', '.', '/', '//x',
    ...Array.from({ length: 3000 }, (_, i) => `a${String.fromCodePoint(0x1f600 + (i % 50))}${i}`),
  ];
  const listed = await keysOf(bucketOf(keys).asService(), '', 3);
  assert.equal(listed.length, keys.length);
  assert.deepEqual(byteOrder(listed), byteOrder(keys));
});

test('never more listing requests at once than the concurrency', async () => {
  const s3 = bucketOf(Array.from({ length: 30 }, (_, folder) => Array.from({ length: 1500 }, (_, i) => `f${folder}/${i}`)).flat());
  const service = s3.asService();
  let open = 0;
  let most = 0;
  const counting = new Proxy(service, {
    get: (target, property, receiver) =>
      property === 'listKeys'
        ? async function* (...args: Parameters<S3Service['listKeys']>) {
            most = Math.max(most, ++open);
            try {
              for await (const page of target.listKeys(...args)) {
                await new Promise((resolve) => setTimeout(resolve, 1));
                yield page;
              }
            } finally {
              open--;
            }
          }
        : Reflect.get(target, property, receiver),
  });
  assert.equal((await keysOf(counting, '', 4)).length, 45_000);
  assert.ok(most <= 4 && most >= 2, `at most 4 at once, and more than one: ${most}`);
});

test('a listing that fails stops the others and throws its error; a cancel throws too', async () => {
  // 20 folders of 100 keys: the first plain page covers 10 of them, f7/ is listed on its own.
  const s3 = bucketOf(Array.from({ length: 20 }, (_, folder) => Array.from({ length: 100 }, (_, i) => `f${folder}/x${i}`)).flat());
  const service = s3.asService();
  const failing = new Proxy(service, {
    get: (target, property, receiver) =>
      property === 'listKeys'
        ? (bucket: string, prefix: string, signal?: AbortSignal, after?: string) => {
            if (prefix === 'f7/') {
              throw new S3Error('AccessDenied', 'Access Denied to f7/', 'AccessDenied');
            }
            return target.listKeys(bucket, prefix, signal, after);
          }
        : Reflect.get(target, property, receiver),
  });
  await assert.rejects(keysOf(failing, ''), /Access Denied to f7\//);
  const cancel = new AbortController();
  cancel.abort();
  await assert.rejects(async () => {
    for await (const page of listKeysInParallel(service, 'b', '', { concurrency: 2, signal: cancel.signal })) {
      assert.ok(page);
    }
  });
});

test('no request is wasted: up to 1,000 keys are one request, a folder of 1,999 keys is that and one listing of the rest, and 20,000 numbered keys take few more requests than pages', async () => {
  const few = bucketOf(Array.from({ length: 1000 }, (_, i) => `d${i % 10}/report-${String(i).padStart(4, '0')}.csv`));
  assert.equal((await keysOf(few.asService(), '')).length, 1000);
  assert.deepEqual(few.requests, ['list flat b/'], '1,000 keys in 10 folders');
  const s3 = bucketOf(Array.from({ length: 1999 }, (_, i) => `dir/report-${String(i).padStart(4, '0')}.csv`));
  assert.equal((await keysOf(s3.asService(), '')).length, 1999);
  assert.deepEqual(s3.requests, ['list flat b/', 'list b/', 'list keys b/dir/ after dir/report-0999.csv']);
  const many = bucketOf(Array.from({ length: 20_000 }, (_, i) => `logs/file-${String(i).padStart(6, '0')}.json`));
  assert.equal((await keysOf(many.asService(), 'logs/')).length, 20_000);
  const listings = many.requests.filter((request) => request.startsWith('list'));
  assert.ok(listings.length <= 80, `${listings.length} listing requests for 20 pages of keys`);
});
