import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { configuredPartSizeBytes, MAX_PARTS, partSizeFor } from '../../../src/s3/partSize';

const MiB = 1024 * 1024;

test('a 100 GiB object with 8 MiB configured gets whole-MiB parts large enough for 10,000 parts', () => {
  const size = 100 * 1024 ** 3;
  const part = partSizeFor(8 * MiB, size);
  assert.ok(Math.ceil(size / part) <= MAX_PARTS, `${Math.ceil(size / part)} parts of ${part} bytes`);
  assert.equal(part % MiB, 0, `${part} bytes is not a whole number of MiB`);
  assert.ok(part >= 5 * MiB);
});

test('an object that fits 10,000 configured parts, or of unknown size, keeps the configured part size', () => {
  assert.equal(partSizeFor(8 * MiB, 8 * MiB * MAX_PARTS), 8 * MiB);
  assert.equal(partSizeFor(8 * MiB, 1), 8 * MiB);
  assert.equal(partSizeFor(8 * MiB, undefined), 8 * MiB);
});

test('a fractional part-size setting becomes whole MiB, at least 5', () => {
  for (const [setting, mebibytes] of [[7.5, 8], [8.4, 8], [5.2, 5], [4.6, 5], [1, 5], [16, 16]]) {
    const bytes = configuredPartSizeBytes(setting);
    assert.equal(bytes, mebibytes * MiB, `${setting} MB gave ${bytes} bytes`);
    assert.ok(Number.isInteger(bytes));
  }
});
