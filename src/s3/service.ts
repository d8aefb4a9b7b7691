import type { BucketSummary, EmptyBucketProgress, FolderPage, ListFolderRequest, ObjectHead, PutObjectRequest } from './types';

/**
 * The S3 operations the extension needs, in the extension's own types.
 * Every method rejects with an {@link S3Error} only.
 */
export interface S3Service {
  listBuckets(signal?: AbortSignal): Promise<BucketSummary[]>;
  /** The bucket's region as the server reports it (HeadBucket or its 301 redirect); undefined if it does not say. */
  bucketRegion(bucket: string, signal?: AbortSignal): Promise<string | undefined>;
  listFolder(request: ListFolderRequest): Promise<FolderPage>;
  headObject(bucket: string, key: string, signal?: AbortSignal): Promise<ObjectHead>;
  getObject(bucket: string, key: string, signal?: AbortSignal): Promise<Uint8Array>;
  putObject(request: PutObjectRequest): Promise<void>;
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
