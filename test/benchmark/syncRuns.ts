// bench:sync's timing: each task run `S3B_BENCH_RUNS` times, interleaved so that no client always
// goes first (or last) under a changing load, every run checked; and the cells of the report's
// tables (median and min–max, and the ratio to S3 Browser).
import * as os from 'node:os';
import type { RunInfo } from './syncClients';
import { RUNS } from './syncScenarios';
import { median } from './transferScenarios';

export interface Series {
  samples: number[];
  /** 1-minute load average just before each run. */
  loads: number[];
  infos: RunInfo[];
  error?: string;
}

export interface Task {
  label: string;
  /** Untimed, before the run (the 10 % rewrite). */
  prepare?: (round: number) => Promise<void>;
  act: () => Promise<RunInfo | void>;
  /** Untimed, after the run: throws when the result is wrong. */
  check: (round: number) => Promise<void>;
}

/** Each task `RUNS` times, interleaved: round r starts with task r mod n. A failing or wrong run ends that task's series. */
export async function interleaved(tasks: Task[]): Promise<Series[]> {
  const series: Series[] = tasks.map(() => ({ samples: [], loads: [], infos: [] }));
  for (let round = 0; round < RUNS; round++) {
    for (let turn = 0; turn < tasks.length; turn++) {
      const index = (round + turn) % tasks.length;
      const entry = series[index];
      const task = tasks[index];
      if (entry.error) {
        continue;
      }
      try {
        await task.prepare?.(round);
        const load = os.loadavg()[0];
        const started = performance.now();
        const info = await task.act();
        const ms = performance.now() - started;
        await task.check(round);
        entry.samples.push(ms);
        entry.loads.push(load);
        if (info) {
          entry.infos.push(info);
        }
        const detail = info ? `; ${info.heads} HEAD, ${info.transfers} transfers; load records ${Math.round(info.phases.load)} ms, plan ${Math.round(info.phases.plan)} ms, transfers ${Math.round(info.phases.transfer)} ms, save records ${Math.round(info.phases.save)} ms` : '';
        console.log(`  ${task.label} #${round + 1}: ${Math.round(ms)} ms (load ${load.toFixed(2)})${detail}`);
      } catch (error) {
        entry.error = `failed: ${(error as Error).message?.split('\n')[0] ?? String(error)}`;
        console.log(`  ${task.label}: ${entry.error}`);
      }
    }
  }
  return series;
}

export const seconds = (ms: number) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${(ms / 1000).toFixed(2)} s`);
const spread = (samples: number[]) => `${seconds(Math.min(...samples))}–${seconds(Math.max(...samples))}`;

export function cell(series: Series | undefined): string {
  if (!series) {
    return 'not run';
  }
  if (series.error) {
    return series.error;
  }
  return series.samples.length === 0 ? 'no runs' : `${seconds(median(series.samples))} (${spread(series.samples)})`;
}

export function ratio(mine: Series | undefined, theirs: Series | undefined): string {
  if (!mine?.samples.length || !theirs?.samples.length || mine.error || theirs.error) {
    return '—';
  }
  const value = median(mine.samples) / median(theirs.samples);
  return value < 1 ? `${value.toFixed(2)}× (${(1 / value).toFixed(1)}× faster)` : `${value.toFixed(2)}× (slower)`;
}
