// `npm test`: every test layer in one run — unit (node:test), integration (mocha inside code-server's
// extension host) and UI end-to-end (Playwright + chromium against code-server with the .vsix) —
// against one Ceph RGW started for the run. Prints passed, failed and pending (skipped) counts per
// layer; a layer that ran no test or overran its time limit fails, and so does every pending test
// against the local Ceph (named; see support/pendingTests.ts). Ends with "N passed, N failed" summed
// over the layers.
import { spawn } from 'node:child_process';
import { promises as fs, readdirSync, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { globSync } from 'glob';
import { startCodeServer } from './host/codeServer';
import { runExtensionTests } from './host/runExtensionTests';
import { writeAwsProfiles } from './support/awsProfiles';
import { targetEnvironment } from './support/independentClient';
import { pendingInTap, pendingReport } from './support/pendingTests';
import { startS3Target, type S3Target } from './support/rgw';
import { packStandIn } from './support/toolkitStandIn';

const ROOT = path.resolve(__dirname, '..', '..');
const OUT = path.join(ROOT, 'out');
type Layer = 'unit' | 'integration' | 'e2e';

/** Generous for a 2-core machine; a layer past its limit is killed and counts as a failure. */
const UNIT_LIMIT_MS = 5 * 60_000;
const INTEGRATION_LIMIT_MS = 15 * 60_000;
const E2E_LIMIT_MS = 15 * 60_000;

interface Counts {
  passed: number;
  failed: number;
  /** Skipped or todo, by name: reported, never counted as passed. */
  pending: string[];
}

interface LayerResult {
  layer: Layer;
  passed: number;
  failed: number;
  pending: number;
  seconds: number;
}

/** Every process descended from `root`, read before any is killed (orphans lose their parent link). */
function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name)).map(Number)) {
    try {
      // "pid (command) state ppid …": the command may hold spaces, so read after its last ")".
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), pid]);
    } catch {
      // exited while we looked
    }
  }
  const tree = [root];
  for (let i = 0; i < tree.length; i++) {
    tree.push(...(children.get(tree[i]) ?? []));
  }
  return tree;
}

/**
 * Runs node:test files, echoing the spec output and counting from a TAP copy. Past `limitMs` the
 * whole process tree goes (code-server and chromium started by e2e tests run in their own groups).
 */
async function runNodeTests(layer: Layer, files: string[], env: NodeJS.ProcessEnv, limitMs: number): Promise<Counts> {
  if (files.length === 0) {
    // `node --test` without files would go looking for tests in the current directory.
    console.error(`${layer}: no test files under ${OUT}`);
    return { passed: 0, failed: 1, pending: [] };
  }
  const tap = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 's3b-tap-')), 'results.tap');
  const grep = process.env.S3B_TEST_GREP ? [`--test-name-pattern=${process.env.S3B_TEST_GREP}`] : [];
  const args = ['--test', '--test-concurrency=1', ...grep, '--test-reporter=spec', '--test-reporter-destination=stdout', '--test-reporter=tap', `--test-reporter-destination=${tap}`, ...files];
  const child = spawn(process.execPath, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    console.error(`${layer}: still running after ${limitMs / 60_000} min, the layer's limit: killing its processes and counting a failure.`);
    for (const pid of processTree(child.pid!)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }, limitMs);
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  clearTimeout(timer);
  const report = await fs.readFile(tap, 'utf8').catch(() => '');
  await fs.rm(path.dirname(tap), { recursive: true, force: true });
  const count = (name: string) => Number(new RegExp(`^# ${name} (\\d+)$`, 'm').exec(report)?.[1] ?? 0);
  const passed = count('pass');
  const failed = count('fail') + count('cancelled') + (timedOut ? 1 : 0);
  // A crash before any report still counts as a failure.
  // Named from the report's lines, not its skipped count: that also counts tests S3B_TEST_GREP left out.
  return { passed, failed: code !== 0 && failed === 0 ? 1 : failed, pending: pendingInTap(report) };
}

async function unitLayer(): Promise<Counts> {
  return runNodeTests('unit', globSync('test/unit/**/*.test.js', { cwd: OUT, absolute: true }).sort(), {}, UNIT_LIMIT_MS);
}

