// Uploads of local files as transfer tasks: each file of an upload plan (uploadPlan.ts) becomes one
// task that streams it from disk to S3 (multipart above the part size, aborted on failure or cancel),
// or skips it where its key already exists and the user chose so. Free of `vscode`, so the benchmark
// runs the very same code.
import { createHash } from 'node:crypto';
import { createReadStream, promises as fs, type ReadStream } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { contentTypeForKey } from '../s3/contentType';
import { keyLengthProblem } from '../s3/errors';
import { bareEtag } from '../s3/etag';
import type { S3Service } from '../s3/service';
import type { TransferTask } from './transferEngine';
import { uploadKey, type ExistingObject, type LocalFile, type UploadDestination, type UploadPlan } from './uploadPlan';
import { formatCount } from '../ui/format';
import { l10n } from '../l10n';

/** Read size of the file streams (big enough that a multipart part is a few reads, small enough to stay lean), and the largest file read whole. */
const READ_CHUNK_BYTES = 1024 * 1024;

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
  /** User metadata (`x-amz-meta-*`), names without the prefix: Sync's `mtime`. */
  metadata?: Record<string, string>;
}

/** What to do with files whose key already exists. */
export type ExistingKeyPolicy = 'overwrite' | 'skipExisting' | 'skipUnchanged';

export function uploadLabel(destination: UploadDestination, file: LocalFile): string {
  return `${file.path} → s3://${destination.bucket}/${uploadKey(destination, file)}`;
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
 * Streams one file to its key (the service aborts a multipart upload that fails or is cancelled) and
 * returns the new ETag. A small file is read whole and sent as one PutObject: streaming machinery
 * costs more than its bytes.
 */
export async function uploadFile(service: S3Service, bucket: string, key: string, file: LocalFile, options: UploadOptions, signal: AbortSignal, addBytes: (bytes: number) => void): Promise<string | undefined> {
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
      metadata: options.metadata,
      signal,
    };
    // The size as opened: a file changed since the walk goes up as it is now.
    const { size } = await handle.stat();
    if (size <= READ_CHUNK_BYTES) {
      const body = await readWhole(handle, size);
      signal.throwIfAborted();
      const { etag } = await service.putObject({ ...request, body });
      addBytes(body.byteLength);
      return etag;
    }
    // Reading stops on a cancel too, so no part is read only to be refused.
    stream = handle.createReadStream({ highWaterMark: READ_CHUNK_BYTES, signal });
    return (await service.putObject({ ...request, body: counted(stream, addBytes), size })).etag;
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
