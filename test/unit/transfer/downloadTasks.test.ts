import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, test } from 'node:test';
import type { S3Service } from '../../../src/s3/service';
import type { ObjectStream } from '../../../src/s3/types';
import { downloadTask, localPath, partialName, type DownloadEntry } from '../../../src/transfer/downloadTasks';
import type { Placement } from '../../../src/transfer/localNames';
import { runTransfers } from '../../../src/transfer/transferEngine';

let folder: string;

beforeEach(async () => {
  folder = await fs.mkdtemp(path.join(os.tmpdir(), 's3b-download-unit-'));
});

afterEach(async () => {
  await fs.rm(folder, { recursive: true, force: true });
});

/** Every file and folder under `root`, relative, sorted. */
async function tree(root: string): Promise<string[]> {
  return (await fs.readdir(root, { recursive: true })).map(String).sort();
}

/**
 * A service whose GetObject streams `chunks`, then optionally fails or stops short (a connection cut),
 * and whose declared size can lie; `onChunk` runs after each chunk is handed over.
 */
function serviceStreaming(chunks: Uint8Array[], options: { size?: number; failAfter?: Error; onChunk?: (index: number) => void | Promise<void> } = {}): S3Service & { discarded: number } {
  const service = {
    discarded: 0,
    async getObjectStream(_bucket: string, _key: string, _versionId?: string, signal?: AbortSignal): Promise<ObjectStream> {
      signal?.throwIfAborted();
      const body = (async function* () {
        for (const [index, chunk] of chunks.entries()) {
          yield chunk;
          await options.onChunk?.(index);
        }
        if (options.failAfter) {
          throw options.failAfter;
        }
      })();
      return { body, size: options.size ?? chunks.reduce((sum, chunk) => sum + chunk.byteLength, 0), discard: () => service.discarded++ };
    },
  };
  return service as unknown as S3Service & { discarded: number };
}

function entry(service: S3Service, key: string, placement: Placement, size = 0): DownloadEntry {
  return { service, bucket: 'b', key, size, placement };
}

const file = (relativePath: string, renamed?: string): Placement => ({ kind: 'file', relativePath, renamed });

test('an object streams to its place, bytes reported as they arrive, and no temporary file stays', async () => {
  const service = serviceStreaming([Buffer.from('hello '), Buffer.from('world')]);
  const reported: number[] = [];
  const task = downloadTask(entry(service, 'p/q/a.txt', file('q/a.txt'), 11), folder, 'overwrite');
  assert.equal(task.label, 's3://b/p/q/a.txt → q/a.txt');
  assert.equal(task.bytes, 11);
  assert.equal(await task.run(new AbortController().signal, (bytes) => reported.push(bytes)), undefined);
  assert.equal(await fs.readFile(path.join(folder, 'q', 'a.txt'), 'utf8'), 'hello world');
  assert.deepEqual(reported, [6, 5]);
  assert.deepEqual(await tree(folder), ['q', 'q/a.txt']);
});

test('a renamed placement succeeds and says why it was renamed', async () => {
  const task = downloadTask(entry(serviceStreaming([Buffer.from('x')]), 'p/a:b', file('a%3Ab', 'characters replaced'), 1), folder, 'overwrite');
  assert.deepEqual(await task.run(new AbortController().signal, () => undefined), { renamed: 'characters replaced' });
  assert.deepEqual(await tree(folder), ['a%3Ab']);
});

test('a folder key creates a folder; a 0-byte object a 0-byte file', async () => {
  await downloadTask(entry(serviceStreaming([]), 'p/q/', { kind: 'folder', relativePath: 'q' }), folder, 'overwrite').run(new AbortController().signal, () => undefined);
  await downloadTask(entry(serviceStreaming([]), 'p/q/empty', file('q/empty')), folder, 'overwrite').run(new AbortController().signal, () => undefined);
  assert.ok((await fs.stat(path.join(folder, 'q'))).isDirectory());
  assert.equal((await fs.stat(path.join(folder, 'q', 'empty'))).size, 0);
  assert.deepEqual(await tree(folder), ['q', 'q/empty']);
});

test('a refused key fails with its reason, names the key, and writes nothing', async () => {
  const service = serviceStreaming([Buffer.from('evil')]);
  const outcome = await runTransfers([downloadTask(entry(service, 'p/../../x', { kind: 'refused', reason: 'it contains a ".." segment' }), folder, 'overwrite')], { concurrency: 1 });
  assert.deepEqual(
    outcome.failed.map((failure) => [failure.label, (failure.error as Error).message]),
    [['s3://b/p/../../x', 'Not downloaded: it contains a ".." segment.']],
  );
  assert.deepEqual(await tree(folder), []);
});

