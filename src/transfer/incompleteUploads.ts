// Incomplete multipart uploads of a bucket, with what they hold and whether this extension started
// them, and the transfer tasks that abort them. Free of `vscode`: the command and the automatic offer
// after a crash (src/commands/buckets/cleanUpIncompleteUploads.ts) both run this.
import { S3Error } from '../s3/errors';
import type { S3Service } from '../s3/service';
import type { IncompleteUpload, IncompleteUploadSize } from '../s3/types';
import type { UploadJournal, UploadJournalEntry } from '../s3/uploadJournal';
import { runJob } from './transferJob';
import type { TransferTask } from './transferEngine';
import { formatCount, localAndUtc, s3Text } from '../ui/format';
import { l10n } from '../l10n';

/** Sizes are looked up (one ListParts each) for this many uploads; beyond it they show as unknown. */
export const SIZE_LOOKUPS = 200;
const SIZE_LOOKUP_CONCURRENCY = 8;

export interface ListedUpload extends IncompleteUpload {
  /** Undefined when it could not be learned (beyond SIZE_LOOKUPS, ListParts refused). */
  size?: IncompleteUploadSize;
  /** The journal's entry when this extension started the upload. */
  startedHere?: UploadJournalEntry;
  /** Started here and still running (in this editor or another one that is open). */
  running: boolean;
}

async function allUploads(service: S3Service, bucket: string, signal?: AbortSignal): Promise<IncompleteUpload[]> {
  const uploads: IncompleteUpload[] = [];
  for await (const page of service.listIncompleteUploads(bucket, signal)) {
    uploads.push(...page);
  }
  return uploads;
}

/**
 * Every incomplete upload of the bucket, oldest first, with its size and whether this extension
 * started it; journal entries whose upload the server no longer has are dropped on the way.
 */
export async function listIncompleteUploads(service: S3Service, journal: UploadJournal | undefined, connection: string, bucket: string, signal?: AbortSignal): Promise<ListedUpload[]> {
  const uploads = await allUploads(service, bucket, signal);
  await journal?.reconcile(connection, bucket, uploads);
  const listed: ListedUpload[] = uploads
    .map((upload) => {
      const entry = journal?.entryFor(connection, bucket, upload, uploads);
      return { ...upload, startedHere: entry, running: entry !== undefined && journal!.isRunning(entry) };
    })
    .sort((a, b) => (a.initiated?.getTime() ?? 0) - (b.initiated?.getTime() ?? 0));
  await runJob(
    (async function* () {
      yield listed.slice(0, SIZE_LOOKUPS);
    })(),
    async (upload) => {
      try {
        upload.size = await service.incompleteUploadSize(bucket, upload.key, upload.uploadId, signal);
      } catch (error) {
        if (signal?.aborted) {
          throw error;
        }
        // Size unknown; the upload is still listed (it may have been completed or aborted meanwhile).
      }
    },
    { concurrency: SIZE_LOOKUP_CONCURRENCY, signal, keepGoing: true },
  );
  signal?.throwIfAborted();
  return listed;
}

/** The leftovers of this extension in one bucket: uploads it started that are neither done nor running. */
export interface Leftovers {
  connection: string;
  bucket: string;
  uploads: ListedUpload[];
}

/**
 * Asks the server about every bucket where the journal has uploads that are not running (one
 * connection's, or all), drops entries the server no longer has, and returns what is left there.
 * A bucket that cannot be asked now (server down, connection removed) keeps its entries for later.
 */
export async function findLeftovers(journal: UploadJournal, serviceFor: (connection: string, bucket: string) => Promise<S3Service>, connection?: string): Promise<Leftovers[]> {
  const found: Leftovers[] = [];
  for (const place of journal.leftoverBuckets(connection)) {
    let uploads: IncompleteUpload[];
    try {
      uploads = await allUploads(await serviceFor(place.connection, place.bucket), place.bucket);
    } catch (error) {
      if (error instanceof S3Error && error.kind === 'NotFound') {
        uploads = []; // the bucket is gone, and its uploads with it
      } else {
        continue;
      }
    }
    const leftovers = await journal.reconcile(place.connection, place.bucket, uploads);
    if (leftovers.length > 0) {
      found.push({ ...place, uploads: leftovers.map(({ upload, entry }) => ({ ...upload, startedHere: entry, running: false })) });
    }
  }
  return found;
}

/** "s3://bucket/key (upload of 2026-11-23 14:02 UTC)": names the key and which of its uploads. */
export function uploadLabel(bucket: string, upload: IncompleteUpload): string {
  return upload.initiated
    ? l10n.t('{0} (upload started {1})', s3Text(bucket, upload.key), localAndUtc(upload.initiated))
    : l10n.t('{0} (upload {1})', s3Text(bucket, upload.key), upload.uploadId);
}

/** One task per upload: AbortMultipartUpload, which deletes its parts (and crosses it out of the journal). */
export function abortUploadTasks(service: S3Service, bucket: string, uploads: ListedUpload[]): TransferTask[] {
  return uploads.map((upload) => ({
    label: uploadLabel(bucket, upload),
    bytes: 0,
    run: async (signal) => {
      try {
        await service.abortIncompleteUpload(bucket, upload.key, upload.uploadId, signal);
      } catch (error) {
        if (error instanceof S3Error && error.kind === 'NotFound') {
          return { skipped: l10n.t('already gone: it was completed or aborted meanwhile') };
        }
        throw error;
      }
      return undefined;
    },
  }));
}

/** "started just now", "started 12 min ago", "started 3 h ago", "started 4 days ago". */
export function startedAgo(initiated: Date | undefined, now = new Date()): string {
  if (!initiated) {
    return l10n.t('start time unknown');
  }
  const minutes = Math.floor((now.getTime() - initiated.getTime()) / 60_000);
  if (minutes < 1) {
    return l10n.t('started just now');
  }
  if (minutes < 60) {
    return l10n.t('started {0} min ago', formatCount(minutes));
  }
  const hours = Math.floor(minutes / 60);
  if (hours < 48) {
    return l10n.t('started {0} h ago', formatCount(hours));
  }
  return l10n.t('started {0} days ago', formatCount(Math.floor(hours / 24)));
}
