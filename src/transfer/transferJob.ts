// The scheduler under the transfer engine (transferEngine.ts): items are listed page by page and
// worked on with bounded concurrency; a cancel (and, unless `keepGoing`, the first failure) stops new
// work, and the outcome says exactly how far it got. Free of `vscode`, so its rules are unit-tested
// on their own.

import { setMaxListeners } from 'node:events';
import { formatCount } from '../ui/format';
import { l10n } from '../l10n';

export interface JobOutcome<T> {
  /** Items whose work completed. */
  done: number;
  /** Items listed so far (all of them when `listingComplete`). */
  listed: number;
  listingComplete: boolean;
  /** The first failure; without `keepGoing` no item started after it. */
  failure?: { item: T; error: unknown };
  /** Every failure, in completion order (one at most without `keepGoing`). */
  failures: Array<{ item: T; error: unknown }>;
  cancelled: boolean;
}

export interface JobOptions<T> {
  concurrency: number;
  signal?: AbortSignal;
  /**
   * A batch of independent items (an upload of 40 files): a failure is recorded and the others go on.
   * Without it the first failure stops the job (a folder move must not go on past a failure).
   */
  keepGoing?: boolean;
  /** Called after each item's work completed, in completion order. */
  onItemDone?(item: T, done: number): void | Promise<void>;
}

/**
 * Runs `work` on every item of `pages`, at most `concurrency` at a time. After the first failure or
 * a cancel no new item starts, the signal handed to work in flight aborts, and the outcome is returned
 * (never thrown) once nothing is in flight.
 */
export async function runJob<T>(pages: AsyncIterable<T[]>, work: (item: T, signal: AbortSignal) => Promise<void>, options: JobOptions<T>): Promise<JobOutcome<T>> {
  const stop = new AbortController();
  // Every item in flight listens to this one signal (and the SDK adds a listener per request).
  setMaxListeners(0, stop.signal);
  const onCancel = () => stop.abort();
  options.signal?.addEventListener('abort', onCancel);
  if (options.signal?.aborted) {
    stop.abort();
  }
  const outcome: JobOutcome<T> = { done: 0, listed: 0, listingComplete: false, failures: [], cancelled: false };
  const fail = (item: T, error: unknown) => {
    outcome.failures.push({ item, error });
    outcome.failure ??= { item, error };
  };
  const inFlight = new Set<Promise<void>>();
  const start = (item: T) => {
    const running: Promise<void> = work(item, stop.signal).then(
      async () => {
        outcome.done++;
        await options.onItemDone?.(item, outcome.done);
      },
      (error: unknown) => {
        // Work aborted because of a cancel or an earlier failure is not a failure of its own.
        if (!stop.signal.aborted) {
          fail(item, error);
        }
        if (!options.keepGoing) {
          stop.abort();
        }
      },
    );
    const tracked = running.finally(() => inFlight.delete(tracked));
    inFlight.add(tracked);
  };
  try {
    let stoppedEarly = false;
    listing: for await (const page of pages) {
      for (const [index, item] of page.entries()) {
        while (inFlight.size >= Math.max(1, options.concurrency) && !stop.signal.aborted) {
          await Promise.race(inFlight);
        }
        if (stop.signal.aborted) {
          stoppedEarly = true;
          outcome.listed += page.length - index;
          break listing;
        }
        outcome.listed++;
        start(item);
      }
    }
    outcome.listingComplete = !stoppedEarly;
  } catch (error) {
    // A listing failure stops the job, even a keep-going one (nothing more can be found); a keep-going
    // job lets the items already started finish.
    if (!stop.signal.aborted) {
      fail(undefined as T, error);
    }
    if (!options.keepGoing) {
      stop.abort();
    }
  }
  await Promise.all(inFlight);
  options.signal?.removeEventListener('abort', onCancel);
  outcome.cancelled = options.signal?.aborted === true && (options.keepGoing === true || !outcome.failure);
  return outcome;
}

/** "812 of 1,204" when the total is known, else "812". */
export function countOf(done: number, total: number | undefined): string {
  return total === undefined ? formatCount(done) : l10n.t('{0} of {1}', formatCount(done), formatCount(total));
}
