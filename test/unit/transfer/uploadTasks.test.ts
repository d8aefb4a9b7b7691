import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { S3Error } from '../../../src/s3/errors';
import type { S3Service } from '../../../src/s3/service';
import type { PutObjectRequest } from '../../../src/s3/types';
import { runTransfers } from '../../../src/transfer/transferEngine';
import { findExistingKeys, planUpload, type ExistingObject } from '../../../src/transfer/uploadPlan';
import { isPlainMd5, uploadTasks } from '../../../src/transfer/uploadTasks';

let root: string;

before(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 's3b-upload-unit-'));
  const files: Record<string, string> = { 'photos/a/b.jpg': 'jpg', 'photos/c.txt': 'c', 'single.csv': 'x,y', 'other/single.csv': 'another x,y' };
  for (const [relative, content] of Object.entries(files)) {
    await fs.mkdir(path.dirname(path.join(root, relative)), { recursive: true });
    await fs.writeFile(path.join(root, relative), content);
  }
  await fs.mkdir(path.join(root, 'photos', 'empty', 'deeper'), { recursive: true });
  await fs.symlink(path.join(root, 'photos'), path.join(root, 'photos', 'a', 'back-to-photos'));
});

after(() => fs.rm(root, { recursive: true, force: true }));

/** A service that records what is put, reading each body to the end (as S3 would). */
function recordingService(existing: Record<string, ExistingObject> = {}): { service: S3Service; puts: Array<Omit<PutObjectRequest, 'body'> & { body: Buffer; streamed: boolean }> } {
  const puts: Array<Omit<PutObjectRequest, 'body'> & { body: Buffer; streamed: boolean }> = [];
  const service = {
    async putObject(request: PutObjectRequest) {
      const streamed = !(request.body instanceof Uint8Array);
      const chunks: Buffer[] = [];
      for await (const chunk of streamed ? (request.body as AsyncIterable<Uint8Array>) : [request.body as Uint8Array]) {
        chunks.push(Buffer.from(chunk));
      }
      puts.push({ ...request, body: Buffer.concat(chunks), streamed });
      return {};
    },
    async headObject(_bucket: string, key: string) {
      const found = existing[key];
      if (!found) {
        throw new S3Error('NotFound', `no ${key}`);
      }
      return { key, ...found };
    },
    async *listKeys(_bucket: string, prefix: string) {
      yield Object.entries(existing)
        .filter(([key]) => key.startsWith(prefix))
        .map(([key, object]) => ({ key, ...object }));
    },
  } as unknown as S3Service;
  return { service, puts };
}

test('a chosen folder keeps its layout under the destination; a symlink loop is skipped, empty folders give nothing', async () => {
  const plan = await planUpload([path.join(root, 'photos')]);
  assert.deepEqual(
    plan.files.map((file) => file.relativePath),
    ['photos/a/b.jpg', 'photos/c.txt'],
  );
  assert.deepEqual(plan.roots, [{ relativePath: 'photos', isFolder: true, files: 2 }]);
  assert.equal(plan.skipped.length, 1);
  assert.equal(plan.skipped[0].path, path.join(root, 'photos', 'a', 'back-to-photos'));
  assert.match(plan.skipped[0].reason, /symbolic link loop/);
  assert.equal(plan.bytes, 4);
});

test('a folder of more entries than are stat\'ed at once keeps name order, sizes and bytes; a broken link among them is unreadable, the rest planned', async () => {
  const folder = await fs.mkdtemp(path.join(os.tmpdir(), 's3b-upload-wide-'));
  const names = Array.from({ length: 150 }, (_, index) => `f-${String(149 - index).padStart(3, '0')}.txt`);
  for (const [index, name] of names.entries()) {
    await fs.writeFile(path.join(folder, name), 'x'.repeat(index));
  }
  await fs.symlink(path.join(folder, 'missing'), path.join(folder, 'f-075-broken'));
  try {
    const plan = await planUpload([folder]);
    const base = path.basename(folder);
    assert.deepEqual(
      plan.files.map((file) => file.relativePath),
      [...names].sort().map((name) => `${base}/${name}`),
    );
    assert.deepEqual(
      plan.files.map((file) => file.size),
      [...names].sort().map((name) => names.indexOf(name)),
    );
    assert.equal(plan.bytes, (149 * 150) / 2);
    assert.deepEqual(plan.unreadable.map((entry) => entry.path), [path.join(folder, 'f-075-broken')]);
    assert.deepEqual(plan.roots, [{ relativePath: base, isFolder: true, files: 150 }]);
  } finally {
    await fs.rm(folder, { recursive: true });
  }
});

