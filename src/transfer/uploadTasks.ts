// Uploads of local files and folders as transfer tasks: the chosen items are walked (folders
// recursively, their layout kept under the destination prefix), each file becomes one task that
// streams it from disk to S3 (multipart above the part size, aborted on failure or cancel), and the
// keys already there are found first so the user is asked once what to do with them. Free of
// `vscode`, so the benchmark runs the very same code.
import { createHash } from 'node:crypto';
import { createReadStream, promises as fs, type ReadStream, type Stats } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import * as path from 'node:path';
import { contentTypeForKey } from '../s3/contentType';
import { keyLengthProblem, S3Error } from '../s3/errors';
import { bareEtag } from '../s3/etag';
import type { S3Service } from '../s3/service';
import type { TransferTask } from './transferEngine';
import { runJob } from './transferJob';
import { formatCount } from '../ui/format';
import { l10n } from '../l10n';

/** Read size of the file streams (big enough that a multipart part is a few reads, small enough to stay lean), and the largest file read whole. */
const READ_CHUNK_BYTES = 1024 * 1024;
/** Above this many files under one chosen folder, existing keys are found by listing its prefix instead of a HEAD each. */
const LIST_INSTEAD_OF_HEAD_ABOVE = 50;

/** What every uploaded object gets, besides its Content-Type (from its name). */
export interface UploadOptions {
  storageClass?: string;
  /** `AES256` or `aws:kms`; undefined sends no header (the bucket's default encryption applies). */
  serverSideEncryption?: string;
  /** With `aws:kms`: the key id or ARN; undefined uses the account's AWS managed key. */
  kmsKeyId?: string;
  /** A canned ACL; undefined sends none (the bucket's default: private, or owner-enforced). */
  cannedAcl?: string;
  cacheControl?: string;
}

