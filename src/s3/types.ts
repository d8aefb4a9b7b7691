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

export interface ObjectHead {
  key: string;
  size: number;
  lastModified?: Date;
  etag?: string;
  contentType?: string;
}

export interface PutObjectRequest {
  bucket: string;
  key: string;
  body: Uint8Array;
  contentType?: string;
  signal?: AbortSignal;
}

export interface EmptyBucketProgress {
  /** Object versions and delete markers removed so far. */
  deleted: number;
  /** Incomplete multipart uploads aborted so far. */
  abortedUploads: number;
}
