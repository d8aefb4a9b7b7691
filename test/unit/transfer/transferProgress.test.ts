import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatDuration, TransferProgress } from '../../../src/transfer/transferProgress';

test('files, bytes, rate and time left', () => {
  let now = 0;
  const progress = new TransferProgress({ files: 10, bytes: 40_000_000 }, 'file', () => now);
  now = 1000;
  progress.addBytes(8_000_000);
  progress.fileDone();
  progress.fileDone();
  assert.equal(progress.message(), '2 of 10 files · 8.0 MB of 40.0 MB · 8.0 MB/s · 4 s left');
  assert.equal(progress.takeIncrement(), 20);
  assert.equal(progress.takeIncrement(), undefined, 'nothing new, no increment');
});

test('the rate follows the last few seconds, not the whole run', () => {
  let now = 0;
  const progress = new TransferProgress({ bytes: 1e9 }, 'file', () => now);
  for (let second = 1; second <= 15; second++) {
    now = second * 1000;
    progress.addBytes(second <= 5 ? 10_000_000 : 1_000_000);
  }
  const rate = progress.rate()!;
  assert.ok(rate < 2_000_000, `rate ${rate} reflects the recent 1 MB/s, not the 5.5 MB/s average`);
});

test('without totals: counts only, no percentage', () => {
  const progress = new TransferProgress({}, 'key', () => 0);
  progress.fileDone();
  assert.equal(progress.message(), '1 key');
  assert.equal(progress.percent(), undefined);
});

test('durations read naturally', () => {
  assert.equal(formatDuration(400), '1 s');
  assert.equal(formatDuration(250_000), '4 min 10 s');
  assert.equal(formatDuration(3_900_000), '1 h 5 min');
});