test('each file goes to prefix + relative path with its Content-Type and the options (a file above 1 MiB streamed, a small one read whole); skipped entries are reported', async () => {
  const bigFolder = await fs.mkdtemp(path.join(os.tmpdir(), 's3b-upload-big-'));
  const big = Buffer.alloc(1024 * 1024 + 1, 7);
  await fs.writeFile(path.join(bigFolder, 'big.bin'), big);
  const plan = await planUpload([path.join(root, 'photos'), path.join(root, 'single.csv'), path.join(bigFolder, 'big.bin')]);
  const { service, puts } = recordingService();
  const tasks = uploadTasks(service, { bucket: 'b', prefix: 'p/' }, plan, { storageClass: 'STANDARD_IA', serverSideEncryption: 'aws:kms', kmsKeyId: 'k1', cannedAcl: 'private', cacheControl: 'max-age=1' }, new Map(), 'overwrite');
  const outcome = await runTransfers(tasks, { concurrency: 2 });
  await fs.rm(bigFolder, { recursive: true });
  assert.equal(outcome.succeeded, 4);
  assert.equal(outcome.skipped.length, 1);
  assert.equal(outcome.bytesDone, 7 + big.length);
  const byKey = new Map(puts.map((put) => [put.key, put]));
  assert.deepEqual([...byKey.keys()].sort(), ['p/big.bin', 'p/photos/a/b.jpg', 'p/photos/c.txt', 'p/single.csv']);
  const bigPut = byKey.get('p/big.bin')!;
  assert.equal(bigPut.streamed, true, 'above 1 MiB a stream, never a whole-file buffer');
  assert.deepEqual([bigPut.size, bigPut.body.equals(big)], [big.length, true]);
  const csv = byKey.get('p/single.csv')!;
  assert.equal(csv.streamed, false, 'a small file is read whole');
  assert.equal(csv.body.toString(), 'x,y');
  assert.equal(csv.contentType, 'text/csv; charset=utf-8');
  assert.deepEqual([csv.storageClass, csv.serverSideEncryption, csv.kmsKeyId, csv.cannedAcl, csv.cacheControl], ['STANDARD_IA', 'aws:kms', 'k1', 'private', 'max-age=1']);
  assert.equal(byKey.get('p/photos/a/b.jpg')!.contentType, 'image/jpeg');
  assert.ok(tasks.every((task) => task.label.includes(' → s3://b/p/') || task.label.endsWith('back-to-photos')), tasks.map((task) => task.label).join('\n'));
});

test('a large file is read incrementally, not in one chunk: a 64 MiB file reaches putObject as a stream of chunks of at most 1 MiB, and while the first chunk is held the process holds far less than the file', async () => {
  const MiB = 1024 * 1024;
  const folder = await fs.mkdtemp(path.join(os.tmpdir(), 's3b-upload-large-'));
  const file = path.join(folder, 'large.bin');
  // 64 MiB written 1 MiB at a time (each MiB marked with its index), so the test itself never holds the file.
  const block = Buffer.alloc(MiB, 0x5a);
  const expected = createHash('sha256');
  const handle = await fs.open(file, 'w');
  for (let index = 0; index < 64; index++) {
    block.writeUInt32BE(index, 0);
    expected.update(block);
    await handle.write(block);
  }
  await handle.close();
  const chunkSizes: number[] = [];
  const received = createHash('sha256');
  let body: PutObjectRequest['body'] | undefined;
  let heldAtFirstChunk = Number.NaN;
  const baseline = process.memoryUsage().arrayBuffers;
  const service = {
    async putObject(request: PutObjectRequest) {
      body = request.body;
      // A buffer counts as one chunk (iterating it would go byte by byte).
      for await (const chunk of request.body instanceof Uint8Array ? [request.body] : request.body) {
        if (chunkSizes.length === 0) {
          // A slow first part: the reading must wait for it, not run ahead through the file.
          await new Promise((resolve) => setTimeout(resolve, 100));
          heldAtFirstChunk = process.memoryUsage().arrayBuffers - baseline;
        }
        chunkSizes.push(chunk.byteLength);
        received.update(chunk);
      }
      return {};
    },
  } as unknown as S3Service;
  try {
    const plan = await planUpload([file]);
    const outcome = await runTransfers(uploadTasks(service, { bucket: 'b', prefix: '' }, plan, {}, new Map(), 'overwrite'), { concurrency: 1 });
    assert.equal(outcome.succeeded, 1, JSON.stringify(outcome.failed));
  } finally {
    await fs.rm(folder, { recursive: true, force: true });
  }
  assert.ok(body !== undefined && !(body instanceof Uint8Array) && Symbol.asyncIterator in Object(body), 'putObject got a stream, not a buffer of the file');
  assert.equal(chunkSizes.reduce((sum, size) => sum + size, 0), 64 * MiB);
  assert.equal(received.digest('hex'), expected.digest('hex'), 'every byte, in order');
  assert.ok(chunkSizes.length >= 64, `in ${chunkSizes.length} chunks`);
  assert.ok(Math.max(...chunkSizes) <= MiB, `the largest chunk is ${Math.max(...chunkSizes)} bytes`);
  assert.ok(heldAtFirstChunk < 16 * MiB, `${(heldAtFirstChunk / MiB).toFixed(1)} MiB of buffers were held while the first chunk waited (the file is 64 MiB)`);
});

