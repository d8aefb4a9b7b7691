import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { countOf, runJob } from '../../../src/transfer/transferJob';

async function* pages<T>(...lists: T[][]): AsyncIterable<T[]> {
  for (const list of lists) {
    yield list;
  }
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

test('never more than `concurrency` items in flight, every item done once', async () => {
  let inFlight = 0;
  let peak = 0;
  const seen: number[] = [];
  const outcome = await runJob(pages([1, 2, 3, 4], [5, 6, 7]), async (item) => {
    inFlight++;
    peak = Math.max(peak, inFlight);
    await tick();
    seen.push(item);
    inFlight--;
  }, { concurrency: 3 });
  assert.equal(peak, 3);
  assert.deepEqual(seen.sort(), [1, 2, 3, 4, 5, 6, 7]);
  assert.deepEqual({ done: outcome.done, listed: outcome.listed, complete: outcome.listingComplete, failure: outcome.failure, cancelled: outcome.cancelled }, { done: 7, listed: 7, complete: true, failure: undefined, cancelled: false });
});

test('the first failure stops new work, aborts work in flight and is the one reported', async () => {
  const started: number[] = [];
  let abortedInFlight = 0;
  const outcome = await runJob(pages([1, 2, 3, 4, 5, 6]), async (item, signal) => {
    started.push(item);
    if (item === 2) {
      throw new Error('boom at 2');
    }
    await tick();
    await tick();
    if (signal.aborted) {
      abortedInFlight++;
      throw new Error('aborted');
    }
  }, { concurrency: 2 });
  assert.equal((outcome.failure?.error as Error).message, 'boom at 2');
  assert.equal(outcome.failure?.item, 2);
  assert.ok(!started.includes(4), `no item started after the failure: ${started}`);
  assert.equal(abortedInFlight + outcome.done, started.length - 1, 'every other started item either finished or saw the abort');
  assert.equal(outcome.listingComplete, false);
  assert.equal(outcome.cancelled, false);
});

test('a cancel stops between items and is reported as cancelled, not failed', async () => {
  const controller = new AbortController();
  const outcome = await runJob(pages([1, 2, 3, 4, 5]), async (item) => {
    if (item === 2) {
      controller.abort();
    }
    await tick();
  }, { concurrency: 1, signal: controller.signal });
  assert.equal(outcome.cancelled, true);
  assert.equal(outcome.failure, undefined);
  assert.equal(outcome.done, 2);
  assert.equal(outcome.listed, 5, 'what was listed is known, for "N of M"');
});

test('a listing that fails is the failure', async () => {
  async function* broken(): AsyncIterable<number[]> {
    yield [1];
    throw new Error('list failed');
  }
  const outcome = await runJob(broken(), async () => undefined, { concurrency: 2 });
  assert.equal((outcome.failure?.error as Error).message, 'list failed');
  assert.equal(outcome.done, 1);
});

test('counts read "812 of 1,204" when the total is known', () => {
  assert.equal(countOf(812, 1204), '812 of 1,204');
  assert.equal(countOf(3, undefined), '3');
});
