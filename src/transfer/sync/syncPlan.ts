// What a sync will do, decided before anything is written: the two sides are listed, each file is
// paired with its object, and each pair is compared — size first; then, where the last sync of the
// pair left a record, that record (exact: any change of time, size or ETag shows); else the
// modification times as `aws s3 sync` compares them, with a HEAD for the object's `mtime` metadata
// (which Sync writes, as rclone does) only where those times disagree. With "compare content" the
// file's MD5 or multipart ETag decides instead. Comparing never reads a file unless asked to.
import { S3Error } from '../../s3/errors';
import type { S3Service } from '../../s3/service';
import { placeKeys } from '../localNames';
import { runJob } from '../transferJob';
import { sameContent } from './contentHash';
import { excludeTest } from './syncExcludes';
import type { SyncRecord, SyncRecords } from './syncRecords';
import { listLocalSide, listRemoteSide, type LocalEntry, type RemoteEntry } from './syncSides';
import { keyLengthProblem } from '../../s3/errors';
import { formatCount, plural } from '../../ui/format';
import { l10n } from '../../l10n';

export type SyncDirection = 'upload' | 'download';

export interface SyncPair {
  /** `upload`: the local folder is the source, S3 the destination; `download`: the other way. */
  direction: SyncDirection;
  localFolder: string;
  connectionName: string;
  bucket: string;
  /** `''` (the bucket) or ending in `/`. */
  prefix: string;
}

export interface SyncOptions {
  /** Delete what is only in the destination. */
  deleteExtras: boolean;
  /** Decide same-size files by their content (MD5 / multipart ETag), reading every one. */
  compareContent: boolean;
  exclude: string[];
}

/** Why a file goes across. */
export type TransferReason = 'missing' | 'size' | 'changedSinceSync' | 'newer' | 'modifiedTime' | 'content';

export interface PlannedTransfer {
  reason: TransferReason;
  /** The source's file (upload) or the destination's file when there is one (download). */
  local?: LocalEntry;
  /** The destination's object when there is one (upload) or the source's object (download). */
  remote?: RemoteEntry;
  /** The local path (from the synced folder) a download writes to, and why it is not the key's own name. */
  relativePath: string;
  renamed?: string;
}

export interface SyncPlan {
  pair: SyncPair;
  options: SyncOptions;
  transfers: PlannedTransfer[];
  /** Only in the destination: deleted when `deleteExtras`, else kept and counted. */
  extras: Array<LocalEntry | RemoteEntry>;
  unchanged: string[];
  /** Entries that cannot be synced, with why: reported as failures when the sync runs. */
  problems: Array<{ label: string; reason: string }>;
  /** The records for the pairs found unchanged (a transfer adds its own when it succeeds). */
  records: SyncRecords;
  compared: { files: number; objects: number; excluded: number };
  /** HEAD requests the comparison needed beyond the listings (for the log and the benchmark). */
  heads: number;
}

export interface PlanContext {
  service: S3Service;
  concurrency: number;
  /** The extension's multipart part size: the first one tried for a multipart ETag. */
  partSize: number;
  records: SyncRecords;
  signal: AbortSignal;
  report?: (message: string) => void;
}

/** Files read at once for "compare content": disks are not faster for more. */
const HASHES_IN_FLIGHT = 4;

/** Modification times within a millisecond are the same (metadata keeps milliseconds, file systems more). */
function sameTime(a: number, b: number): boolean {
  return Math.abs(a - b) < 1;
}

/** The `mtime` metadata (seconds since 1970, fractions allowed, as rclone writes it) in milliseconds. */
export function metadataTime(metadata: Record<string, string> | undefined): number | undefined {
  const value = metadata?.mtime;
  const seconds = value === undefined ? NaN : Number(value);
  return Number.isFinite(seconds) ? seconds * 1000 : undefined;
}

/** The metadata value Sync writes for a file's modification time: seconds, with milliseconds. */
export function mtimeMetadata(mtimeMs: number): Record<string, string> {
  return { mtime: (Math.floor(mtimeMs) / 1000).toFixed(3) };
}

