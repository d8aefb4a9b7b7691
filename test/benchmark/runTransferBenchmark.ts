// `npm run bench:transfers`: not a test. Against the local Ceph S3 (or S3_TEST_ENDPOINT), in one run,
// times each transfer scenario (upload/download one big file, upload/download a folder of many small
// files, a server-side prefix copy, a prefix delete) `S3B_BENCH_RUNS` times with:
//  - the bare AWS SDK tuned for speed (the ceiling this server allows a client),
//  - the extension's transfer engine, inside the real extension host (code-server), with the host's
//    peak memory during the big transfers, and the settings variants that tune its defaults,
//  - Debian's `aws s3` and `rclone` (each when installed: scripts/install-bench-deps.sh),
// then prints Markdown tables of the medians and their ratios to the ceiling, and the machine.
// Sizes and counts: see benchConfig() in transferScenarios.ts and docs/drafts/benchmark.md.
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startCodeServer } from '../host/codeServer';
import { runExtensionTests } from '../host/runExtensionTests';
import { startS3Target } from '../support/rgw';
import { awsCli, awsCliPath, machineLines, rclone, which } from './cliClients';
import { settingsLabel, type EngineSettings } from './engineClient';
import { ONE_GET_SCENARIOS, runEnginePlan, type EngineRun, type HostPlan, type HostResult } from './enginePlan';
import { serveClients } from './outsideClients';
import { CEILING_IDS, gapTable, seconds, tables, type Row } from './transferReport';
import { CEILING_TUNING, SdkAdmin, SdkCeiling, type SdkTarget } from './sdkClients';
import { benchConfig, makeFixtures, measureEach, scenariosOf, type TransferClient } from './transferScenarios';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const MIB = 1024 * 1024;

/** The settings' defaults as package.json declares them (what users get). */
async function declaredDefaults(): Promise<EngineSettings> {
  const manifest = JSON.parse(await fs.readFile(path.join(ROOT, 'package.json'), 'utf8')) as { contributes: { configuration: { properties: Record<string, { default: number }> } } };
  const property = (name: string) => manifest.contributes.configuration.properties[`s3Browser.${name}`].default;
  return { concurrency: property('transferConcurrency'), partSizeMB: property('multipartPartSizeMB'), queueSize: property('multipartQueueSize') };
}

function tuningPlan(defaults: EngineSettings): HostPlan['tuning'] {
  const plan: HostPlan['tuning'] = [];
  for (const partSizeMB of [8, 16, 32]) {
    for (const queueSize of [4, 8]) {
      plan.push({ scenario: 'uploadBig', settings: { ...defaults, partSizeMB, queueSize } });
    }
  }
  for (const scenario of ['uploadFolder', 'downloadFolder', 'copyPrefix', 'deletePrefix'] as const) {
    for (const concurrency of [8, 16, 32]) {
      plan.push({ scenario, settings: { ...defaults, concurrency } });
    }
  }
  return plan;
}

function machine(host: HostResult | undefined): Promise<string[]> {
  return machineLines(ROOT, `Node ${process.version} (benchmark, reference SDK); extension host: ${host ? `Node ${host.node}${host.electron ? `, Electron ${host.electron}` : ''} (code-server)` : 'not run'}`);
}

async function engineRuns(plan: HostPlan, workDir: string): Promise<HostResult> {
  if (process.env.S3B_BENCH_ENGINE_IN_PROCESS === '1') {
    return runEnginePlan(plan, (line) => console.log(line));
  }
  const planFile = path.join(workDir, 'plan.json');
  const resultsFile = path.join(workDir, 'host.json');
  await fs.writeFile(planFile, JSON.stringify(plan));
  const workspace = path.join(workDir, 'workspace');
  await fs.mkdir(workspace, { recursive: true });
  // S3B_BENCH_PROXY_SUPPORT=off: VS Code's `http.proxySupport` for the run, to measure what its proxy agent costs.
  const proxySupport = process.env.S3B_BENCH_PROXY_SUPPORT;
  const server = await startCodeServer({
    workDir,
    env: { S3B_BENCH_PLAN: planFile, S3B_RESULTS_FILE: resultsFile, S3B_BENCH_CPU_PROFILE: process.env.S3B_BENCH_CPU_PROFILE },
    settings: proxySupport ? { 'http.proxySupport': proxySupport } : {},
  });
  try {
    const code = await runExtensionTests({ server, extensionPath: ROOT, testsPath: path.join(ROOT, 'out', 'test', 'benchmark', 'hostTransferBenchmark.js'), workspaceFolder: workspace, timeoutMs: 120 * 60_000 });
    if (code !== 0) {
      throw new Error(`The extension-host part of the benchmark failed (exit ${code}).`);
    }
  } finally {
    await server.stop();
  }
  return JSON.parse(await fs.readFile(resultsFile, 'utf8')) as HostResult;
}

