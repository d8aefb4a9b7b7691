import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test, type TestContext } from 'node:test';
import type { S3Service } from '../../../../src/s3/service';
import { runTransfers } from '../../../../src/transfer/transferEngine';
import { hasWork, mtimeMetadata, planSync, type SyncOptions, type SyncPair, type SyncPlan } from '../../../../src/transfer/sync/syncPlan';
import type { SyncRecords } from '../../../../src/transfer/sync/syncRecords';
import { syncTaskPages } from '../../../../src/transfer/sync/syncTasks';
import { MemoryS3Service } from '../../../support/memoryS3Service';

const KEEP: SyncOptions = { deleteExtras: false, compareContent: false, exclude: ['.git/', 'node_modules/'] };
const DELETE: SyncOptions = { ...KEEP, deleteExtras: true };
const signal = new AbortController().signal;

async function tempFolder(t: TestContext): Promise<string> {
  const folder = await fs.mkdtemp(path.join(os.tmpdir(), 's3b-sync-'));
  t.after(() => fs.rm(folder, { recursive: true, force: true }));
  return folder;
}

async function writeFiles(folder: string, files: Record<string, string>): Promise<void> {
  for (const [relative, text] of Object.entries(files)) {
    await fs.mkdir(path.dirname(path.join(folder, relative)), { recursive: true });
    await fs.writeFile(path.join(folder, relative), text);
  }
}

function plan(service: S3Service, pair: SyncPair, options: SyncOptions, records: SyncRecords = new Map()): Promise<SyncPlan> {
  return planSync(pair, options, { service, concurrency: 4, partSize: 8 * 1024 * 1024, records, signal });
}

async function run(service: S3Service, planned: SyncPlan) {
  const outcome = await runTransfers(syncTaskPages(service, planned, {}), { concurrency: 4 });
  return outcome;
}

const upload = (localFolder: string): SyncPair => ({ direction: 'upload', localFolder, connectionName: 'test', bucket: 'b', prefix: 'site/' });
const download = (localFolder: string): SyncPair => ({ direction: 'download', localFolder, connectionName: 'test', bucket: 'b', prefix: 'site/' });

test('upload: nested, odd and empty files go up with their mtime; .git/ and node_modules/ do not; the second run finds all unchanged without a HEAD', async (t) => {
  const local = await tempFolder(t);
  await writeFiles(local, { 'index.html': '<h1>', 'css/a b+c%#?.css': 'x', 'ünïcode/日本.txt': 'ja', 'empty.txt': '', '.git/config': 'secret', 'web/node_modules/m/index.js': 'm' });
  const s3 = new MemoryS3Service({ b: { 'other/keep.txt': 'k' } });
  const service = s3.asService();
  const first = await plan(service, upload(local), KEEP);
  assert.deepEqual(first.transfers.map((transfer) => [transfer.relativePath, transfer.reason]), [
    ['css/a b+c%#?.css', 'missing'],
    ['empty.txt', 'missing'],
    ['index.html', 'missing'],
    ['ünïcode/日本.txt', 'missing'],
  ]);
  assert.equal(first.compared.excluded, 2, 'the two folders, not walked');
  const outcome = await run(service, first);
  assert.equal(outcome.succeeded, 4);
  assert.deepEqual(Object.keys(s3.contents('b')).sort(), ['other/keep.txt', 'site/css/a b+c%#?.css', 'site/empty.txt', 'site/index.html', 'site/ünïcode/日本.txt']);
  const { mtimeMs } = await fs.stat(path.join(local, 'index.html'));
  assert.deepEqual((await service.headObject('b', 'site/index.html')).metadata, mtimeMetadata(mtimeMs));
  const second = await plan(service, upload(local), KEEP, first.records);
  assert.equal(hasWork(second), false);
  assert.equal(second.unchanged.length, 4);
  assert.equal(second.heads, 0);
});

