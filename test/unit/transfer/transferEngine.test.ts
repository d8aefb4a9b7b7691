import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { runTransfers, type TransferTask } from '../../../src/transfer/transferEngine';

const tick = () => new Promise((resolve) => setImmediate(resolve));

function task(label: string, bytes: number, behaviour: 'ok' | 'fail' | 'skip' = 'ok'): TransferTask {
  return {
    label,
    bytes,
    async run(signal, addBytes) {
      addBytes(bytes / 2);
      await tick();
      signal.throwIfAborted();
      if (behaviour === 'fail') {
        throw new Error(`${label} refused`);
      }
      addBytes(bytes / 2);
      return behaviour === 'skip' ? { skipped: 'unchanged' } : undefined;
    },
  };
}

test('a batch goes on past failures and reports each one by name', async () => {
  const outcome = await runTransfers([task('a', 10), task('b', 10, 'fail'), task('c', 10), task('d', 10, 'skip')], { concurrency: 2 });
  assert.equal(outcome.succeeded, 2);
  assert.deepEqual(outcome.failed.map((failure) => [failure.label, (failure.error as Error).message]), [['b', 'b refused']]);
  assert.deepEqual(outcome.skipped, [{ label: 'd', reason: 'unchanged' }]);
  assert.equal(outcome.notDone, 0);
  assert.equal(outcome.cancelled, false);
  assert.equal(outcome.bytesDone, 30, "the failed task's bytes are not counted as done");
});

test('stopOnFailure starts nothing after the first failure and counts what was not done', async () => {
  const started: string[] = [];
  const tasks = ['a', 'b', 'c', 'd', 'e'].map((label) => {
    const inner = task(label, 4, label === 'b' ? 'fail' : 'ok');
    return { ...inner, run: (signal: AbortSignal, add: (n: number) => void) => (started.push(label), inner.run(signal, add)) };
  });
  const outcome = await runTransfers(tasks, { concurrency: 1, stopOnFailure: true });
  assert.deepEqual(started, ['a', 'b']);
  assert.equal(outcome.succeeded, 1);
  assert.equal(outcome.failed.length, 1);
  assert.equal(outcome.notDone, 3);
});

test('a cancel is not a failure; tasks stopped in flight are "not done"', async () => {
  const controller = new AbortController();
  const tasks: TransferTask[] = ['a', 'b', 'c', 'd'].map((label) => ({
    label,
    bytes: 1,
    async run(signal) {
      if (label === 'b') {
        controller.abort();
      }
      await tick();
      signal.throwIfAborted();
    },
  }));
  const outcome = await runTransfers(tasks, { concurrency: 2, signal: controller.signal });
  assert.equal(outcome.cancelled, true);
  assert.deepEqual(outcome.failed, []);
  assert.equal(outcome.succeeded, 0, 'a and b were in flight when the cancel came');
  assert.equal(outcome.notDone, 4);
});

test('a multi-item task counts its items, and its per-item failures', async () => {
  async function* pages(): AsyncIterable<TransferTask[]> {
    yield [{ label: 'batch 1', bytes: 0, items: 1000, run: async () => ({ failures: [{ label: 'k7', error: new Error('AccessDenied') }] }) }];
    yield [{ label: 'batch 2', bytes: 0, items: 500, run: async () => undefined }];
  }
  const outcome = await runTransfers(pages(), { concurrency: 2 });
  assert.equal(outcome.succeeded, 1499);
  assert.deepEqual(outcome.failed.map((failure) => failure.label), ['k7']);
  assert.equal(outcome.listingComplete, true);
});

test('a listing that fails is reported as a failure and the tasks found before it still run', async () => {
  async function* pages(): AsyncIterable<TransferTask[]> {
    yield [task('a', 2)];
    throw new Error('ListObjectsV2 denied');
  }
  const outcome = await runTransfers(pages(), { concurrency: 2 });
  assert.equal(outcome.succeeded, 1);
  assert.deepEqual(outcome.failed.map((failure) => [failure.label, (failure.error as Error).message]), [['listing', 'ListObjectsV2 denied']]);
  assert.equal(outcome.listingComplete, false);
});

test('progress is reported while bytes move and once at the end', async () => {
  const messages: string[] = [];
  await runTransfers([task('a', 2_000_000), task('b', 2_000_000)], {
    concurrency: 1,
    totals: { files: 2, bytes: 4_000_000 },
    progressIntervalMs: 0,
    onProgress: (progress) => messages.push(progress.message()),
  });
  assert.match(messages[0], /^0 of 2 files · 1\.0 MB of 4\.0 MB/);
  assert.match(messages[messages.length - 1], /^2 of 2 files · 4\.0 MB of 4\.0 MB/);
});

test('a task done under another name counts as succeeded and is listed as renamed', async () => {
  const renamed: TransferTask = { label: 's3://b/a:b → a%3Ab', bytes: 1, run: async () => ({ renamed: 'characters replaced' }) };
  const outcome = await runTransfers([renamed, task('c', 2)], { concurrency: 2 });
  assert.equal(outcome.succeeded, 2);
  assert.deepEqual(outcome.renamed, [{ label: 's3://b/a:b → a%3Ab', name: 'characters replaced' }]);
});
