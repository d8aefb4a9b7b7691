import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import type { S3Service } from '../../../src/s3/service';
import type { DeleteReport, ObjectSummary } from '../../../src/s3/types';
import { deleteTaskPages } from '../../../src/transfer/deleteTasks';
import { runTransfers, type TransferTask } from '../../../src/transfer/transferEngine';
import { MemoryS3Service } from '../../support/memoryS3Service';

/** A service whose DeleteObjects refuses the keys in `denied`, recording each request's keys. */
function deletingService(denied: Set<string>, requests: string[][]): S3Service {
  return {
    async deleteObjectsReporting(_bucket: string, keys: string[]): Promise<DeleteReport> {
      requests.push(keys);
      return { failed: keys.filter((key) => denied.has(key)).map((key) => ({ key, code: 'AccessDenied', message: 'Access Denied' })) };
    },
  } as unknown as S3Service;
}

async function tasksOf(pages: AsyncIterable<TransferTask[]>): Promise<TransferTask[]> {
  const tasks: TransferTask[] = [];
  for await (const page of pages) {
    tasks.push(...page);
  }
  return tasks;
}

test('2,500 keys go as DeleteObjects batches of 1000, 1000 and 500, one task each, counted as 2,500 items', async () => {
  const requests: string[][] = [];
  const keys = Array.from({ length: 2500 }, (_, i) => `k/${i}`);
  const tasks = await tasksOf(deleteTaskPages(deletingService(new Set(), requests), 'b', keys));
  assert.deepEqual(tasks.map((task) => task.items), [1000, 1000, 500]);
  const outcome = await runTransfers(tasks, { concurrency: 3 });
  assert.equal(outcome.succeeded, 2500);
  assert.deepEqual(requests.map((batch) => batch.length).sort(), [1000, 1000, 500].sort());
  assert.deepEqual(new Set(requests.flat()).size, 2500, 'every key once');
});

test('a key S3 refuses inside a batch is a failure of its own, by name; the others count as done', async () => {
  const requests: string[][] = [];
  const listed = async function* (): AsyncIterable<ObjectSummary[]> {
    yield [{ key: 'd/a', size: 1 }, { key: 'd/b', size: 1 }, { key: 'd/c', size: 1 }];
  };
  const tasks = await tasksOf(deleteTaskPages(deletingService(new Set(['d/b']), requests), 'bucket', listed()));
  const outcome = await runTransfers(tasks, { concurrency: 2 });
  assert.equal(outcome.succeeded, 2);
  assert.deepEqual(outcome.failed.map((failure) => [failure.label, (failure.error as Error).message]), [['s3://bucket/d/b', 'AccessDenied: Access Denied']]);
});

test('at most 8 DeleteObjects requests of one job are in flight, whatever the engine concurrency', async () => {
  let open = 0;
  let most = 0;
  const service = {
    async deleteObjectsReporting(): Promise<DeleteReport> {
      most = Math.max(most, ++open);
      await new Promise((resolve) => setTimeout(resolve, 5));
      open--;
      return { failed: [] };
    },
  } as unknown as S3Service;
  const keys = Array.from({ length: 20_000 }, (_, i) => `k/${i}`);
  const outcome = await runTransfers(await tasksOf(deleteTaskPages(service, 'b', keys)), { concurrency: 32 });
  assert.equal(outcome.succeeded, 20_000);
  assert.equal(most, 8);
});

test('deleting a listed folder removes exactly its keys — not the key of its name next to it, nor a sibling prefix — and reports a refused one by name', async () => {
  const s3 = new MemoryS3Service({ b: { 'logs': 'a key named like the folder', 'logs/1.txt': '1', 'logs/deep/2.txt': '2', 'logs-old/3.txt': '3' } });
  s3.denied.add('b/logs/deep/2.txt');
  const service = s3.asService();
  const outcome = await runTransfers(await tasksOf(deleteTaskPages(service, 'b', service.listKeys('b', 'logs/'))), { concurrency: 4 });
  assert.equal(outcome.succeeded, 1);
  assert.deepEqual(outcome.failed.map((failure) => failure.label), ['s3://b/logs/deep/2.txt']);
  assert.deepEqual(s3.contents('b'), { logs: 'a key named like the folder', 'logs-old/3.txt': '3', 'logs/deep/2.txt': '2' });
});
