// What a bucket or folder holds: objects and bytes, by storage class, and on a versioned bucket what
// its history keeps besides (noncurrent versions, delete markers). The current objects are listed in
// parallel (parallelListing.ts); the history in one ListObjectVersions walk.
import type { S3Service } from '../s3/service';
import type { VersionTotals } from '../s3/types';
import { listKeysInParallel } from './parallelListing';

export interface PrefixSize {
  objects: number;
  bytes: number;
  /** Objects and bytes per storage class, `STANDARD` where the listing names none. */
  byStorageClass: Record<string, { objects: number; bytes: number }>;
  /** On a versioned (or suspended) bucket. */
  history?: VersionTotals;
}

export interface MeasureOptions {
  concurrency: number;
  /** Whether the bucket keeps versions, so the history is counted too. */
  versioned: boolean;
  signal?: AbortSignal;
  /** Called after each listed page with the totals so far. */
  onProgress?: (soFar: PrefixSize) => void;
}

export async function measurePrefix(service: S3Service, bucket: string, prefix: string, { concurrency, versioned, signal, onProgress }: MeasureOptions): Promise<PrefixSize> {
  const size: PrefixSize = { objects: 0, bytes: 0, byStorageClass: {} };
  // The history walk runs beside the parallel listing; it is one lister among them.
  const history = versioned ? service.versionTotals(bucket, prefix, signal) : undefined;
  // Handled from the start: a history walk that fails while the listing still runs is not an unhandled rejection (it is thrown below).
  history?.catch(() => undefined);
  try {
    for await (const page of listKeysInParallel(service, bucket, prefix, { concurrency: Math.max(1, concurrency - (versioned ? 1 : 0)), signal })) {
      for (const object of page) {
        const storageClass = object.storageClass ?? 'STANDARD';
        const entry = (size.byStorageClass[storageClass] ??= { objects: 0, bytes: 0 });
        entry.objects++;
        entry.bytes += object.size;
        size.objects++;
        size.bytes += object.size;
      }
      onProgress?.(size);
    }
  } catch (error) {
    // The listing failed: wait for the history walk to settle, so nothing runs on after the command.
    await history?.catch(() => undefined);
    throw error;
  }
  if (history) {
    size.history = await history;
  }
  return size;
}