/** Without a record: whether the times say the source is newer (compared in whole seconds, as listings give them). */
function sourceLooksNewer(direction: SyncDirection, local: LocalEntry, remote: RemoteEntry): boolean {
  if (!remote.lastModified) {
    return true;
  }
  const localSeconds = Math.floor(local.mtimeMs / 1000);
  const remoteSeconds = Math.floor(remote.lastModified.getTime() / 1000);
  return direction === 'upload' ? localSeconds > remoteSeconds : remoteSeconds > localSeconds;
}

function recordOf(local: LocalEntry, remote: RemoteEntry): SyncRecord {
  return { size: local.size, mtimeMs: local.mtimeMs, etag: remote.etag };
}

interface Candidate {
  relativeKey: string;
  relativePath: string;
  local: LocalEntry;
  remote: RemoteEntry;
}

/** Compares the pairs found on both sides; those that differ become transfers, the others records. */
async function comparePairs(pair: SyncPair, options: SyncOptions, candidates: Candidate[], context: PlanContext, plan: SyncPlan, renamedOf: Map<string, string | undefined>): Promise<void> {
  const differs = (candidate: Candidate, reason: TransferReason) =>
    plan.transfers.push({ reason, local: candidate.local, remote: candidate.remote, relativePath: candidate.relativePath, renamed: renamedOf.get(candidate.relativeKey) });
  const same = (candidate: Candidate) => {
    plan.unchanged.push(candidate.relativePath);
    plan.records.set(candidate.relativeKey, recordOf(candidate.local, candidate.remote));
  };
  const byContent: Candidate[] = [];
  const byHead: Candidate[] = [];
  for (const candidate of candidates) {
    const { local, remote } = candidate;
    if (local.size !== remote.size) {
      differs(candidate, 'size');
    } else if (options.compareContent) {
      byContent.push(candidate);
    } else {
      const record = context.records.get(candidate.relativeKey);
      if (record) {
        const unchanged = record.size === local.size && sameTime(record.mtimeMs, local.mtimeMs) && record.etag === remote.etag;
        if (unchanged) {
          same(candidate);
        } else {
          differs(candidate, 'changedSinceSync');
        }
      } else if (sourceLooksNewer(pair.direction, local, remote)) {
        byHead.push(candidate);
      } else {
        same(candidate);
      }
    }
  }
  const work = async (list: Candidate[], concurrency: number, check: (candidate: Candidate, signal: AbortSignal) => Promise<void>) => {
    const job = await runJob((async function* () { yield list; })(), check, { concurrency, signal: context.signal });
    if (job.failure) {
      throw job.failure.error;
    }
    context.signal.throwIfAborted();
  };
  let checked = 0;
  await work(byHead, context.concurrency, async (candidate, signal) => {
    plan.heads++;
    const head = await context.service.headObject(pair.bucket, candidate.remote.key, undefined, signal).catch((error: unknown) => {
      if (error instanceof S3Error && error.kind === 'NotFound') {
        return undefined;
      }
      throw error;
    });
    const mtime = metadataTime(head?.metadata);
    if (mtime === undefined) {
      differs(candidate, 'newer');
    } else if (sameTime(mtime, candidate.local.mtimeMs)) {
      same(candidate);
    } else {
      differs(candidate, 'modifiedTime');
    }
  });
  await work(byContent, HASHES_IN_FLIGHT, async (candidate, signal) => {
    const verdict = await sameContent(candidate.local.path, candidate.local.size, candidate.remote.etag, context.partSize, signal);
    checked++;
    context.report?.(l10n.t('Comparing content: {0} of {1}', formatCount(checked), plural(byContent.length, 'file')));
    if (verdict === true) {
      same(candidate);
    } else if (verdict === false) {
      differs(candidate, 'content');
    } else if (!sourceLooksNewer(pair.direction, candidate.local, candidate.remote)) {
      same(candidate);
    } else {
      differs(candidate, 'newer');
    }
  });
}