async function main(): Promise<void> {
  const config = benchConfig();
  const wanted = (id: string) => !config.clients || config.clients.includes(id);
  const started = performance.now();
  // Radosgw frees the data of deleted and overwritten objects only in its garbage collection, by
  // default hours later: with gigabytes uploaded per run, the memstore OSD would fill up.
  process.env.CEPH_ARGS = `${process.env.CEPH_ARGS ?? ''} --rgw_gc_obj_min_wait=0 --rgw_gc_processor_period=15 --memstore_device_bytes=${8 * 1024 ** 3}`.trim();
  const server = await startS3Target();
  const target: SdkTarget = { endpoint: server.endpoint, region: server.region, accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey };
  const admin = new SdkAdmin(target);
  const workDir = await fs.mkdtemp(path.join(os.tmpdir(), 's3b-bench-transfers-'));
  const clients: TransferClient[] = [];
  try {
    const bucket = `s3b-bench-${Date.now().toString(36)}`;
    await admin.createNamedBucket(bucket);
    const fixtures = await makeFixtures(admin, bucket, workDir, config);
    console.log(`Fixtures ready in ${seconds(performance.now() - started)}; ${config.runs} runs per scenario.`);

    const rows: Row[] = [];
    const oneGet = new SdkCeiling(target, 'sdk-one-get', 'Bare AWS SDK, one GET stream', { ...CEILING_TUNING, rangeBytes: 0 });
    const ceiling = new SdkCeiling(target, 'sdk', 'Bare AWS SDK');
    clients.push(ceiling, oneGet);
    rows.push({ id: ceiling.id, name: ceiling.name, measurements: {} }, { id: oneGet.id, name: oneGet.name, measurements: {} });
    const aws = await awsCliPath();
    const awsClient = aws ? awsCli(aws, target) : undefined;
    rows.push({ id: 'aws', name: '`aws s3` (defaults)', measurements: {}, missing: aws ? undefined : 'not installed (scripts/install-bench-deps.sh)' });
    const rcloneCommand = await which('rclone');
    const rcloneClient = rcloneCommand ? rclone(rcloneCommand, target) : undefined;
    rows.push({ id: 'rclone', name: '`rclone` (tuned flags)', measurements: {}, missing: rcloneCommand ? undefined : 'not installed (scripts/install-bench-deps.sh)' });

    const references: Array<[Row, TransferClient | undefined]> = [
      [rows[0], ceiling],
      [rows[1], oneGet],
      [rows[2], awsClient],
      [rows[3], rcloneClient],
    ];
    const inProcess = process.env.S3B_BENCH_ENGINE_IN_PROCESS === '1';
    // With the engine in the host, every reference client runs from there too, alternating with the
    // engine while code-server runs (the issue-23 method); otherwise they run here, before it.
    const referencesInHost = wanted('engine') && !inProcess;
    if (!referencesInHost) {
      for (const scenario of scenariosOf(config)) {
        console.log(scenario.title(config));
        const taking = references.filter(([row, client]) => client && wanted(row.id) && scenario.supported(client) && (row.id !== oneGet.id || ONE_GET_SCENARIOS.includes(scenario.id)));
        const measurements = await measureEach(taking.map(([, client]) => client!), scenario, fixtures, admin, config, { log: (line) => console.log(line) });
        taking.forEach(([row], index) => (row.measurements[scenario.id] = measurements[index]));
      }
    }

    const defaults = await declaredDefaults();
    let host: HostResult | undefined;
    const engineName = `S3 Browser engine${inProcess ? ' (in-process)' : ''}`;
    if (wanted('engine')) {
      console.log(`Transfer engine (${inProcess ? 'in this process' : 'in the extension host, with the reference clients'}; defaults: ${settingsLabel(defaults)})`);
      const outside = referencesInHost ? await serveClients([ceiling, oneGet]) : undefined;
      try {
        const plan: HostPlan = { target, fixtures, config, defaults, ceiling: CEILING_TUNING, tuning: config.tune ? tuningPlan(defaults) : [] };
        if (outside) {
          plan.references = {
            aws: wanted('aws') ? aws : undefined,
            rclone: wanted('rclone') ? rcloneCommand : undefined,
            outside: { url: outside.url, ids: CEILING_IDS.filter(wanted) },
          };
        }
        host = await engineRuns(plan, workDir);
      } finally {
        await outside?.close();
      }
      const measurements = Object.fromEntries(host.runs.filter((entry) => entry.group === 'engine').map((entry) => [entry.measurement.scenario, entry.measurement]));
      rows.push({ id: 'engine', name: engineName, measurements });
      const ofGroup = (group: EngineRun['group'], clientId: string) => Object.fromEntries(host!.runs.filter((entry) => entry.group === group && entry.measurement.clientId === clientId).map((entry) => [entry.measurement.scenario, entry.measurement]));
      rows.push({ id: 'engine-sdk', name: 'Bare AWS SDK beside the engine', measurements: ofGroup('ceiling', 'sdk') }, { id: 'engine-sdk-one-get', name: 'Bare AWS SDK, one GET stream, beside the engine', measurements: ofGroup('ceiling', 'sdk-one-get') });
      if (referencesInHost) {
        for (const [row] of references) {
          row.measurements = ofGroup('reference', row.id.startsWith('sdk') ? `${row.id}-outside` : row.id);
        }
      }
    }

    const lines = [
      `## Transfer benchmark`,
      '',
      ...(await machine(host)),
      `- ${config.runs} runs per scenario, median shown. Ceiling = the bare AWS SDK, tuned: uploads in ${CEILING_TUNING.partSizeBytes / MIB} MiB parts, ${CEILING_TUNING.queueSize} at a time; downloads the faster of ${CEILING_TUNING.rangeBytes / MIB} MiB ranged GETs (${CEILING_TUNING.rangeConcurrency} at a time) and one streamed GET; ${CEILING_TUNING.concurrency} requests in flight for many keys; ${CEILING_TUNING.deleteBatchesInFlight} DeleteObjects of 1000 keys in flight.`,
      referencesInHost
        ? `- × = time ÷ the ceiling's time. Every client ran alternating run by run with the engine while code-server and its browser ran: the engine and the bare SDK beside it inside the extension host, the CLIs as processes started from it, the ceiling (bare SDK, plain Node) in the benchmark's process, timed from the host. Target (issue 23): engine ≤ 1.15× rclone.`
        : `- × = time ÷ the ceiling's time. The reference clients run alone in the benchmark's process${inProcess ? '; the engine runs in the benchmark process' : ''}. Target: engine ≤ 1.15× rclone.`,
      `- Engine defaults (package.json): ${settingsLabel(defaults)}.${process.env.S3B_BENCH_PROXY_SUPPORT ? ` VS Code's \`http.proxySupport\`: ${process.env.S3B_BENCH_PROXY_SUPPORT} (default: override).` : ''}`,
      '',
      ...tables(config, rows, host?.runs ?? []),
      ...(referencesInHost ? gapTable(config, rows) : []),
      '',
      `Total benchmark time: ${Math.round((performance.now() - started) / 60_000)} min.`,
    ];
    console.log(`\n${lines.join('\n')}`);
    await fs.mkdir(path.join(ROOT, '.test-work'), { recursive: true });
    await fs.writeFile(path.join(ROOT, '.test-work', 'transfer-benchmark.md'), `${lines.join('\n')}\n`);
    console.log('\n(Also written to .test-work/transfer-benchmark.md.)');
  } finally {
    for (const client of clients) {
      (client as SdkCeiling).dispose();
    }
    admin.dispose();
    await server.stop();
    await fs.rm(workDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

