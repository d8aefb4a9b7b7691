import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeLifetime } from '../../../../src/commands/shared/choosePresignLifetime';
import { MAX_PRESIGN_SECONDS } from '../../../../src/s3/presignExpiry';

const now = new Date('2026-11-24T10:00:00Z');

test('a URL signed by a session of unknown end is "valid for up to" its lifetime and says it stops when the session ends', () => {
  const text = describeLifetime({ seconds: MAX_PRESIGN_SECONDS, sessionEndUnknown: true }, now);
  assert.match(text, /^valid for up to 7 days, until .+ local \((.+, )?10:00\sAM UTC\)/);
  assert.match(text, / — but it stops working when the temporary credentials' session ends, and their end is not known$/);
  assert.match(
    describeLifetime({ seconds: MAX_PRESIGN_SECONDS, cappedBy: 'sigv4', sessionEndUnknown: true }, now),
    / — shortened to SigV4's 7-day limit; but it stops working when the temporary credentials' session ends/,
  );
});

test('the lifetime says why it was shortened: the credentials expire first, or SigV4\'s 7-day limit; as asked it says neither', () => {
  assert.match(describeLifetime({ seconds: 3540, cappedBy: 'credentials' }, now), /^valid for 59 minutes, until .* — shortened: the temporary credentials that sign it expire then$/);
  assert.match(describeLifetime({ seconds: MAX_PRESIGN_SECONDS, cappedBy: 'sigv4' }, now), /^valid for 7 days, until .* — shortened to SigV4's 7-day limit$/);
  assert.match(describeLifetime({ seconds: 3600 }, now), /^valid for 1 hour, until .+ local \((.+, )?11:00\sAM UTC\)$/);
});
