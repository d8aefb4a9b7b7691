// The extension's own S3 vocabulary. Tree, fs and commands speak only these types;
// src/s3 translates them to and from the AWS SDK.

/** Static or refreshing credentials, resolved lazily by the SDK. */
export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}
export type CredentialsProvider = () => Promise<Credentials>;

/** Everything needed to build a client for one profile or custom endpoint. */
export interface ConnectionSettings {
  /** Stable id, also the `profile` part of `s3://profile@bucket/key` URIs. */
  id: string;
  region: string;
  /** Custom endpoint URL (MinIO, R2, Ceph…); undefined means AWS proper. */
  endpoint?: string;
  forcePathStyle: boolean;
  credentials: CredentialsProvider;
  /** Every write is refused (setting `s3Browser.readOnlyConnections`). */
  readOnly: boolean;
}

export interface BucketSummary {
  name: string;
  creationDate?: Date;
  /** Reported by ListBuckets on AWS; undefined where the server does not say. */
  region?: string;
}

export interface ObjectSummary {
  key: string;
  size: number;
  lastModified?: Date;
  etag?: string;
  storageClass?: string;
}

export interface FolderSummary {
  /** Full prefix including the trailing delimiter, e.g. `photos/2024/`. */
  prefix: string;
}

export interface ListFolderRequest {
  bucket: string;
  prefix: string;
  /** Continuation token from the previous page; undefined for the first page. */
  token?: string;
  pageSize?: number;
  signal?: AbortSignal;
}

export interface FolderPage {
  folders: FolderSummary[];
  files: ObjectSummary[];
  /** Set when more pages follow. */
  token?: string;
}

/** What a save must carry over from the object it replaces. */
export interface ObjectAttributes {
  contentType?: string;
  cacheControl?: string;
  contentDisposition?: string;
  contentEncoding?: string;
  contentLanguage?: string;
  /** User metadata (`x-amz-meta-*`), names without the prefix. */
  metadata?: Record<string, string>;
  storageClass?: string;
  /** `AES256`, `aws:kms` or `aws:kms:dsse`. */
  serverSideEncryption?: string;
  kmsKeyId?: string;
  tags?: Record<string, string>;
}

export interface ObjectHead extends ObjectAttributes {
  key: string;
  size: number;
  lastModified?: Date;
  etag?: string;
  versionId?: string;
}

export interface ObjectContent {
  body: Uint8Array;
  etag?: string;
  lastModified?: Date;
}

export interface PutObjectRequest extends ObjectAttributes {
  bucket: string;
  key: string;
  body: Uint8Array;
  /** Write only if the object still has this ETag (If-Match); a mismatch fails as PreconditionFailed. */
  ifMatch?: string;
  /** Write only if no object has the key (If-None-Match: *). */
  ifNoneMatch?: boolean;
  signal?: AbortSignal;
}

export interface ObjectVersion {
  versionId: string;
  isLatest: boolean;
  lastModified?: Date;
  size: number;
  isDeleteMarker: boolean;
}

export interface EmptyBucketProgress {
  /** Object versions and delete markers removed so far. */
  deleted: number;
  /** Incomplete multipart uploads aborted so far. */
  abortedUploads: number;
}