export interface LocalFile {
  /** The file on disk. */
  path: string;
  /** Its path from the chosen item's parent, `/`-separated: `photos/2024/a.jpg` for a chosen folder `photos`. */
  relativePath: string;
  size: number;
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

/** What to do with files whose key already exists. */
export type ExistingKeyPolicy = 'overwrite' | 'skipExisting' | 'skipUnchanged';

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

/**
 * Walks the chosen files and folders. Symbolic links are followed (a link to a folder uploads what
 * it shows), except into a folder the walk is already inside (a loop); empty folders give nothing.
 */
export async function planUpload(chosenPaths: string[], signal?: AbortSignal): Promise<UploadPlan> {
  const plan: UploadPlan = { files: [], roots: [], skipped: [], unreadable: [], bytes: 0 };

  const visit = async (filePath: string, relativePath: string, stat: Stats | { error: unknown }, ancestors: string[]): Promise<void> => {
    signal?.throwIfAborted();
    if ('error' in stat) {
      plan.unreadable.push({ path: filePath, error: stat.error });
      return;
    }
    if (stat.isFile()) {
      plan.files.push({ path: filePath, relativePath: toKeyPath(relativePath), size: stat.size });
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

export function uploadLabel(destination: UploadDestination, file: LocalFile): string {
  return `${file.path} → s3://${destination.bucket}/${uploadKey(destination, file)}`;
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

/** An ETag that is the MD5 of the content: a single-part upload's (a multipart one ends in `-<parts>`). */
export function isPlainMd5(etag: string | undefined): boolean {
  return /^[0-9a-f]{32}$/i.test(bareEtag(etag) ?? '');
}

async function fileMd5(filePath: string, signal: AbortSignal, addBytes: (bytes: number) => void): Promise<string> {
  const hash = createHash('md5');
  const stream = createReadStream(filePath, { highWaterMark: READ_CHUNK_BYTES, signal });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      hash.update(chunk);
      addBytes(chunk.length);
    }
  } finally {
    stream.destroy();
  }
  return hash.digest('hex');
}

/**
 * Why an existing object counts as the same as the local file, or undefined when it differs. The
 * MD5 is compared when the ETag is one (a multipart or SSE-KMS ETag is not: then only the size is).
 */
async function unchangedReason(file: LocalFile, existing: ExistingObject, signal: AbortSignal, addBytes: (bytes: number) => void): Promise<string | undefined> {
  const { size } = await fs.stat(file.path);
  if (size !== existing.size) {
    return undefined;
  }
  if (!isPlainMd5(existing.etag)) {
    return l10n.t('unchanged by size ({0} bytes); its ETag is not an MD5 (a multipart upload), so the content was not compared', formatCount(size));
  }
  let hashed = 0;
  const md5 = await fileMd5(file.path, signal, (bytes) => {
    hashed += bytes;
    addBytes(bytes);
  });
  if (md5 === bareEtag(existing.etag)?.toLowerCase()) {
    return l10n.t('unchanged (same size and MD5)');
  }
  // The upload counts its bytes again.
  addBytes(-hashed);
  return undefined;
}

/** The file's bytes as they are read, counted on the way. */
async function* counted(stream: ReadStream, addBytes: (bytes: number) => void): AsyncIterable<Uint8Array> {
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    addBytes(chunk.length);
    yield chunk;
  }
}

/**
 * The first `size` bytes of an open file (fewer if it shrank): the size is already known, so this is
 * read calls alone, without the extra stat `readFile` makes (per file, on thousands of small files).
 */
async function readWhole(handle: FileHandle, size: number): Promise<Buffer> {
  const buffer = Buffer.allocUnsafe(size);
  let filled = 0;
  while (filled < size) {
    const { bytesRead } = await handle.read(buffer, filled, size - filled, filled);
    if (bytesRead === 0) {
      break;
    }
    filled += bytesRead;
  }
  return buffer.subarray(0, filled);
}

/**
 * Streams one file to its key (the service aborts a multipart upload that fails or is cancelled).
 * A small file is read whole and sent as one PutObject: streaming machinery costs more than its bytes.
 */
async function uploadFile(service: S3Service, bucket: string, key: string, file: LocalFile, options: UploadOptions, signal: AbortSignal, addBytes: (bytes: number) => void): Promise<void> {
  const handle = await fs.open(file.path, 'r');
  let stream: ReadStream | undefined;
  try {
    const request = {
      bucket,
      key,
      contentType: contentTypeForKey(file.relativePath),
      cacheControl: options.cacheControl,
      storageClass: options.storageClass,
      serverSideEncryption: options.serverSideEncryption,
      kmsKeyId: options.serverSideEncryption === 'aws:kms' ? options.kmsKeyId : undefined,
      cannedAcl: options.cannedAcl,
      signal,
    };
    // The size as opened: a file changed since the walk goes up as it is now.
    const { size } = await handle.stat();
    if (size <= READ_CHUNK_BYTES) {
      const body = await readWhole(handle, size);
      signal.throwIfAborted();
      await service.putObject({ ...request, body });
      addBytes(body.byteLength);
      return;
    }
    // Reading stops on a cancel too, so no part is read only to be refused.
    stream = handle.createReadStream({ highWaterMark: READ_CHUNK_BYTES, signal });
    await service.putObject({ ...request, body: counted(stream, addBytes), size });
  } finally {
    if (stream) {
      stream.destroy();
    } else {
      await handle.close();
    }
  }
}

function failing(label: string, error: unknown): TransferTask {
  return {
    label,
    bytes: 0,
    run: () => Promise.reject(error),
  };
}

/**
 * One task per planned file (and one per unreadable or skipped entry, so the report lists them).
 * A key over 1024 bytes, or one another chosen file already goes to, fails that file alone, before
 * any request.
 */
export function uploadTasks(service: S3Service, destination: UploadDestination, plan: UploadPlan, options: UploadOptions, existing: Map<string, ExistingObject>, policy: ExistingKeyPolicy): TransferTask[] {
  // Two chosen items with one name (`a/x.txt` and `b/x.txt`) would race for one key: the first keeps it.
  const claimed = new Map<string, string>();
  const tasks: TransferTask[] = plan.files.map((file) => {
    const key = uploadKey(destination, file);
    const label = uploadLabel(destination, file);
    const problem = keyLengthProblem(key);
    if (problem) {
      return failing(label, new Error(problem));
    }
    const claimant = claimed.get(key);
    if (claimant !== undefined) {
      return failing(label, new Error(l10n.t('{0} goes to the same key; not uploaded twice.', claimant)));
    }
    claimed.set(key, file.path);
    return {
      label,
      bytes: file.size,
      run: async (signal, addBytes) => {
        signal.throwIfAborted();
        const found = existing.get(key);
        if (found && policy === 'skipExisting') {
          return { skipped: l10n.t('the key already exists') };
        }
        if (found && policy === 'skipUnchanged') {
          const unchanged = await unchangedReason(file, found, signal, addBytes);
          if (unchanged) {
            return { skipped: unchanged };
          }
        }
        await uploadFile(service, destination.bucket, key, file, options, signal, addBytes);
        return undefined;
      },
    };
  });
  for (const entry of plan.unreadable) {
    tasks.push(failing(entry.path, entry.error));
  }
  for (const entry of plan.skipped) {
    tasks.push({ label: entry.path, bytes: 0, run: async () => ({ skipped: entry.reason }) });
  }
  return tasks;
}
