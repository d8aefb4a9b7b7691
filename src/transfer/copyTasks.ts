// Copy and move of objects and prefixes as TransferTasks: one task per key, each copying it with
// everything it has (copyObjectWithAttributes, copyAttributes.ts) and, for a move, deleting the
// source once the copy is verified. Free of `vscode`, so the benchmark runs the very same code.
import { S3Error } from '../s3/errors';
import type { ObjectAttributes, ObjectHead, ObjectSummary } from '../s3/types';
import { copyObjectWithAttributes, headWithAttributes, type BucketEndpoint } from './copyAttributes';
import type { TransferTask } from './transferEngine';
import { s3Text } from '../ui/format';
import { l10n } from '../l10n';

/** One key to copy: where from, where to, and what its listing said. */
export interface CopyPair {
  sourceKey: string;
  targetKey: string;
  size: number;
  /** As listed; with both known, a copy without access and encryption needs no HEAD first. */
  etag?: string;
  storageClass?: string;
}

export interface CopyJob {
  source: BucketEndpoint;
  destination: BucketEndpoint;
  /** A move deletes each source once its copy is verified, so every key is always in at least one place. */
  removeSource: boolean;
  /**
   * Copies carry over the source's ACL grants and encryption too (setting
   * `s3Browser.copy.keepAccessAndEncryption`); a move always does, since the original goes away.
   */
  keepAccessAndEncryption?: boolean;
  /** Copies this version of a single object (not the latest). */
  versionId?: string;
  /** Target keys that already exist and must be left alone (the user chose Skip). */
  skipTargets?: ReadonlySet<string>;
  log?: (line: string) => void;
}

/** What a run of copy tasks did beyond the engine's outcome. */
export class CopyRecord {
  /** Copies made without the source's ACL (the destination has ACLs disabled). */
  withoutAcl = 0;
  /** Copies made without the source's tags (the destination server does not implement tagging). */
  withoutTags = 0;
  /**
   * Target keys whose write began, so a copy into a new folder that stops can remove them again: a
   * write can be complete on the server when the check or tag step after it is cancelled.
   */
  readonly startedTargets: string[] = [];
}

/**
 * What a copy must know of its source before it starts: nothing more than the listing said for a
 * server-side copy without access and encryption (one request per key), else the HEAD and, for a
 * copy that sends the attributes itself, the tags (and ACL) read alongside.
 */
async function sourceState(job: CopyJob, pair: CopyPair, keepAccessAndEncryption: boolean, signal: AbortSignal): Promise<{ head: ObjectHead; attributes?: ObjectAttributes & { ownerId?: string } }> {
  const { source } = job;
  const serverCopiesAttributes = source.connectionName === job.destination.connectionName && !keepAccessAndEncryption;
  if (serverCopiesAttributes && !job.versionId && pair.etag !== undefined && pair.storageClass !== undefined) {
    return { head: { key: pair.sourceKey, size: pair.size, etag: pair.etag, storageClass: pair.storageClass } };
  }
  if (serverCopiesAttributes) {
    return { head: await source.service.headObject(source.bucket, pair.sourceKey, job.versionId, signal) };
  }
  return headWithAttributes(source.service, source.bucket, pair.sourceKey, job.versionId, signal, keepAccessAndEncryption);
}

/** The task that copies (or moves) one key. */
export function copyTask(job: CopyJob, pair: CopyPair, record: CopyRecord): TransferTask {
  const { source, destination } = job;
  const from = s3Text(source.bucket, pair.sourceKey);
  const to = s3Text(destination.bucket, pair.targetKey);
  return {
    label: `${from} → ${to}`,
    bytes: pair.size,
    async run(signal, addBytes) {
      if (job.skipTargets?.has(pair.targetKey)) {
        return { skipped: l10n.t('{0} already exists', to) };
      }
      const keepAccessAndEncryption = job.removeSource || job.keepAccessAndEncryption === true;
      const { head, attributes } = await sourceState(job, pair, keepAccessAndEncryption, signal);
      record.startedTargets.push(pair.targetKey);
      const { aclDropped, tagsDropped } = await copyObjectWithAttributes({
        source: { ...source, key: pair.sourceKey, versionId: job.versionId },
        head,
        keepAccessAndEncryption,
        attributes,
        destination: { ...destination, key: pair.targetKey },
        signal,
        addBytes,
        log: job.log,
      });
      record.withoutAcl += aclDropped ? 1 : 0;
      record.withoutTags += tagsDropped ? 1 : 0;
      if (job.removeSource) {
        try {
          await source.service.deleteObjects(source.bucket, [{ key: pair.sourceKey }], signal);
        } catch (error) {
          const reason = error instanceof Error ? error.message : String(error);
          throw new S3Error(error instanceof S3Error ? error.kind : 'Other', l10n.t('Copied to {0}, but the source could not be deleted, so it is in both places: {1}', to, reason), error instanceof S3Error ? error.code : undefined);
        }
      }
      return undefined;
    },
  };
}

/** A listed key under `fromPrefix` as the pair whose target is under `toPrefix`. */
export function pairOf(object: ObjectSummary, fromPrefix: string, toPrefix: string): CopyPair {
  return { sourceKey: object.key, targetKey: toPrefix + object.key.slice(fromPrefix.length), size: object.size, etag: object.etag, storageClass: object.storageClass };
}

/** Every key under `fromPrefix` as a pair whose target is under `toPrefix`, a listed page at a time. */
export async function* prefixPairs(pages: AsyncIterable<ObjectSummary[]>, fromPrefix: string, toPrefix: string): AsyncIterable<CopyPair[]> {
  for await (const page of pages) {
    yield page.map((object) => pairOf(object, fromPrefix, toPrefix));
  }
}

/** Pages of pairs as pages of copy tasks. */
export async function* copyTaskPages(job: CopyJob, pairs: AsyncIterable<CopyPair[]> | Iterable<CopyPair>, record: CopyRecord): AsyncIterable<TransferTask[]> {
  if (Symbol.asyncIterator in pairs) {
    for await (const page of pairs) {
      yield page.map((pair) => copyTask(job, pair, record));
    }
  } else {
    yield [...pairs].map((pair) => copyTask(job, pair, record));
  }
}
