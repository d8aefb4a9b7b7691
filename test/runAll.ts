// `npm test`: every test layer in one run — unit (node:test), integration (mocha inside code-server's
// extension host) and UI end-to-end (Playwright + chromium against code-server with the .vsix) —
// against one Ceph RGW started for the run. Ends with "N passed, N failed" summed over the layers.
import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { globSync } from 'glob';
import { startCodeServer } from './host/codeServer';
import { runExtensionTests } from './host/runExtensionTests';
import { writeAwsProfiles } from './support/awsProfiles';
import { targetEnvironment } from './support/independentClient';
import { startS3Target, type S3Target } from './support/rgw';

const ROOT = path.resolve(__dirname, '..', '..');
const OUT = path.join(ROOT, 'out');
type Layer = 'unit' | 'integration' | 'e2e';

interface LayerResult {
  layer: Layer;
  passed: number;
  failed: number;
  seconds: number;
}

/** Runs node:test files, echoing the spec output and counting from a TAP copy. */
async function runNodeTests(files: string[], env: NodeJS.ProcessEnv): Promise<{ passed: number; failed: number }> {
  const tap = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 's3b-tap-')), 'results.tap');
  const args = ['--test', '--test-concurrency=1', '--test-reporter=spec', '--test-reporter-destination=stdout', '--test-reporter=tap', `--test-reporter-destination=${tap}`, ...files];
  const code = await new Promise<number | null>((resolve) => spawn(process.execPath, args, { stdio: 'inherit', env: { ...process.env, ...env } }).on('exit', resolve));
  const report = await fs.readFile(tap, 'utf8').catch(() => '');
  const count = (name: string) => Number(new RegExp(`^# ${name} (\\d+)$`, 'm').exec(report)?.[1] ?? 0);
  const passed = count('pass');
  const failed = count('fail') + count('cancelled');
  // A crash before any report still counts as a failure.
  return { passed, failed: code !== 0 && failed === 0 ? 1 : failed };
}

async function unitLayer(): Promise<{ passed: number; failed: number }> {
  return runNodeTests(globSync('test/unit/**/*.test.js', { cwd: OUT, absolute: true }).sort(), {});
}

async function integrationLayer(target: S3Target): Promise<{ passed: number; failed: number }> {
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
    },
  });
  try {
    const exitCode = await runExtensionTests({ server, extensionPath: ROOT, testsPath: path.join(OUT, 'test', 'integration', 'index.js'), workspaceFolder, timeoutMs: 15 * 60_000 });
    const stats = JSON.parse(await fs.readFile(resultsFile, 'utf8').catch(() => '{"passes":0,"failures":0}')) as { passes: number; failures: number };
    return { passed: stats.passes, failed: exitCode !== 0 && stats.failures === 0 ? 1 : stats.failures };
  } finally {
    await server.stop();
    await fs.rm(workDir, { recursive: true, force: true });
  }
}

async function e2eLayer(target: S3Target): Promise<{ passed: number; failed: number }> {
  const vsix = path.join(ROOT, 's3-browser.vsix');
  await fs.access(vsix).catch(() => {
    throw new Error(`${vsix} is missing: run \`npm run package\` before the e2e layer.`);
  });
  return runNodeTests(globSync('test/e2e/**/*.test.js', { cwd: OUT, absolute: true }).sort(), { ...targetEnvironment(target), S3B_VSIX: vsix });
}

async function main(): Promise<number> {
  const requested = process.argv.slice(2) as Layer[];
  const layers: Layer[] = requested.length > 0 ? requested : ['unit', 'integration', 'e2e'];
  const results: LayerResult[] = [];
  const timed = async (layer: Layer, run: () => Promise<{ passed: number; failed: number }>) => {
    const started = Date.now();
    console.log(`\n=== ${layer} tests ===`);
    let counts: { passed: number; failed: number };
    try {
      counts = await run();
    } catch (error) {
      console.error(`${layer} layer could not run: ${(error as Error).stack ?? error}`);
      counts = { passed: 0, failed: 1 };
    }
    results.push({ layer, ...counts, seconds: (Date.now() - started) / 1000 });
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
    console.log(`${result.layer}: ${result.passed} passed, ${result.failed} failed (${result.seconds.toFixed(1)} s)`);
  }
  const passed = results.reduce((sum, result) => sum + result.passed, 0);
  const failed = results.reduce((sum, result) => sum + result.failed, 0);
  console.log(`${passed} passed, ${failed} failed`);
  return failed === 0 && passed > 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