/** Lists both sides and compares them into a plan; throws if either side cannot be listed (nothing is written then). */
export async function planSync(pair: SyncPair, options: SyncOptions, context: PlanContext): Promise<SyncPlan> {
  const excluded = excludeTest(options.exclude);
  context.report?.(l10n.t('Reading {0}…', pair.localFolder));
  const [local, remote] = await Promise.all([
    listLocalSide(pair.localFolder, excluded, context.signal),
    listRemoteSide(context.service, pair.bucket, pair.prefix, excluded, context.concurrency, context.signal, context.report),
  ]);
  if (pair.direction === 'upload' && options.deleteExtras && local.unreadable.length > 0) {
    throw new Error(l10n.t('Not synced: {0} could not be read completely ({1}), and deleting extras needs every file listed. Fix its permissions, exclude it, or sync without deleting.', pair.localFolder, local.unreadable.join(', ')));
  }
  const plan: SyncPlan = {
    pair,
    options,
    transfers: [],
    extras: [],
    unchanged: [],
    problems: local.problems.map((problem) => ({ label: problem.path, reason: problem.reason })),
    records: new Map(),
    compared: { files: local.files.size, objects: remote.objects.size, excluded: local.excluded + remote.excluded },
    heads: 0,
  };
  const candidates: Candidate[] = [];
  const renamedOf = new Map<string, string | undefined>();
  if (pair.direction === 'upload') {
    for (const file of local.files.values()) {
      const key = `${pair.prefix}${file.relativePath}`;
      const problem = keyLengthProblem(key);
      if (problem) {
        plan.problems.push({ label: file.path, reason: problem });
        continue;
      }
      const object = remote.objects.get(file.relativePath);
      if (object) {
        candidates.push({ relativeKey: file.relativePath, relativePath: file.relativePath, local: file, remote: object });
      } else {
        plan.transfers.push({ reason: 'missing', local: file, relativePath: file.relativePath });
      }
    }
    const present = new Set([...local.files.keys(), ...local.problems.map((problem) => problem.relativePath)]);
    plan.extras.push(...[...remote.objects.values()].filter((object) => !present.has(object.relativeKey)));
  } else {
    const objects = [...remote.objects.values()];
    const placements = placeKeys(objects.map((object) => ({ relativeKey: object.relativeKey })));
    const placed = new Set<string>();
    objects.forEach((object, index) => {
      const placement = placements[index];
      // Folder markers were left out of the listing, so a placement is a file or a refusal.
      if (placement.kind !== 'file') {
        plan.problems.push({ label: `s3://${pair.bucket}/${object.key}`, reason: placement.kind === 'refused' ? l10n.t('Not downloaded: {0}.', placement.reason) : '' });
        return;
      }
      placed.add(placement.relativePath);
      renamedOf.set(object.relativeKey, placement.renamed);
      const file = local.files.get(placement.relativePath);
      if (file) {
        candidates.push({ relativeKey: object.relativeKey, relativePath: placement.relativePath, local: file, remote: object });
      } else {
        plan.transfers.push({ reason: 'missing', remote: object, relativePath: placement.relativePath, renamed: placement.renamed });
      }
    });
    plan.extras.push(...[...local.files.values()].filter((file) => !placed.has(file.relativePath)));
  }
  await comparePairs(pair, options, candidates, context, plan, renamedOf);
  plan.transfers.sort((a, b) => (a.relativePath < b.relativePath ? -1 : a.relativePath > b.relativePath ? 1 : 0));
  plan.unchanged.sort();
  return plan;
}

/** Bytes a plan's transfers move. */
export function transferBytes(plan: SyncPlan): number {
  return plan.transfers.reduce((sum, transfer) => sum + (plan.pair.direction === 'upload' ? transfer.local!.size : transfer.remote!.size), 0);
}

export function extraBytes(plan: SyncPlan): number {
  return plan.extras.reduce((sum, extra) => sum + extra.size, 0);
}

/** Whether running the plan would change anything (kept extras change nothing, and entries that cannot be synced cannot be changed). */
export function hasWork(plan: SyncPlan): boolean {
  return plan.transfers.length > 0 || (plan.options.deleteExtras && plan.extras.length > 0);
}
