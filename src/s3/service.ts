import type {
  BucketEncryption,
  BucketContents,
  BucketInventory,
  BucketSummary,
  CannedAcl,
  CopyObjectRequest,
  DeletedKey,
  DeleteReport,
  FolderPage,
  IncompleteUpload,
  IncompleteUploadSize,
  ListFolderRequest,
  ObjectAcl,
  ObjectContent,
  ObjectHead,
  ObjectRange,
  ObjectStream,
  ObjectSummary,
  ObjectVersion,
  PresignRequest,
  RestoreTier,
  PutObjectRequest,
  SigningCredentials,
  VersionedKey,
  VersionTotals,
} from './types';

/**
 * The S3 operations the extension needs, in the extension's own types.
 * Every method rejects with an {@link S3Error} only.
 */
export interface S3Service {
  listBuckets(signal?: AbortSignal): Promise<BucketSummary[]>;
  /** The bucket's region as the server reports it (HeadBucket or its 301 redirect); undefined if it does not say. */
  bucketRegion(bucket: string, signal?: AbortSignal): Promise<string | undefined>;
  listFolder(request: ListFolderRequest): Promise<FolderPage>;
  /** Every key under a prefix (no delimiter), a page at a time; with `startAfter`, only the keys after it (in byte order). */
  listKeys(bucket: string, prefix: string, signal?: AbortSignal, startAfter?: string): AsyncIterable<ObjectSummary[]>;
  headObject(bucket: string, key: string, versionId?: string, signal?: AbortSignal): Promise<ObjectHead>;
  /** The object's tags; `{}` where the server does not implement tagging (R2). */
  getObjectTags(bucket: string, key: string, versionId?: string, signal?: AbortSignal): Promise<Record<string, string>>;
  /** The object's ACL; undefined where ACLs are disabled (BucketOwnerEnforced) or not implemented. */
  getObjectAcl(bucket: string, key: string, versionId?: string, signal?: AbortSignal): Promise<ObjectAcl | undefined>;
  /** The whole object in memory; above `maxBytes` it fails with kind TooLarge before reading the body. */
  getObject(bucket: string, key: string, versionId?: string, signal?: AbortSignal, maxBytes?: number): Promise<ObjectContent>;
  /** The object's bytes as a stream; with `range`, those bytes only (a mismatched `ifMatch` fails as PreconditionFailed). */
  getObjectStream(bucket: string, key: string, versionId?: string, signal?: AbortSignal, range?: ObjectRange): Promise<ObjectStream>;
  /**
   * Returns the new ETag when the server reports one. A stream body goes up as a multipart upload
   * (aborted when it fails or is cancelled). `ifMatch` is sent as given, quoted or not.
   */
  putObject(request: PutObjectRequest): Promise<{ etag?: string }>;
  /**
   * Server-side copy within one connection, giving the target exactly the attributes passed (without
   * them, what the server's COPY directives carry over); above the multipart-copy threshold (at most
   * 5 GiB) as UploadPartCopy parts, aborted on failure or cancel, and then `inParts` is true.
   */
  copyObject(request: CopyObjectRequest): Promise<{ etag?: string; inParts: boolean }>;
  /** Deletes keys, 1000 per request, failing with the per-key errors S3 reports. */
  deleteObjects(bucket: string, keys: VersionedKey[], signal?: AbortSignal): Promise<void>;
  /** Deletes keys, 1000 per request, returning (not throwing) the keys S3 reports it could not delete. */
  deleteObjectsReporting(bucket: string, keys: string[], signal?: AbortSignal): Promise<DeleteReport>;
  /** Replaces the object's whole ACL with a canned one. */
  putObjectAcl(bucket: string, key: string, acl: CannedAcl, signal?: AbortSignal): Promise<void>;
  /** A URL that lets anyone holding it make the request until it expires (SigV4 query signing, no request sent). */
  presignedUrl(request: PresignRequest): Promise<string>;
  /** Whether the connection's credentials are temporary (a session) and when they expire, if they say. */
  signingCredentials(): Promise<SigningCredentials>;
  /** Replaces the object's tags. */
  putObjectTags(bucket: string, key: string, tags: Record<string, string>, signal?: AbortSignal): Promise<void>;
  /** The bucket's versioning status; undefined when it was never enabled. */
  bucketVersioning(bucket: string, signal?: AbortSignal): Promise<'Enabled' | 'Suspended' | undefined>;
  /** Every version and delete marker of one key, newest first. */
  listObjectVersions(bucket: string, key: string, signal?: AbortSignal): Promise<ObjectVersion[]>;
  /** Keys directly under `prefix` whose current version is a delete marker, at most `limit`; `more` when there were others. */
  listDeletedKeys(bucket: string, prefix: string, limit: number, signal?: AbortSignal): Promise<{ keys: DeletedKey[]; more: boolean }>;
  /** Starts a restore of an archived object: a readable copy for `days`, ready after the tier's delay. */
  restoreObject(bucket: string, key: string, days: number, tier: RestoreTier, signal?: AbortSignal): Promise<void>;
  /** The bucket's default encryption; undefined when it has none configured. */
  bucketEncryption(bucket: string, signal?: AbortSignal): Promise<BucketEncryption | undefined>;
  /** Sets the bucket's default encryption (for new objects; existing ones keep theirs). */
  setBucketEncryption(bucket: string, encryption: BucketEncryption, signal?: AbortSignal): Promise<void>;
  /** Turns versioning on, or suspends it (existing versions stay). */
  setBucketVersioning(bucket: string, status: 'Enabled' | 'Suspended', signal?: AbortSignal): Promise<void>;
  /** Whether the bucket holds objects, old versions or delete markers, incomplete uploads (MaxKeys 1 each). */
  bucketContents(bucket: string, signal?: AbortSignal): Promise<BucketContents>;
  /** Noncurrent versions (and their bytes) and delete markers under a prefix, every page of ListObjectVersions. */
  versionTotals(bucket: string, prefix: string, signal?: AbortSignal): Promise<VersionTotals>;
  /** Counts every version, delete marker and incomplete upload. */
  bucketInventory(bucket: string, signal?: AbortSignal): Promise<BucketInventory>;
  /** Creates a bucket in `region` (LocationConstraint for every region but us-east-1). */
  createBucket(bucket: string, region: string, signal?: AbortSignal): Promise<void>;
  /** Deletes an empty bucket. */
  deleteBucket(bucket: string, signal?: AbortSignal): Promise<void>;
  /** The first (up to 1000) object versions and delete markers of the bucket, in key order. */
  firstVersions(bucket: string, signal?: AbortSignal): Promise<VersionedKey[]>;
  listIncompleteUploads(bucket: string, signal?: AbortSignal): AsyncIterable<IncompleteUpload[]>;
  abortIncompleteUpload(bucket: string, key: string, uploadId: string, signal?: AbortSignal): Promise<void>;
  /** The bytes and parts an incomplete upload holds so far (its parts, listed). */
  incompleteUploadSize(bucket: string, key: string, uploadId: string, signal?: AbortSignal): Promise<IncompleteUploadSize>;
  dispose(): void;
}
