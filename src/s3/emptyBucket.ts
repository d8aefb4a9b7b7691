import type { S3Service } from './service';
import type { EmptyBucketProgress } from './types';

/**
 * Removes every object version and delete marker (1000 per request, per-key errors checked) and
 * aborts every incomplete multipart upload, reporting progress; stops when `signal` aborts.
 */
export async function emptyBucket(service: S3Service, bucket: string, onProgress: (progress: EmptyBucketProgress) => void, signal?: AbortSignal): Promise<EmptyBucketProgress> {
  const progress: EmptyBucketProgress = { deleted: 0, abortedUploads: 0 };
  // Deleting while listing is safe: each request starts over from the first remaining version.
  for (;;) {
    signal?.throwIfAborted();
    const versions = await service.firstVersions(bucket, signal);
    if (versions.length === 0) {
      break;
    }
    await service.deleteObjects(bucket, versions, signal);
    progress.deleted += versions.length;
    onProgress({ ...progress });
  }
  for await (const uploads of service.listIncompleteUploads(bucket, signal)) {
    for (const upload of uploads) {
      await service.abortIncompleteUpload(bucket, upload.key, upload.uploadId, signal);
      progress.abortedUploads++;
      onProgress({ ...progress });
    }
  }
  return progress;
}
