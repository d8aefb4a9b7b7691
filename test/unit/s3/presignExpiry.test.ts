import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeDuration, MAX_PRESIGN_SECONDS, parseDuration, presignLifetime } from '../../../src/s3/presignExpiry';

test('durations are a number and a unit (minutes without one); zero, negative and words are not', () => {
  assert.equal(parseDuration('90s'), 90);
  assert.equal(parseDuration('45m'), 2700);
  assert.equal(parseDuration(' 12H '), 43_200);
  assert.equal(parseDuration('3d'), 259_200);
  assert.equal(parseDuration('1.5h'), 5400);
  assert.equal(parseDuration('30'), 1800);
  for (const bad of ['', '0m', '-5m', 'soon', '5 weeks', '1e3s']) {
    assert.equal(parseDuration(bad), undefined, bad);
  }
});

test('durations read in at most two units', () => {
  assert.equal(describeDuration(3600), '1 hour');
  assert.equal(describeDuration(MAX_PRESIGN_SECONDS), '7 days');
  assert.equal(describeDuration(93_784), '1 day 2 hours');
  assert.equal(describeDuration(2), '2 seconds');
});

test('a lifetime is capped at 7 days, and by temporary credentials a minute before they expire', () => {
  const now = new Date('2026-11-24T10:00:00Z');
  const longTerm = { temporary: false };
  const expiring = { expiration: new Date('2026-11-24T11:00:00Z'), temporary: true };
  assert.deepEqual(presignLifetime(3600, now, longTerm), { seconds: 3600 });
  assert.deepEqual(presignLifetime(MAX_PRESIGN_SECONDS + 1, now, longTerm), { seconds: MAX_PRESIGN_SECONDS, cappedBy: 'sigv4' });
  assert.deepEqual(presignLifetime(86_400, now, expiring), { seconds: 3540, cappedBy: 'credentials' });
  assert.deepEqual(presignLifetime(600, now, expiring), { seconds: 600 }, 'shorter than the credentials: as asked');
  assert.throws(() => presignLifetime(600, now, { expiration: new Date('2026-11-24T10:00:30Z'), temporary: true }), /too soon to sign a URL with them\. Refresh them/);
});

test('temporary credentials without an expiry (a session token alone) sign for the time asked, flagged as ending with an unknown session', () => {
  const now = new Date('2026-11-24T10:00:00Z');
  const session = { temporary: true };
  assert.deepEqual(presignLifetime(MAX_PRESIGN_SECONDS, now, session), { seconds: MAX_PRESIGN_SECONDS, sessionEndUnknown: true });
  assert.deepEqual(presignLifetime(MAX_PRESIGN_SECONDS + 1, now, session), { seconds: MAX_PRESIGN_SECONDS, cappedBy: 'sigv4', sessionEndUnknown: true });
});
