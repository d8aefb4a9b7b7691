// The two sides of a sync, listed: the local folder walked (excluded folders never entered) and the
// S3 prefix listed in parallel. A side that cannot be listed completely stops the sync before
// anything is written, so nothing is ever deleted for being "missing" from a listing that failed.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { S3Service } from '../../s3/service';
import { listKeysInParallel } from '../parallelListing';
import { planUpload } from '../uploadPlan';
import { keyExcluded, type ExcludeTest } from './syncExcludes';
import { formatBytes, plural } from '../../ui/format';
import { l10n } from '../../l10n';

export interface LocalEntry {
  /** `/`-separated, from the synced folder. */
  relativePath: string;
  path: string;
  size: number;
  mtimeMs: number;
}

export interface RemoteEntry {
  /** The key below the synced prefix. */
  relativeKey: string;
  key: string;
  size: number;
  lastModified?: Date;
  etag?: string;
}

export interface LocalSide {
  files: Map<string, LocalEntry>;
  /** Entries found but not synced (special files, unreadable ones), by relative path, with why. */
  problems: Array<{ relativePath: string; path: string; reason: string }>;
  /** Entries the walk could not read (a folder without permission, a broken link): empty when it saw everything. */
  unreadable: string[];
  excluded: number;
}

export interface RemoteSide {
  objects: Map<string, RemoteEntry>;
  excluded: number;
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Every file under `folder` (none when it does not exist yet: a download's destination). */
export async function listLocalSide(folder: string, excluded: ExcludeTest, signal: AbortSignal): Promise<LocalSide> {
  const side: LocalSide = { files: new Map(), problems: [], unreadable: [], excluded: 0 };
  const stat = await fs.stat(folder).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') {
      return undefined;
    }
    throw error;
  });
  if (!stat) {
    return side;
  }
  if (!stat.isDirectory()) {
    throw new Error(l10n.t('{0} is not a folder.', folder));
  }
  const root = path.basename(folder);
  const below = (relativePath: string) => relativePath.slice(root.length + 1);
  const walked = await planUpload([folder], signal, (relativePath, isFolder) => {
    const isExcluded = relativePath !== root && excluded(below(relativePath), isFolder);
    side.excluded += isExcluded ? 1 : 0;
    return isExcluded;
  });
  for (const file of walked.files) {
    const relativePath = below(file.relativePath);
    side.files.set(relativePath, { relativePath, path: file.path, size: file.size, mtimeMs: file.mtimeMs });
  }
  const relativeOf = (entryPath: string) => path.relative(folder, entryPath).split(path.sep).join('/');
  for (const entry of walked.skipped) {
    side.problems.push({ relativePath: relativeOf(entry.path), path: entry.path, reason: entry.reason });
  }
  for (const entry of walked.unreadable) {
    if (entry.path === folder) {
      throw entry.error;
    }
    side.unreadable.push(entry.path);
    side.problems.push({ relativePath: relativeOf(entry.path), path: entry.path, reason: l10n.t('could not be read: {0}', reason(entry.error)) });
  }
  return side;
}

/** Every object under `prefix`, listed in parallel; folder markers (`…/`) and excluded keys are left out. Throws if the listing fails. */
export async function listRemoteSide(service: S3Service, bucket: string, prefix: string, excluded: ExcludeTest, concurrency: number, signal: AbortSignal, report?: (message: string) => void): Promise<RemoteSide> {
  const side: RemoteSide = { objects: new Map(), excluded: 0 };
  let listed = 0;
  let bytes = 0;
  for await (const page of listKeysInParallel(service, bucket, prefix, { concurrency, signal })) {
    for (const object of page) {
      listed++;
      bytes += object.size;
      const relativeKey = object.key.slice(prefix.length);
      if (relativeKey === '' || relativeKey.endsWith('/')) {
        continue;
      }
      if (keyExcluded(excluded, relativeKey)) {
        side.excluded++;
        continue;
      }
      side.objects.set(relativeKey, { relativeKey, key: object.key, size: object.size, lastModified: object.lastModified, etag: object.etag });
    }
    report?.(l10n.t('Listing s3://{0}/{1}: {2} · {3}', bucket, prefix, plural(listed, 'object'), formatBytes(bytes)));
  }
  return side;
}
