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
import { CEILING_TUNING, SdkAdmin, SdkCeiling, type SdkTarget } from './sdkClients';
import { benchConfig, makeFixtures, measureEach, median, scenariosOf, SCENARIOS, type BenchConfig, type Measurement, type ScenarioId, type TransferClient } from './transferScenarios';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const MIB = 1024 * 1024;

/** The ceiling rows: the bare SDK with ranged GETs, and with one streamed GET (does ranging pay?). */
const CEILING_IDS = ['sdk', 'sdk-one-get'];

interface Row {
  id: string;
  name: string;
  measurements: Partial<Record<ScenarioId, Measurement>>;
  /** Why the client has no numbers at all (not installed). */
  missing?: string;
}

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

const seconds = (ms: number) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${(ms / 1000).toFixed(2)} s`);

function medianOf(measurement: Measurement | undefined): number | undefined {
  return measurement && measurement.samples.length > 0 ? median(measurement.samples) : undefined;
}

function rate(config: BenchConfig, scenario: ScenarioId, ms: number): string {
  const { value, unit } = SCENARIOS.find((candidate) => candidate.id === scenario)!.amount(config);
  return unit === 'MiB' ? `${Math.round(value / (ms / 1000))} MiB/s` : `${Math.round(value / (ms / 1000)).toLocaleString('en-US')} keys/s`;
}

function ceilingOf(rows: Row[], scenario: ScenarioId, ids = CEILING_IDS): number | undefined {
  const medians = rows.filter((row) => ids.includes(row.id)).flatMap((row) => medianOf(row.measurements[scenario]) ?? []);
  return medians.length > 0 ? Math.min(...medians) : undefined;
}

function cell(row: Row, scenario: ScenarioId, ceiling: number | undefined): [string, string] {
  const measurement = row.measurements[scenario];
  if (row.missing) {
    return [row.missing, ''];
  }
  if (!measurement) {
    return ['—', ''];
  }
  const ms = medianOf(measurement);
  if (ms === undefined) {
    return [measurement.error ?? 'no runs', ''];
  }
  return [seconds(ms), ceiling ? `${(ms / ceiling).toFixed(2)}×` : ''];
}

const ENGINE_CEILING_IDS = ['engine-sdk', 'engine-sdk-one-get'];

function ratio(ms: number | undefined, ceiling: number | undefined): string {
  return ms !== undefined && ceiling ? `${(ms / ceiling).toFixed(2)}×` : '';
}

function tables(config: BenchConfig, rows: Row[], engineRuns: EngineRun[]): string[] {
  const byId = (id: string) => rows.find((row) => row.id === id);
  const engine = byId('engine');
  const references = ['aws', 'rclone'].flatMap((id) => byId(id) ?? []);
  const lines = [
    `| Scenario | Bare AWS SDK (ceiling) | ${references.map((row) => `${row.name} | ×`).join(' | ')}${engine ? ' | S3 Browser engine | Bare AWS SDK beside it | ×' : ''} |`,
    `|---|---:|${references.map(() => '---:|---:').join('|')}${engine ? '|---:|---:|---:' : ''}|`,
  ];
  for (const scenario of scenariosOf(config)) {
    const ceiling = ceilingOf(rows, scenario.id);
    const ceilingCell = ceiling === undefined ? 'failed' : `${seconds(ceiling)} (${rate(config, scenario.id, ceiling)})`;
    let line = `| ${scenario.title(config)} | ${ceilingCell} | ${references.map((row) => cell(row, scenario.id, ceiling).join(' | ')).join(' | ')}`;
    if (engine) {
      const beside = ceilingOf(rows, scenario.id, ENGINE_CEILING_IDS);
      line += ` | ${cell(engine, scenario.id, beside)[0]} | ${beside === undefined ? 'failed' : seconds(beside)} | ${cell(engine, scenario.id, beside)[1]}`;
    }
    lines.push(`${line} |`);
  }

  const memory = (group: 'engine' | 'probe', scenario: ScenarioId) => {
    const measurement = engineRuns.find((entry) => entry.group === group && entry.measurement.scenario === scenario)?.measurement;
    const growth = measurement?.peakRssMiB ?? [];
    const total = measurement?.peakRssTotalMiB ?? [];
    return growth.length > 0 ? `+${Math.max(...growth)} MiB (peak ${Math.max(...total)} MiB)` : 'n/a';
  };
  const where = engine?.name.includes('in-process') ? 'benchmark process (not the extension host)' : 'extension host';
  lines.push(
    '',
    `Engine's peak ${where} memory: RSS sampled every 50 ms, growth over the RSS just before the run (highest of the runs), and the peak itself. The smaller file runs first.`,
    '',
    `| Transfer | ${Math.round(config.memoryProbeBytes / MIB)} MiB file | ${Math.round(config.bigBytes / MIB)} MiB file |`,
    '|---|---:|---:|',
    `| Upload | ${memory('probe', 'uploadBig')} | ${memory('engine', 'uploadBig')} |`,
    `| Download | ${memory('probe', 'downloadBig')} | ${memory('engine', 'downloadBig')} |`,
  );

  const tuning = engineRuns.filter((entry) => entry.group === 'tuning');
  const tunedScenarios = [...new Set(tuning.map((entry) => entry.measurement.scenario))];
  if (tunedScenarios.length > 0) {
    lines.push(
      '',
      'Engine settings variants, measured alternating with the defaults (★); × = time ÷ the bare SDK beside the engine:',
      '',
      '| Scenario | Settings | Median | vs defaults | × |',
      '|---|---|---:|---:|---:|',
    );
    for (const scenarioId of tunedScenarios) {
      const scenario = SCENARIOS.find((candidate) => candidate.id === scenarioId)!;
      const beside = ceilingOf(rows, scenarioId, ENGINE_CEILING_IDS);
      const entries = tuning.filter((candidate) => candidate.measurement.scenario === scenarioId);
      const defaults = medianOf(entries[0]?.measurement);
      for (const [index, entry] of entries.entries()) {
        const ms = medianOf(entry.measurement);
        const shown = ms === undefined ? (entry.measurement.error ?? 'no runs') : seconds(ms);
        lines.push(`| ${scenario.title(config)} | ${settingsLabel(entry.settings)}${index === 0 ? ' ★' : ''} | ${shown} | ${ratio(ms, defaults)} | ${ratio(ms, beside)} |`);
      }
    }
  }

  lines.push('', 'Every run (ms, in run order):', '', '| Client | Scenario | Runs |', '|---|---|---|');
  const probeConfig = { ...config, bigBytes: config.memoryProbeBytes };
  const everyRow: Array<[string, Measurement, BenchConfig]> = [
    ...rows.flatMap((row) => Object.values(row.measurements).map((measurement): [string, Measurement, BenchConfig] => [row.name, measurement!, config])),
    ...engineRuns
      .filter((entry) => entry.group === 'probe' || entry.group === 'tuning')
      .map((entry): [string, Measurement, BenchConfig] => (entry.group === 'probe' ? [engine?.name ?? 'engine', entry.measurement, probeConfig] : [`engine, ${settingsLabel(entry.settings)}`, entry.measurement, config])),
  ];
  for (const [name, measurement, shownConfig] of everyRow) {
    const scenario = SCENARIOS.find((candidate) => candidate.id === measurement.scenario)!;
    const memory = measurement.peakRssMiB ? ` (RSS growth, MiB: ${measurement.peakRssMiB.join(', ')}; peak RSS ${measurement.peakRssTotalMiB?.join(', ')})` : '';
    lines.push(`| ${name} | ${scenario.title(shownConfig)} | ${measurement.samples.length > 0 ? measurement.samples.map((ms) => Math.round(ms)).join(', ') : (measurement.error ?? '')}${memory} |`);
  }
  return lines;
}