test('a stream that fails half-way leaves neither the file nor a temporary file, and keeps an existing file', async () => {
  await fs.writeFile(path.join(folder, 'a.bin'), 'the old one');
  const service = serviceStreaming([Buffer.alloc(1000, 1)], { failAfter: new Error('connection reset') });
  const task = downloadTask(entry(service, 'a.bin', file('a.bin'), 2000), folder, 'overwrite');
  await assert.rejects(task.run(new AbortController().signal, () => undefined), /connection reset/);
  assert.deepEqual(await tree(folder), ['a.bin']);
  assert.equal(await fs.readFile(path.join(folder, 'a.bin'), 'utf8'), 'the old one');
  assert.equal(service.discarded, 1, 'the connection is released');
});

test('a stream shorter than its Content-Length is not saved', async () => {
  const service = serviceStreaming([Buffer.alloc(10, 1)], { size: 20 });
  await assert.rejects(downloadTask(entry(service, 'a.bin', file('a.bin'), 20), folder, 'overwrite').run(new AbortController().signal, () => undefined), /Received 10 bytes of 20/);
  assert.deepEqual(await tree(folder), []);
});

test('a cancel half-way removes the temporary file', async () => {
  const abort = new AbortController();
  let sawPartial = false;
  const service = serviceStreaming([Buffer.alloc(100, 1), Buffer.alloc(100, 2), Buffer.alloc(100, 3)], {
    onChunk: async (index) => {
      if (index === 0) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        sawPartial = (await tree(folder)).some((name) => /^\.big\.s3b-partial-[0-9a-f]{8}$/.test(name));
        abort.abort();
      }
    },
  });
  await assert.rejects(downloadTask(entry(service, 'big', file('big'), 300), folder, 'overwrite').run(abort.signal, () => undefined));
  assert.ok(sawPartial, 'it was writing to a temporary file');
  assert.deepEqual(await tree(folder), []);
});

test('"skip existing" keeps the local file; "overwrite" replaces it whole', async () => {
  const target = path.join(folder, 'a.txt');
  await fs.writeFile(target, 'mine');
  const service = serviceStreaming([Buffer.from('theirs')]);
  const skip = await downloadTask(entry(service, 'a.txt', file('a.txt'), 6), folder, 'skip').run(new AbortController().signal, () => undefined);
  assert.deepEqual(skip, { skipped: `${target} already exists (kept)` });
  assert.equal(await fs.readFile(target, 'utf8'), 'mine');
  await downloadTask(entry(service, 'a.txt', file('a.txt'), 6), folder, 'overwrite').run(new AbortController().signal, () => undefined);
  assert.equal(await fs.readFile(target, 'utf8'), 'theirs');
});

test('localPath refuses anything outside the folder (the last guard behind the placement rules)', () => {
  assert.equal(localPath(folder, 'q/a.txt'), path.join(folder, 'q', 'a.txt'));
  assert.throws(() => localPath(folder, '../x'), /is not inside/);
  assert.throws(() => localPath(folder, 'q/../../x'), /is not inside/);
  assert.throws(() => localPath(folder, '/etc/passwd'), /is not inside/);
  assert.throws(() => localPath(folder, ''), /is not inside/);
});

test('localPath under a filesystem root (/, a drive, a UNC share) keeps files inside it and still refuses climbing out and the root itself', () => {
  assert.equal(localPath('/', 'q/a.txt', path.posix), '/q/a.txt');
  assert.equal(localPath('/', '..hidden', path.posix), '/..hidden', 'a name starting with two dots does not climb');
  assert.equal(localPath('C:\\', 'q/a.txt', path.win32), 'C:\\q\\a.txt');
  assert.equal(localPath('\\\\server\\share\\', 'q/a.txt', path.win32), '\\\\server\\share\\q\\a.txt');
  for (const [root, paths] of [['/', path.posix], ['C:\\', path.win32], ['\\\\server\\share\\', path.win32]] as const) {
    for (const outside of ['../x', 'q/../../x', '', '.', 'q/..']) {
      assert.throws(() => localPath(root, outside, paths), /is not inside/, `${root} + ${outside}`);
    }
  }
  assert.throws(() => localPath('C:\\', 'D:\\x', path.win32), /is not inside/, 'another drive');
  assert.throws(() => localPath('\\\\server\\share\\', '\\\\server\\other\\x', path.win32), /is not inside/, 'another share');
});

test('temporary names are hidden, recognisable, and fit a 255-byte name limit', () => {
  assert.match(partialName('report.csv'), /^\.report\.csv\.s3b-partial-[0-9a-f]{8}$/);
  assert.match(partialName('a'.repeat(250)), /^\.s3b-partial-[0-9a-f]{8}$/);
});
