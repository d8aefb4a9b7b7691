import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { Slots } from '../../../src/s3/slots';

test('no more than the limit hold a slot at once, and waiting entries go in order as slots free up', async () => {
  const slots = new Slots();
  let holding = 0;
  let most = 0;
  const order: number[] = [];
  await Promise.all(
    Array.from({ length: 10 }, async (_, index) => {
      const leave = await slots.enter(3);
      holding++;
      most = Math.max(most, holding);
      order.push(index);
      await new Promise((resolve) => setTimeout(resolve, 5));
      holding--;
      leave();
      leave(); // a second call frees nothing more
    }),
  );
  assert.equal(most, 3);
  assert.deepEqual(order, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
});

test('an entry waiting for a slot rejects when its signal aborts, and does not take a slot later', async () => {
  const slots = new Slots();
  const leave = await slots.enter(1);
  const cancel = new AbortController();
  const waiting = slots.enter(1, cancel.signal);
  cancel.abort(new Error('cancelled'));
  await assert.rejects(waiting, /cancelled/);
  leave();
  const next = await Promise.race([slots.enter(1), new Promise((resolve) => setTimeout(() => resolve('stuck'), 100))]);
  assert.equal(typeof next, 'function', 'the freed slot went to the next entry');
});
