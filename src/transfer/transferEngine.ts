// The one transfer engine: every job over many files or keys — uploads, downloads, copies, moves,
// deletes, and the file system provider's folder operations — is a list of TransferTasks run here
// with bounded concurrency, byte-level progress, Cancel, and a per-item outcome. Free of `vscode`
// (transferUi.ts adds the progress notification and the report), so the benchmark runs the very
// same code outside the editor.
import { runJob } from './transferJob';
import { TransferProgress, type TransferTotals } from './transferProgress';
import type { Counted } from '../ui/format';

/** What one task reports besides plain success. */
export interface TaskResult {
  /** The task decided not to act (an unchanged file, a key the user chose to skip), and why. */
  skipped?: string;
  /** Items of a multi-item task (a DeleteObjects batch) that failed while the others succeeded. */
  failures?: TransferFailure[];
  /** The task succeeded under another name than its source's (a download whose key is no safe local name), and which. */
  renamed?: string;
}

export interface TransferTask {
  /** Names the file and/or key, e.g. `report.csv → s3://bucket/reports/report.csv`. */
  label: string;
  /** Bytes the task moves, for progress (0 for work without a body: a copy on the server, a delete). */
  bytes: number;
  /** Items the task stands for (a DeleteObjects batch of 1000 keys); 1 when omitted. */
  items?: number;
  /**
   * Does the work. Reports bytes as they move (may go back with a negative count when a retry starts
   * over). Must leave nothing partial behind when it fails or `signal` aborts.
   */
  run(signal: AbortSignal, addBytes: (bytes: number) => void): Promise<TaskResult | void>;
}

export interface TransferFailure {
  label: string;
  error: unknown;
}

export interface TransferOutcome {
  succeeded: number;
  skipped: Array<{ label: string; reason: string }>;
  failed: TransferFailure[];
  /** Items that succeeded under another name, and what it is. */
  renamed: Array<{ label: string; name: string }>;
  cancelled: boolean;
  /** Items listed or given that were neither done nor failed: a cancel or `stopOnFailure` stopped them. */
  notDone: number;
  /** Whether every item was found (a listing that failed or was cancelled leaves this false). */
  listingComplete: boolean;
  bytesDone: number;
  elapsedMs: number;
}

export interface TransferOptions {
  concurrency: number;
  signal?: AbortSignal;
  /** Stop at the first failure (a folder move); by default a batch goes on and reports each failure. */
  stopOnFailure?: boolean;
  totals?: TransferTotals;
  /** Singular noun for progress: "file", "key", "object". */
  noun?: Counted;
  /** Called as work progresses, at most every `progressIntervalMs`, and once at the end. */
  onProgress?(progress: TransferProgress): void;
  progressIntervalMs?: number;
}

async function* asPages(tasks: Iterable<TransferTask> | AsyncIterable<TransferTask[]>): AsyncIterable<TransferTask[]> {
  if (Symbol.asyncIterator in tasks) {
    yield* tasks;
  } else {
    yield [...tasks];
  }
}

/** Runs the tasks and returns what happened to each of them; never throws. */
export async function runTransfers(tasks: Iterable<TransferTask> | AsyncIterable<TransferTask[]>, options: TransferOptions): Promise<TransferOutcome> {
  const started = performance.now();
  const progress = new TransferProgress(options.totals ?? {}, options.noun);
  const interval = options.progressIntervalMs ?? 250;
  let lastReport = 0;
  const report = (force = false) => {
    const now = performance.now();
    if (options.onProgress && (force || now - lastReport >= interval)) {
      lastReport = now;
      options.onProgress(progress);
    }
  };
  const outcome: TransferOutcome = { succeeded: 0, skipped: [], failed: [], renamed: [], cancelled: false, notDone: 0, listingComplete: false, bytesDone: 0, elapsedMs: 0 };
  let listedItems = 0;
  let finishedItems = 0;

  const job = await runJob(
    (async function* () {
      for await (const page of asPages(tasks)) {
        listedItems += page.reduce((sum, task) => sum + (task.items ?? 1), 0);
        yield page;
      }
    })(),
    async (task, signal) => {
      let moved = 0;
      const addBytes = (bytes: number) => {
        moved += bytes;
        progress.addBytes(bytes);
        report();
      };
      try {
        const result = (await task.run(signal, addBytes)) ?? {};
        const items = task.items ?? 1;
        const failures = result.failures ?? [];
        finishedItems += items;
        if (result.skipped !== undefined) {
          outcome.skipped.push({ label: task.label, reason: result.skipped });
        } else {
          outcome.succeeded += items - failures.length;
        }
        if (result.renamed !== undefined) {
          outcome.renamed.push({ label: task.label, name: result.renamed });
        }
        outcome.failed.push(...failures);
        for (let i = 0; i < items; i++) {
          progress.fileDone();
        }
        report();
      } catch (error) {
        // Bytes of a task that did not complete are not done: the progress and the total say so.
        progress.addBytes(-moved);
        throw error;
      }
    },
    { concurrency: options.concurrency, signal: options.signal, keepGoing: !options.stopOnFailure },
  );
  for (const failure of job.failures) {
    // A failure without an item is the listing's own.
    outcome.failed.push({ label: failure.item?.label ?? 'listing', error: failure.error });
    finishedItems += failure.item ? (failure.item.items ?? 1) : 0;
  }
  outcome.cancelled = job.cancelled;
  outcome.listingComplete = job.listingComplete;
  outcome.notDone = Math.max(0, listedItems - finishedItems);
  outcome.bytesDone = progress.bytesDone;
  outcome.elapsedMs = performance.now() - started;
  report(true);
  return outcome;
}
