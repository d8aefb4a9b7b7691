// The transfer benchmark's report: the Markdown tables of medians and ratios (to the ceiling, to
// the SDK beside the engine, to rclone), the engine's memory, the tuning variants, every run, and
// where each gap to rclone goes (engine code × host × library).
import { settingsLabel } from './engineClient';
import type { EngineRun } from './enginePlan';
import { median, scenariosOf, SCENARIOS, type BenchConfig, type Measurement, type ScenarioId } from './transferScenarios';

const MIB = 1024 * 1024;

/** The ceiling rows: the bare SDK with ranged GETs, and with one streamed GET (does ranging pay?). */
export const CEILING_IDS = ['sdk', 'sdk-one-get'];

export interface Row {
  id: string;
  name: string;
  measurements: Partial<Record<ScenarioId, Measurement>>;
  /** Why the client has no numbers at all (not installed). */
  missing?: string;
}

export const seconds = (ms: number) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${(ms / 1000).toFixed(2)} s`);

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

export function tables(config: BenchConfig, rows: Row[], engineRuns: EngineRun[]): string[] {
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
export function gapTable(config: BenchConfig, rows: Row[]): string[] {
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
