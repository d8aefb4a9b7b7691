// The work of a download, one TransferTask per key, free of `vscode` so the benchmark runs the same
// code as the command. An object streams to a temporary file next to its final name and is renamed
// into place only once every byte is there, so a failure or a cancel never leaves a half-written
// file, and an existing file is replaced only by a complete one.
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { S3Service } from '../s3/service';
import type { ObjectStream } from '../s3/types';
import type { Placement } from './localNames';
import { writeWholeBody } from './bodyWriter';
import { downloadInRanges, RANGED_DOWNLOADS } from './rangedDownload';
import type { TransferTask } from './transferEngine';
import { s3Text } from '../ui/format';
import { l10n } from '../l10n';

/** One key of a download and where it goes. */
export interface DownloadEntry {
  service: S3Service;
  bucket: string;
  key: string;
  /** An older version to download instead of the current object. */
  versionId?: string;
  /** From the listing: the progress total, and what the downloaded file must measure. */
  size: number;
  placement: Placement;
}

/** What to do with a file that is already where a download goes; the command asks the user. */
export type ExistingFiles = 'overwrite' | 'skip';

/** The temporary name a download is written to, hidden and recognisable: `.report.csv.s3b-partial-1a2b3c4d`. */
export function partialName(name: string): string {
  const suffix = `.s3b-partial-${randomBytes(4).toString('hex')}`;
  // A name near the 255-byte limit has no room for the suffix; the temporary file then goes without it.
  return Buffer.byteLength(`.${name}${suffix}`, 'utf8') <= 255 ? `.${name}${suffix}` : suffix;
}

async function exists(file: string): Promise<boolean> {
  return fs.lstat(file).then(
    () => true,
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') {
        return false;
      }
      throw error;
    },
  );
}

/** A relative path that leads out of where it starts: up (`..`), or elsewhere altogether (another drive or share). */
function leavesFolder(relative: string, paths: path.PlatformPath): boolean {
  return paths.isAbsolute(relative) || relative === '..' || relative.startsWith(`..${paths.sep}`);
}

/**
 * The absolute path of a placement under `folder`, checked to be inside it (the placement rules make
 * sure; this is the last guard). Compared with path.relative, not by prefix: a root (`/`, `C:\`,
 * `\\server\share\`) already ends in a separator. The placement itself must not climb either, since
 * above a root `..` stays at the root. `paths` is a parameter so Windows paths can be tested anywhere.
 */
export function localPath(folder: string, relativePath: string, paths: path.PlatformPath = path): string {
  const root = paths.resolve(folder);
  const target = paths.resolve(root, relativePath);
  const placed = paths.relative(root, target);
  if (placed === '' || leavesFolder(placed, paths) || leavesFolder(paths.normalize(relativePath), paths)) {
    throw new Error(l10n.t('"{0}" is not inside {1}.', relativePath, root));
  }
  return target;
}

/** Creates each local folder once per download, however many files go into it. */
export class LocalFolders {
  private readonly made = new Map<string, Promise<unknown>>();

  make(folder: string): Promise<unknown> {
    let made = this.made.get(folder);
    if (!made) {
      made = fs.mkdir(folder, { recursive: true });
      this.made.set(folder, made);
      made.catch(() => this.made.delete(folder));
    }
    return made;
  }
}

/** What a download wrote: the object's ETag, and the modification time given to the file (when one was). */
export interface DownloadedObject {
  etag?: string;
  mtimeMs?: number;
}

/** Streams the whole object into `file` (created, must not exist) with one GET; returns the response. */
async function downloadWhole(entry: Pick<DownloadEntry, 'service' | 'bucket' | 'key' | 'versionId'>, file: string, signal: AbortSignal, addBytes: (bytes: number) => void): Promise<ObjectStream> {
  const stream = await entry.service.getObjectStream(entry.bucket, entry.key, entry.versionId, signal);
  await writeWholeBody(file, stream, signal, addBytes);
  return stream;
}

/**
 * Downloads one object to `target` through a temporary file, renamed into place once every byte is
 * written: in ranges side by side when the listing's `size` says it is large, else with one GET.
 * With `modifiedTime`, the file gets the time it chooses from the response before the rename.
 */
export async function downloadObject(
  entry: Pick<DownloadEntry, 'service' | 'bucket' | 'key' | 'versionId'> & { size?: number },
  target: string,
  folders: LocalFolders,
  signal: AbortSignal,
  addBytes: (bytes: number) => void,
  modifiedTime?: (stream: ObjectStream) => Date,
): Promise<DownloadedObject> {
  await folders.make(path.dirname(target));
  const partial = path.join(path.dirname(target), partialName(path.basename(target)));
  try {
    const response =
      entry.size !== undefined && entry.size >= RANGED_DOWNLOADS.aboveBytes
        ? await downloadInRanges({ ...entry, size: entry.size }, partial, signal, addBytes)
        : await downloadWhole(entry, partial, signal, addBytes);
    const mtime = modifiedTime?.(response);
    if (mtime) {
      await fs.utimes(partial, mtime, mtime);
    }
    await fs.rename(partial, target);
    return { etag: response.etag, mtimeMs: mtime?.getTime() };
  } catch (error) {
    await fs.rm(partial, { force: true });
    throw error;
  }
}

/**
 * The task that downloads one key into `folder` per its placement: a file streamed to disk, a folder
 * created, or a refused key failing with its reason (never written). A renamed placement succeeds
 * with the new name in the report.
 */
export function downloadTask(entry: DownloadEntry, folder: string, existing: ExistingFiles, folders = new LocalFolders()): TransferTask {
  const { placement } = entry;
  const source = s3Text(entry.bucket, entry.key);
  if (placement.kind === 'refused') {
    return {
      label: source,
      bytes: 0,
      run: async () => {
        throw new Error(l10n.t('Not downloaded: {0}.', placement.reason));
      },
    };
  }
  return {
    label: `${source} → ${placement.relativePath}${placement.kind === 'folder' ? '/' : ''}`,
    bytes: placement.kind === 'file' ? entry.size : 0,
    run: async (signal, addBytes) => {
      const target = localPath(folder, placement.relativePath);
      if (placement.kind === 'folder') {
        await folders.make(target);
      } else {
        if (existing === 'skip' && (await exists(target))) {
          return { skipped: l10n.t('{0} already exists (kept)', target) };
        }
        await downloadObject(entry, target, folders, signal, addBytes);
      }
      return placement.renamed ? { renamed: placement.renamed } : undefined;
    },
  };
}

/** The tasks of one download: one per entry, sharing the local folders they create. */
export function downloadTasks(entries: DownloadEntry[], folder: string, existing: ExistingFiles): TransferTask[] {
  const folders = new LocalFolders();
  return entries.map((entry) => downloadTask(entry, folder, existing, folders));
}
