// Pending (skipped or todo) tests, for test/runAll.ts: read from node:test's TAP report, and judged.
// Against the local Ceph the runner starts, every test has what it needs, so one that did not run is
// a failure; against another server (S3_TEST_ENDPOINT) some tests skip themselves for good reason.

/** node:test's reason for a test that S3B_TEST_GREP (--test-name-pattern) left out: not pending. */
const FILTERED_OUT = 'test name does not match pattern';
/** node:test indents each level of subtests by four spaces. */
const INDENT = 4;

/** TAP escapes "\" and "#" in names (and a few control characters) with a backslash. */
function unescapeTap(text: string): string {
  return text.replace(/\\(.)/g, (_, escaped: string) => ({ n: '\n', r: '\r', t: '\t' })[escaped] ?? escaped);
}

/** Every skipped and todo test in a node:test TAP report, named "suite › test", in report order. */
export function pendingInTap(report: string): string[] {
  const suites: string[] = [];
  const pending: string[] = [];
  for (const line of report.split('\n')) {
    const subtest = /^( *)# Subtest: (.*)$/.exec(line);
    if (subtest) {
      suites.length = subtest[1].length / INDENT;
      suites.push(unescapeTap(subtest[2]));
      continue;
    }
    const result = /^( *)(?:not )?ok \d+ - ((?:\\.|[^\\#])*?) *# (SKIP|TODO)\b *(.*)$/.exec(line);
    if (result && result[4] !== FILTERED_OUT) {
      pending.push([...suites.slice(0, result[1].length / INDENT), unescapeTap(result[2])].join(' › '));
    }
  }
  return pending;
}

/** Whether pending tests fail the run: yes against the local Ceph (no S3_TEST_ENDPOINT). */
function pendingFails(env: NodeJS.ProcessEnv): boolean {
  return !env.S3_TEST_ENDPOINT;
}

/** The lines that name a layer's pending tests, and how many failures they count for. */
export function pendingReport(layer: string, names: string[], env: NodeJS.ProcessEnv): { failed: number; lines: string[] } {
  if (names.length === 0) {
    return { failed: 0, lines: [] };
  }
  const fails = pendingFails(env);
  const verdict = fails ? ', counted as failed: against the local Ceph every test must run' : ' (allowed against S3_TEST_ENDPOINT, which may lack what they need)';
  return {
    failed: fails ? names.length : 0,
    lines: [`${layer}: ${names.length} pending tests${verdict}:`, ...names.map((name) => `  - ${name}`)],
  };
}