test('upload: a same-size change with an older time is seen through the record, which comparing times alone misses', async (t) => {
  const local = await tempFolder(t);
  await writeFiles(local, { 'a.txt': 'aaaa', 'b.txt': 'bbbb' });
  const s3 = new MemoryS3Service({ b: {} });
  const service = s3.asService();
  const first = await plan(service, upload(local), KEEP);
  await run(service, first);
  await fs.writeFile(path.join(local, 'a.txt'), 'AAAA');
  const past = new Date(Date.now() - 3_600_000);
  await fs.utimes(path.join(local, 'a.txt'), past, past);
  const withRecord = await plan(service, upload(local), KEEP, first.records);
  assert.deepEqual(withRecord.transfers.map((transfer) => [transfer.relativePath, transfer.reason]), [['a.txt', 'changedSinceSync']]);
  const timesOnly = await plan(service, upload(local), KEEP, new Map());
  assert.equal(timesOnly.transfers.length, 0, 'as aws s3 sync would: the file is older than the object');
  await run(service, withRecord);
  assert.equal(s3.contents('b')['site/a.txt'], 'AAAA');
});

test('upload without a record: a file newer than its object is HEADed, and the mtime metadata decides', async (t) => {
  const local = await tempFolder(t);
  await writeFiles(local, { 'same.txt': 'same', 'edited.txt': 'new!' });
  const s3 = new MemoryS3Service({ b: {} });
  const service = s3.asService();
  const future = new Date(Date.now() + 3_600_000);
  for (const name of ['same.txt', 'edited.txt']) {
    await fs.utimes(path.join(local, name), future, future);
  }
  const { mtimeMs } = await fs.stat(path.join(local, 'same.txt'));
  await service.putObject({ bucket: 'b', key: 'site/same.txt', body: Buffer.from('same'), metadata: mtimeMetadata(mtimeMs) });
  await service.putObject({ bucket: 'b', key: 'site/edited.txt', body: Buffer.from('old!') });
  const planned = await plan(service, upload(local), KEEP);
  assert.equal(planned.heads, 2);
  assert.deepEqual(planned.unchanged, ['same.txt']);
  assert.deepEqual(planned.transfers.map((transfer) => [transfer.relativePath, transfer.reason]), [['edited.txt', 'newer']]);
});

test('extras are kept and counted unless deleting is on; then exactly they are deleted, excluded keys never', async (t) => {
  const local = await tempFolder(t);
  await writeFiles(local, { 'a.txt': 'a' });
  const s3 = new MemoryS3Service({ b: { 'site/a.txt': 'a', 'site/gone.txt': 'gone', 'site/node_modules/x.js': 'x', 'site-old/a.txt': 'z', 'site/folder/': '' } });
  const service = s3.asService();
  const kept = await plan(service, upload(local), KEEP);
  assert.deepEqual(kept.extras.map((extra) => ('key' in extra ? extra.key : '')), ['site/gone.txt']);
  await run(service, kept);
  assert.ok('site/gone.txt' in s3.contents('b'));
  const deleting = await plan(service, upload(local), DELETE);
  const outcome = await run(service, deleting);
  assert.equal(outcome.failed.length, 0);
  assert.deepEqual(Object.keys(s3.contents('b')).sort(), ['site-old/a.txt', 'site/a.txt', 'site/folder/', 'site/node_modules/x.js']);
});

test('a listing that fails part-way stops the sync before anything is written or deleted', async (t) => {
  const local = await tempFolder(t);
  await writeFiles(local, { 'new.txt': 'n' });
  const s3 = new MemoryS3Service({ b: Object.fromEntries(Array.from({ length: 2500 }, (_, i) => [`site/k${String(i).padStart(4, '0')}`, 'x'])) });
  const service = s3.asService();
  const failing = new Proxy(service, {
    get: (target, property, receiver) =>
      property === 'listKeys'
        ? async function* (...args: Parameters<S3Service['listKeys']>) {
            let pages = 0;
            for await (const page of target.listKeys(...args)) {
              if (++pages === 2) {
                throw new Error('connection reset');
              }
              yield page;
            }
          }
        : Reflect.get(target, property, receiver),
  });
  await assert.rejects(plan(failing, upload(local), DELETE), /connection reset/);
  assert.equal(s3.requests.filter((request) => !request.startsWith('list')).length, 0, s3.requests.filter((request) => !request.startsWith('list')).join('\n'));
  assert.equal(Object.keys(s3.contents('b')).length, 2500);
});

