import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatBytes, formatCount, plural, setDisplayLocale } from '../../../src/ui/format';

test('sizes in decimal units like the S3 console', () => {
  assert.equal(formatBytes(0), '0 B');
  assert.equal(formatBytes(999), '999 B');
  assert.equal(formatBytes(1500), '1.5 KB');
  assert.equal(formatBytes(123_456_789), '123 MB');
  assert.equal(formatBytes(5 * 1000 ** 4), '5.0 TB');
});

test('counts and sizes follow the display language (vscode.env.language)', () => {
  try {
    setDisplayLocale('de');
    assert.equal(plural(1204, 'file'), '1.204 files');
    assert.equal(formatBytes(1_500_000), '1,5 MB');
    assert.equal(formatCount(1_000_000), '1.000.000');
    setDisplayLocale('en');
    assert.equal(plural(1204, 'file'), '1,204 files');
    assert.equal(formatBytes(1_500_000), '1.5 MB');
  } finally {
    setDisplayLocale('en');
  }
});
