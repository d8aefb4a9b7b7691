import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test, type TestContext } from 'node:test';
import type { S3Service } from '../../../src/s3/service';
import { downloadInRanges, type RangedDownloadTuning } from '../../../src/transfer/rangedDownload';
import { MemoryS3Service } from '../../support/memoryS3Service';

const KiB = 1024;
const SMALL: RangedDownloadTuning = { aboveBytes: 256 * KiB, rangeBytes: 256 * KiB, inFlight: 4 };

async function target(t: TestContext): Promise<string> {
  const folder = await fs.mkdtemp(path.join(os.tmpdir(), 's3b-ranged-'));
  t.after(() => fs.rm(folder, { recursive: true, force: true }));
  return path.join(folder, 'big.bin');
}

/** The service with each ranged GET counted while in flight, and `onGet` run before the n-th. */
function watched(service: S3Service, onGet?: (count: number) => Promise<void>): { service: S3Service; most: () => number } {
  let open = 0;
  let most = 0;
  let count = 0;
  const proxy = new Proxy(service, {
    get: (inner, property, receiver) =>
      property === 'getObjectStream'
        ? async (...args: Parameters<S3Service['getObjectStream']>) => {
            await onGet?.(++count);
            most = Math.max(most, ++open);
            const stream = await inner.getObjectStream(...args);
            const body = stream.body;
            return {
              ...stream,
              body: (async function* () {
                try {
                  for await (const chunk of body) {
                    await new Promise((resolve) => setImmediate(resolve));
                    yield chunk;
                  }
                } finally {
                  open--;
                }
              })(),
            };
          }
        : Reflect.get(inner, property, receiver),
  });
  return { service: proxy, most: () => most };
}

test('an object is written byte for byte from ranges side by side: one GET per range, never more in flight than asked', async (t) => {
  const bytes = randomBytes(5 * 1024 * KiB + 123);
  const s3 = new MemoryS3Service({ b: {} });
  await s3.putObject({ bucket: 'b', key: 'big.bin', body: bytes });
  const file = await target(t);
  const { service, most } = watched(s3.asService());
  let counted = 0;
  const first = await downloadInRanges({ service, bucket: 'b', key: 'big.bin', size: bytes.length }, file, new AbortController().signal, (n) => (counted += n), SMALL);
  assert.ok((await fs.readFile(file)).equals(bytes));
  assert.equal(counted, bytes.length);
  assert.equal(s3.requests.filter((request) => request.startsWith('get b/big.bin ')).length, 21, '21 ranges of 256 KiB');
  assert.ok(most() <= 4 && most() >= 2, `at most 4 at once, more than 1: ${most()}`);
  assert.ok(first.etag);
});

test('an object replaced mid-download fails instead of mixing two versions: a range asked after the first response carries If-Match on its ETag', async () => {
  const s3 = new MemoryS3Service({ b: {} });
  await s3.putObject({ bucket: 'b', key: 'big.bin', body: randomBytes(2 * 1024 * KiB) });
  // 8 ranges, 4 at once: the 6th is asked once a response has come, so with If-Match.
  const { service } = watched(s3.asService(), async (count) => {
    if (count === 6) {
      await s3.putObject({ bucket: 'b', key: 'big.bin', body: randomBytes(2 * 1024 * KiB) });
    }
  });
  const file = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 's3b-ranged-')), 'big.bin');
  await assert.rejects(downloadInRanges({ service, bucket: 'b', key: 'big.bin', size: 2 * 1024 * KiB }, file, new AbortController().signal, () => undefined, SMALL), { message: 's3://b/big.bin was changed' });
  await fs.rm(path.dirname(file), { recursive: true, force: true });
});

test('an object whose size is not the listing\'s fails before a byte is written; a cancel stops every range', async (t) => {
  const s3 = new MemoryS3Service({ b: {} });
  await s3.putObject({ bucket: 'b', key: 'big.bin', body: randomBytes(1024 * KiB) });
  const file = await target(t);
  await assert.rejects(downloadInRanges({ service: s3.asService(), bucket: 'b', key: 'big.bin', size: 2048 * KiB }, file, new AbortController().signal, () => undefined, SMALL), /now has 1,048,576 bytes where the listing said 2,097,152/);
  await fs.rm(file);
  const cancel = new AbortController();
  const { service } = watched(s3.asService(), async (count) => {
    if (count === 2) {
      cancel.abort(new Error('cancelled by the user'));
    }
  });
  await assert.rejects(downloadInRanges({ service, bucket: 'b', key: 'big.bin', size: 1024 * KiB }, file, cancel.signal, () => undefined, SMALL), /cancelled by the user/);
});

test('the first ranges are asked together, without waiting for a first response', async (t) => {
  const s3 = new MemoryS3Service({ b: {} });
  await s3.putObject({ bucket: 'b', key: 'big.bin', body: randomBytes(2 * 1024 * KiB) });
  let asked = 0;
  let askedBeforeFirstAnswer = 0;
  const { service } = watched(s3.asService(), async (count) => {
    asked = count;
    if (count === 1) {
      // The first GET answers only once the others are asked, or after a while if they never are.
      for (let waited = 0; asked < 4 && waited < 50; waited++) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      askedBeforeFirstAnswer = asked;
    }
  });
  await downloadInRanges({ service, bucket: 'b', key: 'big.bin', size: 2 * 1024 * KiB }, await target(t), new AbortController().signal, () => undefined, SMALL);
  assert.ok(askedBeforeFirstAnswer >= 4, `all 4 asked before the first response, not ${askedBeforeFirstAnswer}`);
});

test('a range answered from another version of the object fails the download, even one asked before any response', async (t) => {
  const s3 = new MemoryS3Service({ b: {} });
  await s3.putObject({ bucket: 'b', key: 'big.bin', body: randomBytes(2 * 1024 * KiB) });
  let count = 0;
  // The third GET is answered with another ETag, as a server would after a replacement between the GETs.
  const service = new Proxy(s3.asService(), {
    get: (inner, property, receiver) =>
      property === 'getObjectStream'
        ? async (...args: Parameters<S3Service['getObjectStream']>) => {
            const stream = await inner.getObjectStream(...args);
            return ++count === 3 ? { ...stream, etag: '"another"' } : stream;
          }
        : Reflect.get(inner, property, receiver),
  });
  await assert.rejects(downloadInRanges({ service, bucket: 'b', key: 'big.bin', size: 2 * 1024 * KiB }, await target(t), new AbortController().signal, () => undefined, SMALL), /was changed by someone else while it was being downloaded/);
});
