import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { pendingInTap, pendingReport } from '../../support/pendingTests';

/** The TAP node:test writes for a file with skipped, todo and nested tests (node 20). */
const TAP = `TAP version 13
# Subtest: plain passes
ok 1 - plain passes
  ---
  duration_ms: 1.5
  ...
# Subtest: skipped one
ok 2 - skipped one # SKIP
# Subtest: skipped with reason
ok 3 - skipped with reason # SKIP no server
# Subtest: todo one
ok 4 - todo one # TODO
# Subtest: todo failing
not ok 5 - todo failing # TODO later
  ---
  error: 'x'
  ...
# Subtest: dot skip \\# hash in name
ok 6 - dot skip \\# hash in name # SKIP
# Subtest: suite A
    # Subtest: inner skipped
    ok 1 - inner skipped # SKIP
    # Subtest: inner ok
    ok 2 - inner ok
    1..2
ok 7 - suite A
# Subtest: filtered out
ok 8 - filtered out # SKIP test name does not match pattern
1..8
# tests 8
# pass 2
# skipped 5
# todo 2
`;

test('pendingInTap names every skipped and todo test with its suites, unescaped, but not those a name pattern left out', () => {
  assert.deepEqual(pendingInTap(TAP), ['skipped one', 'skipped with reason', 'todo one', 'todo failing', 'dot skip # hash in name', 'suite A › inner skipped']);
  assert.deepEqual(pendingInTap('TAP version 13\nok 1 - fine\n1..1\n'), []);
});

test('against the local Ceph (no S3_TEST_ENDPOINT) every pending test is a failure, named; against another server it is listed only', () => {
  const names = ['a skipped test', 'suite › a todo'];
  const local = pendingReport('unit', names, {});
  assert.equal(local.failed, 2);
  assert.match(local.lines[0], /^unit: 2 pending tests, counted as failed/);
  assert.deepEqual(local.lines.slice(1), ['  - a skipped test', '  - suite › a todo']);
  const elsewhere = pendingReport('integration', names, { S3_TEST_ENDPOINT: 'http://127.0.0.1:9000' });
  assert.equal(elsewhere.failed, 0);
  assert.match(elsewhere.lines[0], /^integration: 2 pending tests \(/);
  assert.deepEqual(elsewhere.lines.slice(1), local.lines.slice(1));
  assert.deepEqual(pendingReport('e2e', [], {}), { failed: 0, lines: [] });
});
