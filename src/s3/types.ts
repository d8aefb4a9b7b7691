// The extension's own S3 vocabulary. Tree, fs and commands speak only these types;
// src/s3 translates them to and from the AWS SDK.
import type { S3Service } from './service';

/** Static or refreshing credentials, resolved lazily by the SDK. */
export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}
export type CredentialsProvider = () => Promise<Credentials>;

/** What the signing credentials say about their own end. */
export interface SigningCredentials {
  /** When they expire, when they say so. */
  expiration?: Date;
  /** A session (they carry a session token): they end, whether or not `expiration` says when. */
  temporary: boolean;
}

/** Everything needed to build a client for one profile or custom endpoint. */
export interface ConnectionSettings {
  /** Unique among connections; the `connection` part of `s3://connection@bucket/key` URIs. */
  connectionName: string;
  region: string;
  /** Custom endpoint URL (MinIO, R2, Ceph…); undefined means AWS proper. */
  endpoint?: string;
  forcePathStyle: boolean;
  credentials: CredentialsProvider;
  /** Every write is refused (setting `s3Browser.readOnlyConnections`). */
  readOnly: boolean;
  /**
   * The AWS config profile the client resolves its other settings from (dual-stack, FIPS…); the
   * endpoint is never taken from the config files or environment, only from `endpoint`.
   */
  profile?: string;
  /** The profile signs in through AWS SSO, so a credentials failure offers `aws sso login`. */
  usesSso?: boolean;
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
  /** Without the `/` delimiter: keys at any depth below the prefix, and no folders. */
  flat?: boolean;
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
  bucketKeyEnabled?: boolean;
  tags?: Record<string, string>;
  expires?: Date;
  websiteRedirectLocation?: string;
  objectLockMode?: string;
  objectLockRetainUntilDate?: Date;
  /** `ON` or `OFF`. */
  objectLockLegalHold?: string;
  /** Grants to carry over; undefined (or the owner's full control only) means the default private ACL. */
  grants?: Grant[];
}

/** The storage classes S3 offers, cheapest retrieval first; servers offer a subset (often STANDARD only). */
export const STORAGE_CLASSES = ['STANDARD', 'STANDARD_IA', 'ONEZONE_IA', 'INTELLIGENT_TIERING', 'GLACIER_IR', 'GLACIER', 'DEEP_ARCHIVE', 'REDUCED_REDUNDANCY'] as const;

/** The ACL groups "everyone" and "any signed-in AWS user". */
export const ALL_USERS = 'http://acs.amazonaws.com/groups/global/AllUsers';
export const AUTHENTICATED_USERS = 'http://acs.amazonaws.com/groups/global/AuthenticatedUsers';

export type Permission = 'FULL_CONTROL' | 'READ' | 'WRITE' | 'READ_ACP' | 'WRITE_ACP';

/** One ACL grant; exactly one of the grantee fields is set. */
export interface Grant {
  permission: Permission;
  /** Canonical user id. */
  id?: string;
  /** Group URI, e.g. http://acs.amazonaws.com/groups/global/AllUsers. */
  uri?: string;
  emailAddress?: string;
}

export interface ObjectAcl {
  ownerId?: string;
  grants: Grant[];
}

/** The canned ACLs S3 accepts for an object, each a whole ACL (the owner keeps full control). */
export const CANNED_ACLS = ['private', 'public-read', 'public-read-write', 'authenticated-read', 'aws-exec-read', 'bucket-owner-read', 'bucket-owner-full-control'] as const;
export type CannedAcl = (typeof CANNED_ACLS)[number];

/** A presigned request: anyone holding the URL can make it, until it expires. */
export interface PresignRequest {
  method: 'GET' | 'PUT';
  bucket: string;
  key: string;
  /** GET: a version rather than the current object. */
  versionId?: string;
  expiresInSeconds: number;
  /** GET: the file name a browser saves the download as (`response-content-disposition`). */
  downloadAs?: string;
  /** PUT: the Content-Type the uploader must send (it is part of the signature). */
  contentType?: string;
}

export interface ObjectHead extends ObjectAttributes {
  key: string;
  size: number;
  lastModified?: Date;
  etag?: string;
  versionId?: string;
  /** `x-amz-restore` of an archived object: a restore in progress, or until when the restored copy stays. */
  restore?: string;
}

/** A bucket's default encryption: what new objects get when their write names none. */
export interface BucketEncryption {
  /** `AES256`, `aws:kms` or `aws:kms:dsse`. */
  algorithm: string;
  kmsKeyId?: string;
  bucketKeyEnabled?: boolean;
}

/** Storage classes whose objects must be restored before they can be read. */
export const ARCHIVED_STORAGE_CLASSES = ['GLACIER', 'DEEP_ARCHIVE'];

/** How fast (and how dearly) an archive restore runs. */
export type RestoreTier = 'Expedited' | 'Standard' | 'Bulk';