const spread = (measurement: Measurement | undefined) =>
  measurement && measurement.samples.length > 0 ? `${seconds(median(measurement.samples))} (${seconds(Math.min(...measurement.samples))}–${seconds(Math.max(...measurement.samples))})` : (measurement?.error ?? '—');

/**
 * Where each gap between the engine and rclone goes: the engine's own code (the engine ÷ the bare
 * SDK beside it), the host (the same SDK code inside ÷ outside it), the client library (the SDK in
 * plain Node ÷ rclone). The three multiply to the engine ÷ rclone.
 */
function gapTable(config: BenchConfig, rows: Row[]): string[] {
  const byId = (id: string) => rows.find((row) => row.id === id);
  const lines = [
    '',
    'Where each gap to rclone goes (medians (min–max); engine ÷ rclone = engine code × host × library):',
    '',
    '| Scenario | S3 Browser engine | Bare SDK in the host | Bare SDK, plain Node | `rclone` | Engine ÷ rclone | Engine code (engine ÷ SDK in the host) | Host (SDK in ÷ outside the host) | Library (SDK plain Node ÷ rclone) |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const scenario of scenariosOf(config)) {
    const fastest = (ids: string[]) => {
      const candidates = ids.flatMap((id) => byId(id)?.measurements[scenario.id] ?? []).filter((measurement) => measurement.samples.length > 0);
      return candidates.sort((a, b) => median(a.samples) - median(b.samples))[0];
    };
    const engine = byId('engine')?.measurements[scenario.id];
    const inHost = fastest(ENGINE_CEILING_IDS);
    const outside = fastest(CEILING_IDS);
    const rcloneRun = byId('rclone')?.measurements[scenario.id];
    const of = (measurement: Measurement | undefined) => medianOf(measurement);
    lines.push(
      `| ${scenario.title(config)} | ${spread(engine)} | ${spread(inHost)} | ${spread(outside)} | ${spread(rcloneRun)} | ${ratio(of(engine), of(rcloneRun))} | ${ratio(of(engine), of(inHost))} | ${ratio(of(inHost), of(outside))} | ${ratio(of(outside), of(rcloneRun))} |`,
    );
  }
  return lines;
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

