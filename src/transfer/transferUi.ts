// The transfer engine in the window: a cancellable progress notification with files, bytes, rate and
// time left, then one report — "12 succeeded, 1 failed" — whose "Show details" opens the S3 output,
// where every failure and skip is listed by file and key.
import type { Log } from '../ui/log';
import type { NotificationSeverity, Prompts } from '../ui/prompts';
import { runTransfers, type TransferOutcome, type TransferTask } from './transferEngine';
import type { TransferTotals } from './transferProgress';
import { type Counted, formatCount } from '../ui/format';
import { l10n } from '../l10n';

export const SHOW_DETAILS = l10n.t('Show Details');

export interface TransferBatch {
  /** The progress title, present tense: "Uploading 12 files to s3://photos/2024/". */
  title: string;
  /** The report's subject, past tense: "Upload to s3://photos/2024/". */
  summary: string;
  concurrency: number;
  noun?: Counted;
  totals?: TransferTotals;
  stopOnFailure?: boolean;
}

export interface TransferUi {
  prompts: Prompts;
  log: Log;
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function counted(value: number, what: string): string {
  return `${formatCount(value)} ${what}`;
}

/** "12 succeeded, 1 failed, 3 skipped, 4 not done, 2 renamed". */
export function outcomeCounts(outcome: TransferOutcome): string {
  const parts = [counted(outcome.succeeded, 'succeeded'), counted(outcome.failed.length, 'failed')];
  if (outcome.skipped.length > 0) {
    parts.push(counted(outcome.skipped.length, 'skipped'));
  }
  if (outcome.notDone > 0) {
    parts.push(counted(outcome.notDone, 'not done'));
  }
  if (outcome.renamed.length > 0) {
    parts.push(counted(outcome.renamed.length, 'renamed'));
  }
  return parts.join(', ');
}

/** outcomeCounts as the notification says it, in the display language (the output channel keeps English). */
function shownCounts(outcome: TransferOutcome): string {
  const parts = [l10n.t('{0} succeeded', formatCount(outcome.succeeded)), l10n.t('{0} failed', formatCount(outcome.failed.length))];
  if (outcome.skipped.length > 0) {
    parts.push(l10n.t('{0} skipped', formatCount(outcome.skipped.length)));
  }
  if (outcome.notDone > 0) {
    parts.push(l10n.t('{0} not done', formatCount(outcome.notDone)));
  }
  if (outcome.renamed.length > 0) {
    parts.push(l10n.t('{0} renamed', formatCount(outcome.renamed.length)));
  }
  return parts.join(', ');
}

/** Runs a batch under a progress notification, logs every failure and skip, and reports once. */
export async function runTransferBatch(ui: TransferUi, batch: TransferBatch, tasks: Iterable<TransferTask> | AsyncIterable<TransferTask[]>): Promise<TransferOutcome> {
  const { totals, ...shown } = batch;
  const outcome = await runPlannedTransferBatch(ui, shown, async () => ({ tasks, totals }));
  return outcome!; // planning that always returns tasks always has an outcome
}

/** What a batch's planning found to do. */
export interface PlannedTasks {
  tasks: Iterable<TransferTask> | AsyncIterable<TransferTask[]>;
  totals?: TransferTotals;
}

/**
 * Planning (reading files, listing, checking the destination) as the first phase of the batch's own
 * progress notification, so one operation shows one notification. `plan` reports its phase there;
 * it returns undefined when there is nothing to do (then there is no report either).
 */
export async function runPlannedTransferBatch(
  ui: TransferUi,
  batch: Omit<TransferBatch, 'totals'>,
  plan: (report: (message: string) => void, signal: AbortSignal) => Promise<PlannedTasks | undefined>,
): Promise<TransferOutcome | undefined> {
  const outcome = await ui.prompts.withProgress(batch.title, { cancellable: true }, async (report, signal) => {
    const planned = await plan((message) => report(message), signal);
    return planned
      ? runTransfers(planned.tasks, {
          concurrency: batch.concurrency,
          signal,
          stopOnFailure: batch.stopOnFailure,
          totals: planned.totals,
          noun: batch.noun,
          onProgress: (progress) => report(progress.message(), progress.takeIncrement()),
        })
      : undefined;
  });
  if (outcome) {
    reportOutcome(ui, batch.summary, outcome);
  }
  return outcome;
}

/** Logs the outcome item by item and shows one notification with the counts. */
export function reportOutcome(ui: TransferUi, summary: string, outcome: TransferOutcome): void {
  for (const failure of outcome.failed) {
    ui.log.error(`${summary}: FAILED ${failure.label}: ${reason(failure.error)}`);
  }
  for (const skip of outcome.skipped) {
    ui.log.info(`${summary}: skipped ${skip.label}: ${skip.reason}`);
  }
  for (const rename of outcome.renamed) {
    ui.log.info(`${summary}: renamed ${rename.label}: ${rename.name}`);
  }
  const counts = outcomeCounts(outcome);
  ui.log.info(`${summary}: ${counts}${outcome.cancelled ? ' (cancelled)' : ''}; ${formatCount(outcome.bytesDone)} bytes in ${(outcome.elapsedMs / 1000).toFixed(1)} s`);
  const first = outcome.failed[0];
  const shown = outcome.cancelled ? l10n.t('{0} was cancelled: {1}.', summary, shownCounts(outcome)) : l10n.t('{0}: {1}.', summary, shownCounts(outcome));
  const message = `${shown}${first ? ` ${first.label}: ${reason(first.error)}` : ''}`;
  const severity: NotificationSeverity = outcome.failed.length > 0 ? (outcome.succeeded === 0 ? 'error' : 'warning') : outcome.cancelled ? 'warning' : 'info';
  const actions = outcome.failed.length > 0 || outcome.skipped.length > 0 || outcome.renamed.length > 0 ? [SHOW_DETAILS] : [];
  void ui.prompts.notify(severity, message, ...actions).then((choice) => {
    if (choice === SHOW_DETAILS) {
      ui.log.show();
    }
  });
}
