// The resident memory (RSS) of the process the tests run in, sampled while something runs: inside
// the extension host (the integration tests), that is the host's own memory, the extension's included.
// The same idea as the transfer benchmark's peakRss: a sample every 50 ms, peak minus a baseline.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

const MiB = 1024 * 1024;

/**
 * A full garbage collection: `global.gc` when the process was started with --expose-gc, else the
 * same function obtained by turning that flag on now (the extension host is not started with it).
 * Garbage left by an earlier step is then not counted as the next step's growth, nor freed during it.
 */
function collectGarbage(): void {
  let gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) {
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as () => void;
  }
  gc();
}

export interface RssGrowth {
  /** RSS just before the action, after a full collection and a settle, in MiB. */
  baselineMiB: number;
  /** The highest RSS sampled while the action ran (and right after), in MiB. */
  peakMiB: number;
  /** peak − baseline, in MiB. */
  growthMiB: number;
  samples: number;
}

function inMiB(bytes: number): number {
  return Math.round((bytes / MiB) * 10) / 10;
}

/**
 * Runs `action` while sampling this process's RSS every `intervalMs`; the baseline is taken after a
 * full garbage collection and `settleMs` of quiet, so it is the memory the process holds, not what
 * it happened to have allocated last.
 */
export async function rssGrowthDuring(action: () => Promise<unknown>, { intervalMs = 50, settleMs = 1000 } = {}): Promise<RssGrowth> {
  collectGarbage();
  await new Promise((resolve) => setTimeout(resolve, settleMs));
  collectGarbage();
  const baseline = process.memoryUsage.rss();
  let peak = baseline;
  let samples = 0;
  const sample = () => {
    peak = Math.max(peak, process.memoryUsage.rss());
    samples++;
  };
  const timer = setInterval(sample, intervalMs);
  try {
    await action();
  } finally {
    clearInterval(timer);
  }
  sample();
  return { baselineMiB: inMiB(baseline), peakMiB: inMiB(peak), growthMiB: inMiB(peak - baseline), samples };
}
