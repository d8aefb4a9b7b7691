// What an upload will do, found before any byte is sent: the chosen items are walked (folders
// recursively, their layout kept under the destination prefix) into a plan, each file has its key
// below the destination, and the keys already there are found first so the user is asked once what
// to do with them. Free of `vscode`, so the benchmark runs the very same code.
import { promises as fs, type Stats } from 'node:fs';
import * as path from 'node:path';
import { keyLengthProblem, S3Error } from '../s3/errors';
import type { S3Service } from '../s3/service';
import { runJob } from './transferJob';
import { l10n } from '../l10n';

/** Above this many files under one chosen folder, existing keys are found by listing its prefix instead of a HEAD each. */
const LIST_INSTEAD_OF_HEAD_ABOVE = 50;

export interface LocalFile {
  /** The file on disk. */
  path: string;
  /** Its path from the chosen item's parent, `/`-separated: `photos/2024/a.jpg` for a chosen folder `photos`. */
  relativePath: string;
  size: number;
  /** Its modification time, as `fs.Stats.mtimeMs` has it (what Sync compares). */
  mtimeMs: number;
}

/** A chosen file or folder, as its key below the destination starts. */
export interface ChosenRoot {
  relativePath: string;
  isFolder: boolean;
  /** Files found under it (1 for a file). */
  files: number;
}

export interface UploadPlan {
  files: LocalFile[];
  roots: ChosenRoot[];
  /** Entries not uploaded on purpose: symbolic link loops, sockets and other special files. */
  skipped: Array<{ path: string; reason: string }>;
  /** Entries that could not be read (a folder without permission, a broken link). */
  unreadable: Array<{ path: string; error: unknown }>;
  bytes: number;
}

/** Where the files go: `prefix` is `''` (the bucket's root) or ends in `/`. */
export interface UploadDestination {
  bucket: string;
  prefix: string;
}

/** An object already at a target key, as HEAD or a listing describes it. */
export interface ExistingObject {
  size: number;
  etag?: string;
}

function toKeyPath(relative: string): string {
  return relative.split(path.sep).join('/');
}

/** Entries of one folder stat'ed at once: a folder of thousands of files is not walked one round trip at a time. */
const STATS_IN_FLIGHT = 64;

/** `fs.stat` of every path, at most STATS_IN_FLIGHT at once, in the order given (an error in place of a stat that failed). */
async function statAll(paths: string[]): Promise<Array<Stats | { error: unknown }>> {
  const stats: Array<Stats | { error: unknown }> = new Array(paths.length);
  let next = 0;
  const worker = async () => {
    while (next < paths.length) {
      const index = next++;
      stats[index] = await fs.stat(paths[index]).catch((error: unknown) => ({ error }));
    }
  };
  await Promise.all(Array.from({ length: Math.min(STATS_IN_FLIGHT, paths.length) }, worker));
  return stats;
}

/** Whether an entry is left out of the walk (a folder with everything under it); `relativePath` as LocalFile has it. */
export type ExcludedEntry = (relativePath: string, isFolder: boolean) => boolean;

/**
 * Walks the chosen files and folders. Symbolic links are followed (a link to a folder uploads what
 * it shows), except into a folder the walk is already inside (a loop); empty folders give nothing.
 * Entries `excluded` names are not walked at all (a `node_modules/` is never read).
 */
export async function planUpload(chosenPaths: string[], signal?: AbortSignal, excluded?: ExcludedEntry): Promise<UploadPlan> {
  const plan: UploadPlan = { files: [], roots: [], skipped: [], unreadable: [], bytes: 0 };

  const visit = async (filePath: string, relativePath: string, stat: Stats | { error: unknown }, ancestors: string[]): Promise<void> => {
    signal?.throwIfAborted();
    if ('error' in stat) {
      plan.unreadable.push({ path: filePath, error: stat.error });
      return;
    }
    if (excluded?.(toKeyPath(relativePath), stat.isDirectory())) {
      return;
    }
    if (stat.isFile()) {
      plan.files.push({ path: filePath, relativePath: toKeyPath(relativePath), size: stat.size, mtimeMs: stat.mtimeMs });
      plan.bytes += stat.size;
      return;
    }
    if (!stat.isDirectory()) {
      plan.skipped.push({ path: filePath, reason: l10n.t('not a regular file or folder (a socket, pipe or device)') });
      return;
    }
    let real: string;
    let entries: string[];
    try {
      real = await fs.realpath(filePath);
      entries = await fs.readdir(filePath);
    } catch (error) {
      plan.unreadable.push({ path: filePath, error });
      return;
    }
    if (ancestors.includes(real)) {
      plan.skipped.push({ path: filePath, reason: l10n.t('a symbolic link loop (it leads back to {0}); not followed', real) });
      return;
    }
    entries.sort();
    const stats = await statAll(entries.map((entry) => path.join(filePath, entry)));
    for (const [index, entry] of entries.entries()) {
      await visit(path.join(filePath, entry), path.join(relativePath, entry), stats[index], [...ancestors, real]);
    }
  };

  for (const chosen of chosenPaths) {
    const before = plan.files.length;
    const name = path.basename(chosen);
    const [stat] = await statAll([chosen]);
    await visit(chosen, name, stat, []);
    const isFolder = !('error' in stat) && stat.isDirectory();
    plan.roots.push({ relativePath: toKeyPath(name), isFolder, files: plan.files.length - before });
  }
  return plan;
}

export function uploadKey(destination: UploadDestination, file: LocalFile): string {
  return `${destination.prefix}${file.relativePath}`;
}

/**
 * The objects already at the plan's target keys: a HEAD per key, or one listing of a chosen folder's
 * prefix when it holds many files.
 */
export async function findExistingKeys(service: S3Service, destination: UploadDestination, plan: UploadPlan, concurrency: number, signal?: AbortSignal): Promise<Map<string, ExistingObject>> {
  const existing = new Map<string, ExistingObject>();
  const targets = new Set(plan.files.map((file) => uploadKey(destination, file)).filter((key) => keyLengthProblem(key) === undefined));
  const listedRoots = plan.roots.filter((root) => root.isFolder && root.files > LIST_INSTEAD_OF_HEAD_ABOVE).map((root) => `${destination.prefix}${root.relativePath}/`);
  for (const prefix of listedRoots) {
    for await (const page of service.listKeys(destination.bucket, prefix, signal)) {
      for (const object of page) {
        if (targets.has(object.key)) {
          existing.set(object.key, { size: object.size, etag: object.etag });
        }
      }
    }
  }
  const headed = [...targets].filter((key) => !listedRoots.some((prefix) => key.startsWith(prefix)));
  const job = await runJob(
    (async function* () {
      yield headed;
    })(),
    async (key, jobSignal) => {
      try {
        const head = await service.headObject(destination.bucket, key, undefined, jobSignal);
        existing.set(key, { size: head.size, etag: head.etag });
      } catch (error) {
        if (!(error instanceof S3Error && error.kind === 'NotFound')) {
          throw error;
        }
      }
    },
    { concurrency, signal },
  );
  if (job.failure) {
    throw job.failure.error;
  }
  signal?.throwIfAborted();
  return existing;
}
