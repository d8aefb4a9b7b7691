// The file system provider's folder jobs: delete, copy and move of every key under a prefix, run on
// the transfer engine in a cancellable progress notification. Free of `vscode`: a job that does not
// complete throws an S3Error, which src/fs turns into the FileSystemError the provider must throw.
import { keyLengthProblem, S3Error } from '../s3/errors';
import type { S3Service } from '../s3/service';
import { formatCount, plural, s3Text } from '../ui/format';
import { l10n } from '../l10n';
import type { ProgressReport, Prompts } from '../ui/prompts';
import { CopyRecord, copyTaskPages, prefixPairs, type CopyJob } from './copyTasks';
import { deleteTaskPages } from './deleteTasks';
import { runTransfers, type TransferFailure, type TransferOutcome, type TransferTask } from './transferEngine';
import { countOf } from './transferJob';

/** Where a folder job reports, and how many keys it works on at once (setting s3Browser.transferConcurrency). */
export interface FolderJobHost {
  prompts: Prompts;
  concurrency: number;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Says once per operation that copies were made without their ACL, and why; `what` is a clause such as "… was moved". */
export function reportDroppedAcl(prompts: Prompts, bucket: string, what: string, count = 1): void {
  void prompts.notify(
    'warning',
    count === 1
      ? l10n.t('{0} without its ACL grants (for example public-read): bucket "{1}" has ACLs disabled (Object Ownership "Bucket owner enforced"), so who can read there is decided by its bucket policy. Change it under the bucket\'s Permissions → Object Ownership if the grants must apply.', what, bucket)
      : l10n.t('{0} without their ACL grants (for example public-read): bucket "{1}" has ACLs disabled (Object Ownership "Bucket owner enforced"), so who can read there is decided by its bucket policy. Change it under the bucket\'s Permissions → Object Ownership if the grants must apply.', what, bucket),
  );
}

/** Deletes every key under `prefix`. */
export async function deleteFolder(host: FolderJobHost, service: S3Service, bucket: string, prefix: string): Promise<void> {
  // A listed page (up to 1000 keys) is deleted with one request, so a cancel stops between requests.
  await runFolderJob(
    host,
    l10n.t('Deleting {0}', s3Text(bucket, prefix)),
    'deleted',
    undefined,
    (signal) => deleteTaskPages(service, bucket, service.listKeys(bucket, prefix, signal)),
    (done) => ({ summary: l10n.t('deleted {0} keys; the rest are still there', formatCount(done)) }),
    // Keys S3 refused within a request it answered: how many of all, and the first by name.
    (outcome, first) =>
      l10n.t('{0} of {1} deletions in bucket "{2}" failed, e.g. "{3}": {4}', outcome.failed.length, formatCount(outcome.succeeded + outcome.failed.length), bucket, first.label.slice(s3Text(bucket, '').length), errorText(first.error)),
  );
}

/**
 * Copies (or, with `job.removeSource`, moves) every key under `fromPrefix` to `toPrefix`.
 * A move deletes each source key once its copy is verified, so a stop leaves every key in exactly
 * one place. A copy into a new folder that stops removes its partial copies, so a retry starts clean.
 */
export async function transferFolder(host: FolderJobHost, job: CopyJob, fromPrefix: string, toPrefix: string, targetIsNew: boolean): Promise<void> {
  const { source, destination, removeSource } = job;
  const { bucket: sourceBucket } = source;
  const verb = removeSource ? 'moved' : 'copied';
  const from = s3Text(sourceBucket, fromPrefix);
  const to = s3Text(destination.bucket, toPrefix);
  const title = removeSource ? l10n.t('Moving {0} to {1}', from, to) : l10n.t('Copying {0} to {1}', from, to);
  const record = new CopyRecord();
  await runFolderJob(
    host,
    title,
    verb,
    async (report, signal) => {
      // One listing pass first: the total for the progress and the report, and every new key's
      // length checked before anything is written. Keys are counted, not kept.
      let total = 0;
      for await (const page of source.service.listKeys(sourceBucket, fromPrefix, signal)) {
        for (const object of page) {
          const problem = keyLengthProblem(toPrefix + object.key.slice(fromPrefix.length));
          if (problem) {
            // Refused before any request, as the provider refuses a write: a NoPermissions in src/fs.
            throw new S3Error('ReadOnly', removeSource ? l10n.t('Nothing was moved: {0}', problem) : l10n.t('Nothing was copied: {0}', problem), 'KeyTooLongError');
          }
        }
        total += page.length;
        report(l10n.t('{0} keys found…', formatCount(total)));
      }
      return total;
    },
    (signal) => copyTaskPages(job, prefixPairs(source.service.listKeys(sourceBucket, fromPrefix, signal), fromPrefix, toPrefix), record),
    async (done, total, stopped) => {
      if (record.withoutAcl > 0) {
        const keys = formatCount(record.withoutAcl);
        reportDroppedAcl(host.prompts, destination.bucket, removeSource ? l10n.t('{0} keys were moved', keys) : l10n.t('{0} keys were copied', keys), record.withoutAcl);
      }
      const counted = removeSource ? l10n.t('moved {0} keys', countOf(done, total)) : l10n.t('copied {0} keys', countOf(done, total));
      if (removeSource) {
        return { summary: l10n.t('{0}; the rest are still at the source', counted) };
      }
      if (stopped && targetIsNew && record.startedTargets.length > 0) {
        const { bucket } = destination;
        await destination.service.deleteObjects(bucket, record.startedTargets.map((copiedKey) => ({ key: copiedKey })));
        // Said as the server shows it: a write that was still finishing may have landed since.
        let left = 0;
        for await (const page of destination.service.listKeys(bucket, toPrefix)) {
          left += page.length;
        }
        return {
          summary:
            left === 0
              ? l10n.t('{0}, then removed those copies again, so nothing was copied', counted)
              : left === 1
                ? l10n.t('{0}, then removed the copies it had made, but {1} still is under {2}', counted, plural(left, 'key'), to)
                : l10n.t('{0}, then removed the copies it had made, but {1} still are under {2}', counted, plural(left, 'key'), to),
        };
      }
      return { summary: counted };
    },
  );
}

/** What a folder job does to each key. */
type FolderVerb = 'deleted' | 'moved' | 'copied';

/** "812 of 1,204 keys moved": a folder job's progress, a message for each kind of job. */
const KEYS_DONE: Record<FolderVerb, (count: string) => string> = {
  deleted: (count) => l10n.t('{0} keys deleted', count),
  moved: (count) => l10n.t('{0} keys moved', count),
  copied: (count) => l10n.t('{0} keys copied', count),
};

/**
 * Runs a folder job on the transfer engine in a cancellable progress notification, stopping at the
 * first failure. Anything short of complete becomes an error that says exactly what was done
 * ("moved 812 of 1,204 keys; the rest are still at the source") and why it stopped.
 */
async function runFolderJob(
  { prompts, concurrency }: FolderJobHost,
  title: string,
  verb: FolderVerb,
  count: ((report: ProgressReport, signal: AbortSignal) => Promise<number>) | undefined,
  tasks: (signal: AbortSignal) => AsyncIterable<TransferTask[]>,
  conclude: (done: number, total: number | undefined, stopped: boolean) => { summary: string } | Promise<{ summary: string }>,
  describeFailure: (outcome: TransferOutcome, first: TransferFailure) => string = (_outcome, first) => {
    const reason = errorText(first.error);
    return first.label.split(' → ').some((part) => reason.includes(part)) ? reason : `${first.label}: ${reason}`;
  },
): Promise<void> {
  const { outcome, summary } = await prompts.withProgress(title, { cancellable: true }, async (report, signal) => {
    const total = count ? await count(report, signal) : undefined;
    let reported = 0;
    const outcome = await runTransfers(tasks(signal), {
      concurrency,
      signal,
      stopOnFailure: true,
      totals: { files: total },
      progressIntervalMs: 0,
      onProgress: (progress) => {
        // One message per key (or delete batch) done, so the count a user sees is never ahead.
        if (progress.filesDone !== reported) {
          const increment = total ? ((progress.filesDone - reported) * 100) / Math.max(total, 1) : undefined;
          reported = progress.filesDone;
          report(KEYS_DONE[verb](countOf(progress.filesDone, total)), increment);
        }
      },
    });
    const stopped = outcome.failed.length > 0 || outcome.cancelled;
    const known = total === undefined ? undefined : Math.max(total, outcome.succeeded + outcome.failed.length + outcome.notDone);
    return { outcome, ...(await conclude(outcome.succeeded, known, stopped)) };
  });
  // The kinds below are what src/fs needs (toFileSystemError): a refusal becomes NoPermissions,
  // anything else Unavailable, each with this message.
  const failure = outcome.failed[0];
  if (failure && !outcome.cancelled) {
    const named = describeFailure(outcome, failure);
    const denied = failure.error instanceof S3Error && (failure.error.kind === 'AccessDenied' || failure.error.kind === 'ReadOnly');
    const message = l10n.t('{0} stopped at the first failure: {1}. {2}', title, summary, named);
    throw new S3Error(denied ? 'AccessDenied' : 'Other', message);
  }
  if (outcome.cancelled) {
    throw new S3Error('Cancelled', l10n.t('{0} was cancelled: {1}.', title, summary));
  }
}