test('a key over 1024 bytes and a second file for the same key fail alone; the others are uploaded', async () => {
  const plan = await planUpload([path.join(root, 'single.csv'), path.join(root, 'other', 'single.csv'), path.join(root, 'photos', 'c.txt')]);
  const { service, puts } = recordingService();
  const outcome = await runTransfers(uploadTasks(service, { bucket: 'b', prefix: '' }, plan, {}, new Map(), 'overwrite'), { concurrency: 1 });
  assert.equal(outcome.succeeded, 2);
  assert.deepEqual(
    outcome.failed.map((failure) => [failure.label, (failure.error as Error).message]),
    [[`${path.join(root, 'other', 'single.csv')} → s3://b/single.csv`, `${path.join(root, 'single.csv')} goes to the same key; not uploaded twice.`]],
  );
  assert.equal(puts.find((put) => put.key === 'single.csv')!.body.toString(), 'x,y', 'the first chosen file keeps the key');

  const long = { bucket: 'b', prefix: `${'x'.repeat(1020)}/` };
  const longOutcome = await runTransfers(uploadTasks(service, long, plan, {}, new Map(), 'overwrite'), { concurrency: 1 });
  assert.equal(longOutcome.succeeded, 0);
  assert.match((longOutcome.failed[0].error as Error).message, /bytes of UTF-8; S3 keys are at most 1024/);
});

test('existing keys: skip existing, skip unchanged by size and MD5 (by size alone for a multipart ETag, said in the reason), overwrite', async () => {
  const plan = await planUpload([path.join(root, 'photos', 'c.txt'), path.join(root, 'single.csv')]);
  const md5 = (text: string) => createHash('md5').update(text).digest('hex');
  const existing = new Map<string, ExistingObject>([
    ['c.txt', { size: 1, etag: `"${md5('c')}"` }],
    ['single.csv', { size: 3, etag: `"${md5('x,z')}"` }],
  ]);
  const destination = { bucket: 'b', prefix: '' };

  const skipUnchanged = recordingService();
  const outcome = await runTransfers(uploadTasks(skipUnchanged.service, destination, plan, {}, existing, 'skipUnchanged'), { concurrency: 1 });
  assert.deepEqual(outcome.skipped.map((skip) => skip.reason), ['unchanged (same size and MD5)']);
  assert.deepEqual(skipUnchanged.puts.map((put) => put.key), ['single.csv'], 'same size, other MD5: uploaded');
  assert.equal(outcome.bytesDone, 4, 'hashed bytes of the changed file are not counted twice');

  const multipart = new Map([...existing, ['single.csv', { size: 3, etag: '"0123456789abcdef0123456789abcdef-2"' }]]);
  const bySize = await runTransfers(uploadTasks(recordingService().service, destination, plan, {}, multipart, 'skipUnchanged'), { concurrency: 1 });
  assert.match(bySize.skipped.find((skip) => skip.label.endsWith('single.csv'))!.reason, /ETag is not an MD5 .* the content was not compared/);

  const skipExisting = recordingService();
  assert.equal((await runTransfers(uploadTasks(skipExisting.service, destination, plan, {}, existing, 'skipExisting'), { concurrency: 1 })).skipped.length, 2);
  assert.deepEqual(skipExisting.puts, []);

  const overwrite = recordingService();
  await runTransfers(uploadTasks(overwrite.service, destination, plan, {}, existing, 'overwrite'), { concurrency: 1 });
  assert.equal(overwrite.puts.length, 2);
});

test('existing keys are found with HEAD for a few files and by listing a chosen folder with many', async () => {
  const many = await fs.mkdtemp(path.join(os.tmpdir(), 's3b-upload-many-'));
  try {
    for (let i = 0; i < 60; i++) {
      await fs.writeFile(path.join(many, `f${i}.txt`), String(i));
    }
    const plan = await planUpload([many, path.join(root, 'single.csv')]);
    const folder = path.basename(many);
    const { service } = recordingService({ [`d/${folder}/f7.txt`]: { size: 1, etag: '"e"' }, 'd/single.csv': { size: 3 }, [`d/${folder}/unrelated`]: { size: 9 } });
    const heads: string[] = [];
    const headObject = service.headObject.bind(service);
    service.headObject = (bucket, key, ...rest) => (heads.push(key), headObject(bucket, key, ...rest));
    const existing = await findExistingKeys(service, { bucket: 'b', prefix: 'd/' }, plan, 4);
    assert.deepEqual([...existing.keys()].sort(), [`d/${folder}/f7.txt`, 'd/single.csv']);
    assert.deepEqual(heads, ['d/single.csv'], 'the folder of 60 files was listed, not HEAD 60 times');
  } finally {
    await fs.rm(many, { recursive: true, force: true });
  }
});

test('an ETag is an MD5 only without a multipart suffix', () => {
  assert.equal(isPlainMd5('"0123456789abcdef0123456789abcdef"'), true);
  assert.equal(isPlainMd5('0123456789ABCDEF0123456789ABCDEF'), true);
  assert.equal(isPlainMd5('"0123456789abcdef0123456789abcdef-3"'), false);
  assert.equal(isPlainMd5(undefined), false);
});