async function integrationLayer(target: S3Target): Promise<Counts> {
  const workDir = await fs.mkdtemp(path.join(os.tmpdir(), 's3b-integration-'));
  const profiles = await writeAwsProfiles(path.join(workDir, 'aws'), target);
  const resultsFile = path.join(workDir, 'results.json');
  const workspaceFolder = path.join(workDir, 'workspace');
  await fs.mkdir(workspaceFolder);
  // First on code-server's PATH, where terminals look up their executable: tests put stand-ins here (an `aws`
  // CLI). code-server takes its PATH from a login shell, so the test HOME's .profile is where it goes.
  const standInBin = path.join(workDir, 'bin');
  await fs.mkdir(standInBin);
  await fs.mkdir(path.join(workDir, 'home'), { recursive: true });
  await fs.writeFile(path.join(workDir, 'home', '.profile'), `PATH='${standInBin}'${path.delimiter}"$PATH"; export PATH\n`);
  const server = await startCodeServer({
    workDir,
    // Every integration test runs next to an extension that owns `s3:` and `s3-readonly:`, as AWS Toolkit does.
    otherExtensions: [await packStandIn(workDir)],
    env: {
      ...targetEnvironment(target),
      AWS_CONFIG_FILE: profiles.configFile,
      AWS_SHARED_CREDENTIALS_FILE: profiles.credentialsFile,
      // Environment credentials appear as their own connection.
      AWS_ACCESS_KEY_ID: target.accessKeyId,
      AWS_SECRET_ACCESS_KEY: target.secretAccessKey,
      AWS_ENDPOINT_URL_S3: target.endpoint,
      S3B_USER_SETTINGS_FILE: path.join(workDir, 'user-data', 'User', 'settings.json'),
      S3B_RESULTS_FILE: resultsFile,
      S3B_TEST_GREP: process.env.S3B_TEST_GREP,
      S3B_STAND_IN_BIN: standInBin,
      S3B_RGW_CONTROL: target.radosgwPidFile,
    },
  });
  try {
    const exitCode = await runExtensionTests({ server, extensionPath: ROOT, testsPath: path.join(OUT, 'test', 'integration', 'index.js'), workspaceFolder, timeoutMs: INTEGRATION_LIMIT_MS });
    const stats = JSON.parse(await fs.readFile(resultsFile, 'utf8').catch(() => '{"passes":0,"failures":0,"pending":[]}')) as { passes: number; failures: number; pending: string[] };
    return { passed: stats.passes, failed: exitCode !== 0 && stats.failures === 0 ? 1 : stats.failures, pending: stats.pending };
  } finally {
    await server.stop();
    await fs.rm(workDir, { recursive: true, force: true });
  }
}

async function e2eLayer(target: S3Target): Promise<Counts> {
  const vsix = path.join(ROOT, 's3-browser.vsix');
  await fs.access(vsix).catch(() => {
    throw new Error(`${vsix} is missing: run \`npm run package\` before the e2e layer.`);
  });
  return runNodeTests('e2e', globSync('test/e2e/**/*.test.js', { cwd: OUT, absolute: true }).sort(), { ...targetEnvironment(target), S3B_VSIX: vsix }, E2E_LIMIT_MS);
}

async function main(): Promise<number> {
  const all: Layer[] = ['unit', 'integration', 'e2e'];
  const requested = process.argv.slice(2) as Layer[];
  const unknown = requested.filter((layer) => !all.includes(layer));
  if (unknown.length > 0) {
    throw new Error(`Unknown test layer(s) ${unknown.join(', ')}: use ${all.join(', ')}.`);
  }
  const layers = requested.length > 0 ? requested : all;
  const results: LayerResult[] = [];
  const timed = async (layer: Layer, run: () => Promise<Counts>) => {
    const started = Date.now();
    console.log(`\n=== ${layer} tests ===`);
    let counts: Counts;
    try {
      counts = await run();
    } catch (error) {
      console.error(`${layer} layer could not run: ${(error as Error).stack ?? error}`);
      counts = { passed: 0, failed: 1, pending: [] };
    }
    if (counts.passed + counts.failed === 0) {
      // A grep matching nothing, a lost glob or a crash before the first test must not look green.
      console.error(`${layer} layer ran no tests: counted as a failure.`);
      counts.failed = 1;
    }
    const pending = pendingReport(layer, counts.pending, process.env);
    pending.lines.forEach((line) => console.error(line));
    results.push({ layer, passed: counts.passed, failed: counts.failed + pending.failed, pending: counts.pending.length, seconds: (Date.now() - started) / 1000 });
  };

  if (layers.includes('unit')) {
    await timed('unit', unitLayer);
  }
  const needsServer = layers.filter((layer) => layer !== 'unit');
  if (needsServer.length > 0) {
    const started = Date.now();
    const target = await startS3Target();
    console.log(`S3 server ${target.endpoint} ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    try {
      if (layers.includes('integration')) {
        await timed('integration', () => integrationLayer(target));
      }
      if (layers.includes('e2e')) {
        await timed('e2e', () => e2eLayer(target));
      }
    } finally {
      await target.stop();
    }
  }

  console.log('\n=== summary ===');
  for (const result of results) {
    console.log(`${result.layer}: ${result.passed} passed, ${result.failed} failed, ${result.pending} pending (${result.seconds.toFixed(1)} s)`);
  }
  const total = (key: 'passed' | 'failed' | 'pending') => results.reduce((sum, result) => sum + result[key], 0);
  console.log(`total: ${total('passed')} passed, ${total('failed')} failed, ${total('pending')} pending`);
  // The last line stays exactly "N passed, N failed": CI looks for it.
  console.log(`${total('passed')} passed, ${total('failed')} failed`);
  return total('failed') === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