export interface ObjectContent {
  body: Uint8Array;
  etag?: string;
  lastModified?: Date;
  size: number;
}

/** A server-side copy: the source as read or listed (its ETag is required to match). */
export interface CopyObjectRequest {
  source: { bucket: string; key: string; versionId?: string; etag?: string; size: number };
  target: { bucket: string; key: string };
  /**
   * The attributes to give the target, all of them (ACL and encryption included). Without them the
   * server carries over the source's metadata, content headers and tags itself, and the target gets
   * the bucket's default access and encryption, as for any new object there.
   */
  attributes?: ObjectAttributes & { ownerId?: string };
  /** Without `attributes`: the source's storage class, which a copy otherwise resets to STANDARD. */
  storageClass?: string;
  /**
   * Without `attributes`: the source bucket's own service, through which a multipart copy (which takes
   * nothing from its source) reads the source's metadata and tags. The source may be in another
   * region than the target, whose client signs for the target's region; without it, the target's
   * service reads them.
   */
  sourceService?: Pick<S3Service, 'headObject' | 'getObjectTags'>;
  signal?: AbortSignal;
}

/** An object's bytes as a stream, for transfers that must not buffer whole objects. */
export interface ObjectStream {
  body: AsyncIterable<Uint8Array>;
  /** Bytes of the body: the object's, or the range's. */
  size: number;
  /** With a range: the whole object's size (from Content-Range). */
  objectSize?: number;
  etag?: string;
  lastModified?: Date;
  /** User metadata (`x-amz-meta-*`), names without the prefix. */
  metadata?: Record<string, string>;
  /** Releases the connection when the body will not be read to the end. */
  discard(): void;
}

/** Part of an object to read: bytes `start` to `end`, both included; only if it still has the ETag `ifMatch`, when given. */
export interface ObjectRange {
  start: number;
  end: number;
  ifMatch?: string;
}

export interface PutObjectRequest extends ObjectAttributes {
  /** The ACL owner of the object being replaced, so its default grant is recognised. */
  ownerId?: string;
  bucket: string;
  key: string;
  /** Bytes, or a stream of `size` bytes (sent as a multipart upload above the part size). */
  body: Uint8Array | AsyncIterable<Uint8Array>;
  /**
   * The stream body again from its start, so a conditional write the server refused for the form of
   * its If-Match can be sent again; without it a streamed write is not retried.
   */
  reopenBody?: () => AsyncIterable<Uint8Array>;
  size?: number;
  /** Write only if the object still has this ETag (If-Match); a mismatch fails as PreconditionFailed. */
  ifMatch?: string;
  /** Write only if no object has the key (If-None-Match: *). */
  ifNoneMatch?: boolean;
  /** A canned ACL (`private`, `bucket-owner-full-control`, `public-read`…), sent instead of `grants`. */
  cannedAcl?: string;
  signal?: AbortSignal;
}

export interface ObjectVersion {
  versionId: string;
  isLatest: boolean;
  lastModified?: Date;
  size: number;
  isDeleteMarker: boolean;
}

/** A key whose current version is a delete marker: deleted, with its data kept as older versions. */
export interface DeletedKey {
  key: string;
  /** The delete marker that hides it; removing it undeletes the key. */
  markerVersionId: string;
  deletedAt?: Date;
}

/** What a bucket holds besides current objects, each found with one request of MaxKeys 1. */
export interface BucketContents {
  hasObjects: boolean;
  /** Noncurrent versions or delete markers (a versioned bucket's history). */
  hasHistory: boolean;
  hasIncompleteUploads: boolean;
}

/** The history under a prefix of a versioned bucket: what its versions besides the current ones hold. */
export interface VersionTotals {
  noncurrentVersions: number;
  noncurrentBytes: number;
  deleteMarkers: number;
}

/** Counts of what emptying a bucket will destroy, listed before asking. */
export interface BucketInventory {
  objects: number;
  noncurrentVersions: number;
  deleteMarkers: number;
  incompleteUploads: number;
}

/** A multipart upload that was neither completed nor aborted (its parts are kept and billed). */
export interface IncompleteUpload {
  key: string;
  uploadId: string;
  initiated?: Date;
}

/** What an incomplete upload's parts hold (ListParts). */
export interface IncompleteUploadSize {
  bytes: number;
  parts: number;
}

/** What a DeleteObjects request could not delete, key by key (S3 answers 200 even then). */
export interface DeleteReport {
  failed: Array<{ key: string; code: string; message: string }>;
}

/** One object version or delete marker to delete. */
export interface VersionedKey {
  key: string;
  versionId?: string;
}

export interface EmptyBucketProgress {
  /** Object versions and delete markers removed so far. */
  deleted: number;
  /** Incomplete multipart uploads aborted so far. */
  abortedUploads: number;
}