test('an entry of the local folder that cannot be read stops a sync that would delete extras in S3', async (t) => {
  const local = await tempFolder(t);
  await writeFiles(local, { 'a.txt': 'a' });
  // A pipe sorts first and is skipped on purpose: the message must name the entry that could not be read.
  execFileSync('mkfifo', [path.join(local, 'a-pipe')]);
  await fs.symlink(path.join(local, 'nowhere'), path.join(local, 'broken'));
  const s3 = new MemoryS3Service({ b: { 'site/broken/data.txt': 'precious' } });
  await assert.rejects(plan(s3.asService(), upload(local), DELETE), (error: Error) => error.message.includes(`could not be read completely (${path.join(local, 'broken')})`));
  const keeping = await plan(s3.asService(), upload(local), KEEP);
  assert.equal(keeping.problems.length, 2, 'without deleting, the sync goes on and reports the link and the pipe');
});

test('download: odd keys get safe names (renamed or refused, reported), files get the mtime metadata, the second run finds all unchanged', async (t) => {
  const local = await tempFolder(t);
  const s3 = new MemoryS3Service({ b: {} });
  const service = s3.asService();
  const stamped = Date.parse('2024-03-01T10:20:30.456Z');
  await service.putObject({ bucket: 'b', key: 'site/report.csv', body: Buffer.from('1,2'), metadata: mtimeMetadata(stamped) });
  for (const key of ['site/a', 'site/a/b', 'site/../escape', 'site/q?.txt', 'site/ünï.txt', 'site/empty']) {
    await service.putObject({ bucket: 'b', key, body: Buffer.from(key === 'site/empty' ? '' : key) });
  }
  await writeFiles(local, { 'local-only.txt': 'mine' });
  const first = await plan(service, download(local), KEEP);
  assert.equal(first.problems.length, 1, 'site/../escape is refused');
  const outcome = await run(service, first);
  assert.equal(outcome.failed.length, 1);
  assert.deepEqual(outcome.renamed.map((renamed) => renamed.label.split(' → ')[1]).sort(), ['a (2)', 'q%3F.txt']);
  assert.equal(await fs.readFile(path.join(local, 'a', 'b'), 'utf8'), 'site/a/b');
  assert.equal((await fs.stat(path.join(local, 'report.csv'))).mtimeMs, stamped);
  assert.equal(await fs.readFile(path.join(local, 'local-only.txt'), 'utf8'), 'mine', 'kept: deleting is off');
  const second = await plan(service, download(local), KEEP, first.records);
  assert.deepEqual(second.transfers, []);
  assert.equal(second.heads, 0);
  await service.putObject({ bucket: 'b', key: 'site/report.csv', body: Buffer.from('3,4') });
  const third = await plan(service, download(local), DELETE, second.records);
  assert.deepEqual(third.transfers.map((transfer) => [transfer.relativePath, transfer.reason]), [['report.csv', 'changedSinceSync']]);
  assert.deepEqual(third.extras.map((extra) => ('relativePath' in extra ? extra.relativePath : '')), ['local-only.txt']);
  await run(service, third);
  assert.equal(await fs.readFile(path.join(local, 'report.csv'), 'utf8'), '3,4');
  await assert.rejects(fs.stat(path.join(local, 'local-only.txt')), /ENOENT/);
});

test('10,000 unchanged files are compared from the listings and the records alone: no HEAD, no read', async (t) => {
  const local = await tempFolder(t);
  const files = Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`d${i % 10}/f${i}.txt`, `${i}`]));
  await writeFiles(local, files);
  const s3 = new MemoryS3Service({ b: {} });
  const service = s3.asService();
  const first = await plan(service, upload(local), KEEP);
  await run(service, first);
  const before = s3.requests.length;
  const second = await plan(service, upload(local), KEEP, first.records);
  assert.equal(second.unchanged.length, 10_000);
  assert.equal(second.heads, 0);
  assert.ok(s3.requests.slice(before).every((request) => request.startsWith('list')), 'only listings');
});
