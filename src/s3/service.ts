import type { BucketSummary, FolderPage, ListFolderRequest, ObjectHead, PutObjectRequest } from './types';

/**
 * The S3 operations the extension needs, in the extension's own types.
 * Every method rejects with an {@link S3Error} only.
 */
export interface S3Service {
  listBuckets(signal?: AbortSignal): Promise<BucketSummary[]>;
  listFolder(request: ListFolderRequest): Promise<FolderPage>;
  headObject(bucket: string, key: string, signal?: AbortSignal): Promise<ObjectHead>;
  getObject(bucket: string, key: string, signal?: AbortSignal): Promise<Uint8Array>;
  putObject(request: PutObjectRequest): Promise<void>;
  dispose(): void;
}
