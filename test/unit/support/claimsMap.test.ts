import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { claimReferences, unprovenClaims } from '../../support/claimsMap';

/** Test sources by path under test/, as the checker gets them. */
const FILES = new Map([
  ['unit/s3/errors.test.ts', "test('a failing credential_process never shows its command line', () => {});\ntest('the role\\'s \"quoted\" name', () => {});"],
  ['integration/commands/uploadCommands.test.ts', "test('Cancel half-way through a 64 MiB multipart upload leaves no incomplete upload and no object', async () => {});"],
  ['integration/fs/acls.test.ts', "test('one', () => {});"],
  ['support/rgw.ts', 'export function startRgw() {}'],
]);

test('claimReferences reads every written form: a file alone, quoted names, an unquoted name, file and name in one span, the file named before', () => {
  const markdown = [
    '| Promise | Test |',
    '| --- | --- |',
    '| A | `integration/fs/acls.test.ts` (both tests); `unit/s3/errors.test.ts` › "a failing …", "the role\'s "quoted" name" (a note) |',
    '| B | `test/integration/commands/uploadCommands.test.ts` › Cancel half-way; with a semicolon |',
    '- C → `uploadCommands.test.ts › Cancel half-way through`, `… › leaves no` and `› an object \\`a\\``; `test/support/rgw.ts`, `not/a/path`',
  ].join('\n');
  assert.deepEqual(claimReferences(markdown), [
    { line: 3, file: 'integration/fs/acls.test.ts', names: [] },
    { line: 3, file: 'unit/s3/errors.test.ts', names: ['a failing …', 'the role\'s "quoted" name'] },
    { line: 4, file: 'test/integration/commands/uploadCommands.test.ts', names: ['Cancel half-way; with a semicolon'] },
    { line: 5, file: 'uploadCommands.test.ts', names: ['Cancel half-way through'] },
    { line: 5, file: 'uploadCommands.test.ts', names: ['leaves no'] },
    { line: 5, file: 'uploadCommands.test.ts', names: ['an object `a`'] },
    { line: 5, file: 'test/support/rgw.ts', names: [] },
  ]);
});

test('unprovenClaims finds names by their pieces around "…", through string escapes and from a bare file name', () => {
  const markdown = [
    '| A | `unit/s3/errors.test.ts` › "a failing credential_process …", "the role\'s "quoted" name", "a failing … command line" |',
    '- B → `uploadCommands.test.ts › Cancel half-way through a 64 MiB multipart upload leaves no incomplete upload and no object`',
    '| C | `integration/fs/acls.test.ts` (both tests); `test/support/rgw.ts` |',
  ].join('\n');
  assert.deepEqual(unprovenClaims(markdown, FILES), []);
});

test('unprovenClaims reports a renamed test, pieces out of order, a missing file and a bare name that matches no file, by line', () => {
  const markdown = [
    '| A | `unit/s3/errors.test.ts` › "a failing credential_process never shows its command line, renamed" |',
    '| B | `unit/s3/errors.test.ts` › "command line … a failing" |',
    '| C | `unit/s3/gone.test.ts`; `test/support/gone.ts` |',
    '- D → `nowhere.test.ts › anything`',
  ].join('\n');
  assert.deepEqual(unprovenClaims(markdown, FILES), [
    { line: 1, problem: 'unit/s3/errors.test.ts has no test named "a failing credential_process never shows its command line, renamed"' },
    { line: 2, problem: 'unit/s3/errors.test.ts has no test named "command line … a failing"' },
    { line: 3, problem: 'no file unit/s3/gone.test.ts under test/' },
    { line: 3, problem: 'no file test/support/gone.ts under test/' },
    { line: 4, problem: 'no file nowhere.test.ts under test/' },
  ]);
});
