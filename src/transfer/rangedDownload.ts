// A large object is downloaded as rclone and the AWS CLI do: several ranged GETs at once, each
// written at its offset into the temporary file (allocated at full size first), so one object is not
// held to the speed of one TCP stream. The first ranges start together, without waiting for one
// response: every response must then carry the same ETag and object size as the first to arrive, and
// the ranges asked after it carry If-Match on that ETag, so an object replaced mid-download fails the
// download instead of mixing two versions. Memory stays flat: each range streams to disk (bodyWriter.ts).
import type { FileHandle } from 'node:fs/promises';
import { promises as fs } from 'node:fs';
import type { S3Service } from '../s3/service';
import type { ObjectStream } from '../s3/types';
import { formatCount } from '../ui/format';
import { incompleteDownload, writeBody } from './bodyWriter';
import { l10n } from '../l10n';

const MIB = 1024 * 1024;

export interface RangedDownloadTuning {
  /** Objects of at least this many bytes are downloaded in ranges (smaller ones in one GET). */
  aboveBytes: number;
  rangeBytes: number;
  /** Ranges of one object in flight at once. */
  inFlight: number;
}

/** 16 MiB ranges, 8 at a time, above 64 MiB: what the bare SDK's ceiling measured fastest here (docs/benchmarks.md). */
export const RANGED_DOWNLOADS: RangedDownloadTuning = { aboveBytes: 64 * MIB, rangeBytes: 16 * MIB, inFlight: 8 };

interface Range {
  start: number;
  end: number;
}

export interface RangedObject {
  service: S3Service;
  bucket: string;
  key: string;
  versionId?: string;
  /** The size the listing gave: the download fails if the object no longer has it. */
  size: number;
}

/** Writes one range's body at its offset; fails if it ends short or long. */
async function writeRange(handle: FileHandle, stream: ObjectStream, range: Range, signal: AbortSignal, addBytes: (bytes: number) => void): Promise<void> {
  const written = await writeBody(handle, stream, range.start, signal, addBytes);
  if (written !== range.end + 1 - range.start) {
    throw incompleteDownload(written, range.end + 1 - range.start);
  }
}

/**
 * Downloads `object` into `file` (created, must not exist) in ranges; returns the first response
 * (ETag, LastModified, metadata). On a failure or a cancel every range stops and the error is thrown;
 * the caller removes the file.
 */
export async function downloadInRanges(object: RangedObject, file: string, signal: AbortSignal, addBytes: (bytes: number) => void, tuning: RangedDownloadTuning = RANGED_DOWNLOADS): Promise<ObjectStream> {
  const stop = new AbortController();
  const stopped = AbortSignal.any([signal, stop.signal]);
  const handle = await fs.open(file, 'wx');
  try {
    await handle.truncate(object.size);
    const ranges: Range[] = [];
    for (let start = 0; start < object.size; start += tuning.rangeBytes) {
      ranges.push({ start, end: Math.min(object.size, start + tuning.rangeBytes) - 1 });
    }
    // The first response to arrive sets what every other must be: the same version, the listing's size.
    let first: ObjectStream | undefined;
    const check = (stream: ObjectStream) => {
      first ??= stream;
      if (stream.objectSize !== object.size) {
        throw new Error(l10n.t('s3://{0}/{1} now has {2} bytes where the listing said {3}: it changed while it was being downloaded, so it was not saved. Download it again.', object.bucket, object.key, formatCount(stream.objectSize ?? stream.size), formatCount(object.size)));
      }
      if (stream.etag !== first.etag) {
        throw new Error(l10n.t('s3://{0}/{1} was changed by someone else while it was being downloaded, so it was not saved. Download it again.', object.bucket, object.key));
      }
    };
    let next = 0;
    let firstError: { error: unknown } | undefined;
    const worker = async () => {
      while (next < ranges.length && !stopped.aborted) {
        const range = ranges[next++];
        const stream = await object.service.getObjectStream(object.bucket, object.key, object.versionId, stopped, { ...range, ifMatch: first?.etag });
        try {
          check(stream);
        } catch (error) {
          stream.discard();
          throw error;
        }
        await writeRange(handle, stream, range, stopped, addBytes);
      }
    };
    const work = Array.from({ length: Math.min(tuning.inFlight, ranges.length) }, worker).map((running) =>
      running.catch((error: unknown) => {
        // The first failure stops the other ranges, whose aborts are not failures of their own.
        firstError ??= { error };
        stop.abort(error);
      }),
    );
    // Every range settles before the file is closed.
    await Promise.all(work);
    if (firstError) {
      throw signal.aborted ? signal.reason : firstError.error;
    }
    signal.throwIfAborted();
    return first!;
  } finally {
    await handle.close();
  }
}
