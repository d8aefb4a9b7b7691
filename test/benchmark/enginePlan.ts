// The extension's transfer engine on every scenario, its process's peak memory during the big upload
// and download (and a smaller file, to show it does not grow with the size), and the settings
// variants that tune the engine's defaults. Free of `vscode`: hostTransferBenchmark.ts runs it inside
// the extension host; S3B_BENCH_ENGINE_IN_PROCESS=1 runs it in the benchmark's own process.
import { awsCli, rclone } from './cliClients';
import { EngineClient, settingsLabel, type EngineSettings } from './engineClient';
import { outsideClient } from './outsideClients';
import { SdkAdmin, SdkCeiling, type CeilingTuning, type SdkTarget } from './sdkClients';
import { measureEach, scenariosOf, type BenchConfig, type Fixtures, type Measurement, type ScenarioId, type TransferClient } from './transferScenarios';

export interface EngineRun {
  /**
   * `engine`: the table's row; `ceiling`: the bare SDK in the same process; `probe`: the engine on the
   * smaller file, for memory; `tuning`: a settings variant (or the defaults again, measured alongside);
   * `reference`: a client outside this process (the CLIs, the SDK in plain Node), timed from here.
   */
  group: 'engine' | 'ceiling' | 'probe' | 'tuning' | 'reference';
  name: string;
  settings: EngineSettings;
  measurement: Measurement;
}

export interface HostPlan {
  target: SdkTarget;
  fixtures: Fixtures;
  config: BenchConfig;
  defaults: EngineSettings;
  ceiling: CeilingTuning;
  /** Settings variants per scenario (the defaults are measured anyway). */
  tuning: Array<{ scenario: ScenarioId; settings: EngineSettings }>;
  /**
   * The reference clients, run alternating with the engine while the host runs, so every client
   * shares the engine's background load: the CLIs' paths, and the URL serving the SDK in plain Node.
   */
  references?: { aws?: string; rclone?: string; outside?: { url: string; ids: string[] } };
}

/** The one-GET ceiling only differs from the ranged one on the big download. */
export const ONE_GET_SCENARIOS: ScenarioId[] = ['downloadBig'];

function referenceClients(plan: HostPlan, scenario: ScenarioId): TransferClient[] {
  const { aws, rclone: rcloneCommand, outside } = plan.references ?? {};
  const served = (id: string) => outside?.ids.includes(id) ?? false;
  return [
    ...(served('sdk') ? [outsideClient(outside!.url, 'sdk', 'Bare AWS SDK, plain Node')] : []),
    ...(served('sdk-one-get') && ONE_GET_SCENARIOS.includes(scenario) ? [outsideClient(outside!.url, 'sdk-one-get', 'Bare AWS SDK, one GET stream, plain Node')] : []),
    ...(aws ? [awsCli(aws, plan.target)] : []),
    ...(rcloneCommand ? [rclone(rcloneCommand, plan.target)] : []),
  ];
}

export interface HostResult {
  runs: EngineRun[];
  node: string;
  electron?: string;
  baselineRssMiB: number;
}

const same = (a: EngineSettings, b: EngineSettings) => a.concurrency === b.concurrency && a.partSizeMB === b.partSizeMB && a.queueSize === b.queueSize;

/** Measures the engine on every scenario, the memory probe and the tuning variants, in this process. */
export async function runEnginePlan(plan: HostPlan, log: (line: string) => void): Promise<HostResult> {
  const admin = new SdkAdmin(plan.target);
  const runs: EngineRun[] = [];
  const engineFor = (settings: EngineSettings) => new EngineClient(plan.target, settings, `S3 Browser engine (${settingsLabel(settings)})`);
  // The ceiling again, in this process and alternating with the engine, so the engine's ratio is
  // not skewed by what this process shares the machine with (the workbench, code-server).
  const ceiling = new SdkCeiling(plan.target, 'sdk', 'Bare AWS SDK (same process)', plan.ceiling);
  const oneGet = new SdkCeiling(plan.target, 'sdk-one-get', 'Bare AWS SDK, one GET stream (same process)', { ...plan.ceiling, rangeBytes: 0 });
  const variants = new Map<string, EngineClient>();
  try {
    const engine = engineFor(plan.defaults);
    for (const scenario of scenariosOf(plan.config)) {
      const sampleMemory = scenario.id === 'uploadBig' || scenario.id === 'downloadBig';
      if (sampleMemory) {
        // The smaller file first: memory a process took stays with it, so a run after the big one
        // would show no growth whatever the engine does.
        const probe = { ...plan.fixtures, bigFile: plan.fixtures.probeFile, bigKey: plan.fixtures.probeKey };
        const [measurement] = await measureEach([engine], scenario, probe, admin, { ...plan.config, bigBytes: plan.config.memoryProbeBytes }, { sampleMemory, log });
        runs.push({ group: 'probe', name: engine.name, settings: plan.defaults, measurement });
      }
      const ceilings = [ceiling, ...(ONE_GET_SCENARIOS.includes(scenario.id) ? [oneGet] : [])];
      const references = referenceClients(plan, scenario.id).filter((client) => scenario.supported(client));
      const clients = [engine, ...ceilings, ...references];
      const [engineMeasurement, ...others] = await measureEach(clients, scenario, plan.fixtures, admin, plan.config, { sampleMemory, log });
      runs.push({ group: 'engine', name: engine.name, settings: plan.defaults, measurement: engineMeasurement });
      for (const measurement of others.slice(ceilings.length)) {
        // This process's memory says nothing about a client running in another one.
        delete measurement.peakRssMiB;
        delete measurement.peakRssTotalMiB;
      }
      runs.push(...others.map((measurement, index): EngineRun => ({ group: index < ceilings.length ? 'ceiling' : 'reference', name: clients[index + 1].name, settings: plan.defaults, measurement })));
    }
    for (const scenario of scenariosOf(plan.config)) {
      const tuned = plan.tuning.filter((entry) => entry.scenario === scenario.id && !same(entry.settings, plan.defaults)).map((entry) => entry.settings);
      if (tuned.length === 0) {
        continue;
      }
      const clients = tuned.map((settings) => {
        const key = settingsLabel(settings);
        if (!variants.has(key)) {
          variants.set(key, engineFor(settings));
        }
        return variants.get(key)!;
      });
      // The defaults once more, alternating with the variants, so they compare under the same load.
      const measurements = await measureEach([engine, ...clients], scenario, plan.fixtures, admin, plan.config, { sampleMemory: scenario.id === 'uploadBig', log });
      runs.push(...measurements.map((measurement, index): EngineRun => {
        const settings = index === 0 ? plan.defaults : tuned[index - 1];
        return { group: 'tuning', name: settingsLabel(settings), settings, measurement };
      }));
    }
    engine.dispose();
  } finally {
    for (const variant of variants.values()) {
      variant.dispose();
    }
    ceiling.dispose();
    oneGet.dispose();
    admin.dispose();
  }
  (global as { gc?: () => void }).gc?.();
  return { runs, node: process.version, electron: process.versions.electron, baselineRssMiB: Math.round(process.memoryUsage().rss / 1024 / 1024) };
}
