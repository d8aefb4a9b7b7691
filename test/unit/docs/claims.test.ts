import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { globSync } from 'glob';
import { unprovenClaims } from '../../support/claimsMap';

/** The repository, from out/test/unit/docs/ where this runs. */
const ROOT = path.resolve(__dirname, '..', '..', '..', '..');

/**
 * References found stale when this check was written (the tests were renamed or replaced since), for
 * claims.md to be corrected. Listed so the suite stays green meanwhile: once a line is fixed this test
 * fails until its entry goes, so the list can only shrink.
 */
const AWAITING_FIX_IN_CLAIMS_MD = [
  'integration/fs/folderOperations.test.ts has no test named "a server-side copy of an object over 5 GB is refused with a message before any request (the size comes from a proxy: no 5 GB object here)"',
  'unit/transfer/uploadTasks.test.ts has no test named "each file streams to prefix + relative path with its Content-Type and the options; skipped entries are reported"',
];

/** Every source file under test/ (not code-server's own node_modules), by path under test/. */
function testSources(): Map<string, string> {
  const files = globSync('**/*.ts', { cwd: path.join(ROOT, 'test'), ignore: 'host/node_modules/**', posix: true });
  return new Map(files.map((file) => [file, readFileSync(path.join(ROOT, 'test', file), 'utf8')]));
}

test('every test file and test name docs/claims.md gives exists under test/', () => {
  const unproven = unprovenClaims(readFileSync(path.join(ROOT, 'docs', 'claims.md'), 'utf8'), testSources());
  const listing = unproven.map(({ line, problem }) => `docs/claims.md:${line}: ${problem}`).join('\n');
  assert.deepEqual(
    unproven.map(({ problem }) => problem),
    AWAITING_FIX_IN_CLAIMS_MD,
    `docs/claims.md names tests that do not exist (or AWAITING_FIX_IN_CLAIMS_MD lists one fixed since):\n${listing}`,
  );
});
