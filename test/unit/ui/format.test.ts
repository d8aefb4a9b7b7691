import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatBytes, formatCount, localAndUtc, localTime, plural, setDisplayLocale } from '../../../src/ui/format';

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

test('dates and times follow the display language too, and give the UTC time, with its day when that differs', () => {
  const moment = new Date('2026-11-24T23:30:05Z');
  const zone = process.env.TZ;
  const spaced = (text: string) => text.replace(/\s/g, ' ');
  try {
    process.env.TZ = 'UTC';
    assert.equal(spaced(localTime(moment)), 'Nov 24, 2026, 11:30:05 PM');
    assert.equal(spaced(localAndUtc(moment)), 'Nov 24, 2026, 11:30 PM local (11:30 PM UTC)');
    process.env.TZ = 'Asia/Tokyo';
    assert.equal(spaced(localAndUtc(moment)), 'Nov 25, 2026, 8:30 AM local (Nov 24, 2026, 11:30 PM UTC)');
    setDisplayLocale('de');
    assert.equal(localTime(moment), '25.11.2026, 08:30:05');
    assert.equal(localAndUtc(moment), '25.11.2026, 08:30 local (24.11.2026, 23:30 UTC)');
  } finally {
    setDisplayLocale('en');
    process.env.TZ = zone;
  }
});
