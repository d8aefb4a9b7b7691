import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { globSync } from 'glob';
import { unprovenClaims } from '../../support/claimsMap';

/** The repository, from out/test/unit/docs/ where this runs. */
const ROOT = path.resolve(__dirname, '..', '..', '..', '..');

/** Every source file under test/ (not code-server's own node_modules), by path under test/. */
function testSources(): Map<string, string> {
  const files = globSync('**/*.ts', { cwd: path.join(ROOT, 'test'), ignore: 'host/node_modules/**', posix: true });
  return new Map(files.map((file) => [file, readFileSync(path.join(ROOT, 'test', file), 'utf8')]));
}

test('every test file and test name docs/claims.md gives exists under test/', () => {
  const unproven = unprovenClaims(readFileSync(path.join(ROOT, 'docs', 'claims.md'), 'utf8'), testSources());
  const listing = unproven.map(({ line, problem }) => `docs/claims.md:${line}: ${problem}`).join('\n');
  assert.deepEqual(unproven, [], `docs/claims.md names tests that do not exist:\n${listing}`);
});
