import type { BucketSummary, EmptyBucketProgress, FolderPage, ListFolderRequest, ObjectContent, ObjectHead, ObjectSummary, ObjectVersion, PutObjectRequest } from './types';

/**
 * The S3 operations the extension needs, in the extension's own types.
 * Every method rejects with an {@link S3Error} only.
 */
export interface S3Service {
  listBuckets(signal?: AbortSignal): Promise<BucketSummary[]>;
  /** The bucket's region as the server reports it (HeadBucket or its 301 redirect); undefined if it does not say. */
  bucketRegion(bucket: string, signal?: AbortSignal): Promise<string | undefined>;
  listFolder(request: ListFolderRequest): Promise<FolderPage>;
  /** Every key under a prefix (no delimiter), a page at a time. */
  listKeys(bucket: string, prefix: string, signal?: AbortSignal): AsyncIterable<ObjectSummary[]>;
  headObject(bucket: string, key: string, versionId?: string, signal?: AbortSignal): Promise<ObjectHead>;
  getObjectTags(bucket: string, key: string, signal?: AbortSignal): Promise<Record<string, string>>;
  getObject(bucket: string, key: string, versionId?: string, signal?: AbortSignal): Promise<ObjectContent>;
  /** Returns the new ETag when the server reports one. */
  putObject(request: PutObjectRequest): Promise<{ etag?: string }>;
  /** Server-side copy keeping metadata and tags; `ifNoneMatch` refuses to replace an existing target. */
  copyObject(source: { bucket: string; key: string }, target: { bucket: string; key: string }, signal?: AbortSignal): Promise<void>;
  /** Deletes keys, 1000 per request, failing with the per-key errors S3 reports. */
  deleteObjects(bucket: string, keys: Array<{ key: string; versionId?: string }>, signal?: AbortSignal): Promise<void>;
  listObjectVersions(bucket: string, key: string, signal?: AbortSignal): Promise<ObjectVersion[]>;
  /** Creates a bucket in `region` (LocationConstraint for every region but us-east-1). */
  createBucket(bucket: string, region: string, signal?: AbortSignal): Promise<void>;
  /** Deletes an empty bucket. */
  deleteBucket(bucket: string, signal?: AbortSignal): Promise<void>;
  /**
   * Removes every object version and delete marker (1000 per request, per-key errors checked) and
   * aborts every incomplete multipart upload, reporting progress; stops when `signal` aborts.
   */
  emptyBucket(bucket: string, onProgress: (progress: EmptyBucketProgress) => void, signal?: AbortSignal): Promise<EmptyBucketProgress>;
  dispose(): void;
}
