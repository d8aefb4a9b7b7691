import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  DeleteBucketCommand,
  DeleteObjectsCommand,
  GetBucketEncryptionCommand,
  GetBucketVersioningCommand,
  GetObjectAclCommand,
  GetObjectCommand,
  GetObjectTaggingCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListPartsCommand,
  ListObjectsV2Command,
  ListObjectVersionsCommand,
  PutBucketEncryptionCommand,
  PutBucketVersioningCommand,
  RestoreObjectCommand,
  PutObjectAclCommand,
  PutObjectCommand,
  PutObjectTaggingCommand,
  S3Client,
  UploadPartCopyCommand,
  paginateListBuckets,
  paginateListObjectsV2,
  type BucketLocationConstraint,
  type CompletedPart,
  type HeadObjectCommandOutput,
  type ObjectLockLegalHoldStatus,
  type ObjectCannedACL,
  type ObjectLockMode,
  type PutObjectCommandInput,
  type S3ClientConfig,
  type ServerSideEncryption,
  type StorageClass,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { Readable } from 'node:stream';
import { S3Error, toS3Error, type S3ErrorContext } from './errors';
import { bareEtag } from './etag';
import type { S3Service } from './service';
import { partSizeFor } from './partSize';
import { Slots } from './slots';
import type { UploadJournal } from './uploadJournal';
import { ALL_USERS, AUTHENTICATED_USERS } from './types';
import type {
  BucketContents,
  BucketEncryption,
  BucketInventory,
  BucketSummary,
  CannedAcl,
  ConnectionSettings,
  CopyObjectRequest,
  DeletedKey,
  DeleteReport,
  Grant,
  ObjectAcl,
  ObjectAttributes,
  ObjectStream,
  Permission,
  FolderPage,
  IncompleteUpload,
  IncompleteUploadSize,
  ListFolderRequest,
  ObjectContent,
  ObjectHead,
  PresignRequest,
  RestoreTier,
  ObjectSummary,
  ObjectVersion,
  PutObjectRequest,
  SigningCredentials,
  VersionedKey,
} from './types';
import { l10n } from '../ui/l10n';

/** The largest object one CopyObject request can copy; above it, UploadPartCopy. */
export const MAX_SINGLE_COPY_BYTES = 5 * 1024 ** 3;
/** Part buffers all streamed multipart uploads of one connection may hold at once (4 uploads at the default 8 MiB × 4). */
const MULTIPART_MEMORY_BUDGET_BYTES = 128 * 1024 * 1024;

/** `bucket/key` for x-amz-copy-source, each key segment URL-encoded. */
function copySource(bucket: string, key: string): string {
  return `${bucket}/${key.split('/').map(encodeURIComponent).join('/')}`;
}

function headFields(key: string, head: HeadObjectCommandOutput): ObjectHead {
  return {
    key,
    size: head.ContentLength ?? 0,
    lastModified: head.LastModified,
    etag: head.ETag,
    versionId: head.VersionId,
    restore: head.Restore,
    contentType: head.ContentType,
    cacheControl: head.CacheControl,
    contentDisposition: head.ContentDisposition,
    contentEncoding: head.ContentEncoding,
    contentLanguage: head.ContentLanguage,
    metadata: head.Metadata,
    storageClass: head.StorageClass,
    serverSideEncryption: head.ServerSideEncryption,
    kmsKeyId: head.SSEKMSKeyId,
    bucketKeyEnabled: head.BucketKeyEnabled,
    expires: head.Expires,
    websiteRedirectLocation: head.WebsiteRedirectLocation,
    objectLockMode: head.ObjectLockMode,
    objectLockRetainUntilDate: head.ObjectLockRetainUntilDate,
    objectLockLegalHold: head.ObjectLockLegalHoldStatus,
  };
}

type GrantHeader = 'GrantFullControl' | 'GrantRead' | 'GrantReadACP' | 'GrantWriteACP';

const GRANT_HEADERS: Partial<Record<Permission, GrantHeader>> = {
  FULL_CONTROL: 'GrantFullControl',
  READ: 'GrantRead',
  READ_ACP: 'GrantReadACP',
  WRITE_ACP: 'GrantWriteACP',
};

/**
 * The ACL of a write, sent in the same request so the object is never briefly private or public.
 * The default ACL (owner full control only) sends nothing, which also keeps writes working on
 * buckets with ACLs disabled. An ACL that a canned one describes exactly (owner + everyone or
 * authenticated users reading) is sent canned, which also keeps the writer's full control where
 * the owner id is unknown (another server); anything else as x-amz-grant-* headers.
 */
function aclParams(grants: Grant[] | undefined, ownerId: string | undefined): Partial<Record<GrantHeader, string>> & { ACL?: ObjectCannedACL } {
  const others = (grants ?? []).filter((grant) => !(grant.permission === 'FULL_CONTROL' && grant.id !== undefined && grant.id === ownerId));
  if (others.length === 0) {
    return {};
  }
  if (others.length === 1 && others[0].permission === 'READ' && (others[0].uri === ALL_USERS || others[0].uri === AUTHENTICATED_USERS)) {
    return { ACL: others[0].uri === ALL_USERS ? 'public-read' : 'authenticated-read' };
  }
  const headers: Partial<Record<GrantHeader, string>> = {};
  for (const grant of grants ?? []) {
    const header = GRANT_HEADERS[grant.permission];
    const grantee = grant.id !== undefined ? `id="${grant.id}"` : grant.uri !== undefined ? `uri="${grant.uri}"` : grant.emailAddress !== undefined ? `emailAddress="${grant.emailAddress}"` : undefined;
    if (header && grantee) {
      headers[header] = headers[header] ? `${headers[header]}, ${grantee}` : grantee;
    }
  }
  return headers;
}

/** Headers of a write that carry the attributes over (everything but body and conditions). */
function attributeParams(attributes: ObjectAttributes & { ownerId?: string }): Partial<PutObjectCommandInput> {
  const retained = attributes.objectLockMode !== undefined && attributes.objectLockRetainUntilDate !== undefined && attributes.objectLockRetainUntilDate.getTime() > Date.now();
  return {
    ContentType: attributes.contentType,
    CacheControl: attributes.cacheControl,
    ContentDisposition: attributes.contentDisposition,
    ContentEncoding: attributes.contentEncoding,
    ContentLanguage: attributes.contentLanguage,
    Metadata: attributes.metadata,
    StorageClass: attributes.storageClass as StorageClass | undefined,
    ServerSideEncryption: attributes.serverSideEncryption as ServerSideEncryption | undefined,
    SSEKMSKeyId: attributes.serverSideEncryption?.startsWith('aws:kms') ? attributes.kmsKeyId : undefined,
    BucketKeyEnabled: attributes.bucketKeyEnabled || undefined,
    Expires: attributes.expires,
    WebsiteRedirectLocation: attributes.websiteRedirectLocation,
    // A retention whose date has passed protects nothing, and S3 refuses a past date (InvalidArgument).
    ObjectLockMode: retained ? (attributes.objectLockMode as ObjectLockMode) : undefined,
    ObjectLockRetainUntilDate: retained ? attributes.objectLockRetainUntilDate : undefined,
    ObjectLockLegalHoldStatus: attributes.objectLockLegalHold === 'ON' ? ('ON' as ObjectLockLegalHoldStatus) : undefined,
    // Percent-encoding, not URLSearchParams' "+" for spaces, which some servers keep literally.
    Tagging: attributes.tags && Object.keys(attributes.tags).length > 0 ? Object.entries(attributes.tags).map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`).join('&') : undefined,
    ...aclParams(attributes.grants, attributes.ownerId),
  };
}

function isAsyncIterable(body: unknown): body is AsyncIterable<Uint8Array> {
  return typeof body === 'object' && body !== null && Symbol.asyncIterator in body;
}

/**
 * The client one streamed upload sends through: its part (and single PutObject) requests follow
 * `signal`, so a cancel stops them at once. Creating, completing and aborting the multipart upload do
 * not: an upload the server created is always known, and aborted before `done()` settles.
 * (lib-storage's own `abort()` rejects `done()` at once and sends AbortMultipartUpload later, after
 * the parts in flight finish — a caller that returns then, or a window that closes, leaves the parts.)
 * `beforeComplete` runs right before CompleteMultipartUpload; a rejection fails (and aborts) the upload.
 */
function uploadClient(client: S3Client, signal: AbortSignal | undefined, beforeComplete?: () => Promise<void>): S3Client {
  if (!signal && !beforeComplete) {
    return client;
  }
  const bookkeeping = [CreateMultipartUploadCommand, CompleteMultipartUploadCommand, AbortMultipartUploadCommand];
  return new Proxy(client, {
    get(target, property, receiver) {
      if (property !== 'send') {
        return Reflect.get(target, property, receiver);
      }
      return async (command: Parameters<S3Client['send']>[0], options?: { abortSignal?: AbortSignal }) => {
        if (beforeComplete && command instanceof CompleteMultipartUploadCommand) {
          await beforeComplete();
        }
        return target.send(command, bookkeeping.some((type) => command instanceof type) ? options : { ...options, abortSignal: signal });
      };
    },
  });
}

/** Multipart settings for streamed uploads (from the extension's settings). */
export interface TransferOptions {
  partSizeBytes: number;
  queueSize: number;
  /** Server-side copies of larger sources go multipart (UploadPartCopy); at most 5 GiB, S3's single-copy limit. */
  multipartCopyThresholdBytes?: number;
}

export function clientConfig(settings: ConnectionSettings): S3ClientConfig {
  const config: S3ClientConfig = {
    region: settings.region,
    credentials: settings.credentials,
    forcePathStyle: settings.forcePathStyle,
    // Without this the SDK takes endpoint_url from the *current* profile (AWS_PROFILE/default) and
    // AWS_ENDPOINT_URL(_S3): a profile without an endpoint would talk to another profile's server.
    ignoreConfiguredEndpointUrls: true,
    profile: settings.profile,
  };
  if (settings.endpoint) {
    // S3-compatible servers (Ceph RGW, MinIO…) reject the SDK's default streaming checksums.
    config.endpoint = settings.endpoint;
    config.requestChecksumCalculation = 'WHEN_REQUIRED';
    config.responseChecksumValidation = 'WHEN_REQUIRED';
  }
  return config;
}

/**
 * Asks for every request's connection to be kept open for the next one. Node does so by default, but
 * VS Code's proxy support (`http.proxySupport`, on by default) hands each request to a fresh agent
 * that does not keep connections alive, so Node sends `Connection: close` and every request, a
 * 1,000-file upload's included, opens a new TCP (and TLS) connection. With the header set
 * explicitly, the connection goes back to the pool of the agent that opened it (the SDK's, or Node's
 * global one); through an HTTP proxy it is still closed after each request. The header is never
 * signed (SigV4 leaves `connection` out), so it changes no signature.
 */
function keepConnectionsAlive(client: S3Client): void {
  client.middlewareStack.add(
    (next) => (args) => {
      const request = args.request as { headers?: Record<string, string> };
      if (request.headers) {
        request.headers.connection = 'keep-alive';
      }
      return next(args);
    },
    { step: 'build', name: 's3BrowserKeepConnectionsAlive' },
  );
}

/**
 * `attachment` with the name a browser saves under: plain ASCII in `filename`, the exact name in
 * `filename*` (RFC 6266), so unicode names survive and quotes cannot break out of the header.
 */
export function attachmentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/**
 * The AWS SDK behind the extension's {@link S3Service}: requests in, the extension's types and
 * S3Errors out. Policy (read-only connections, key length, the write log, the If-Match form a server
 * accepts) lives in {@link GuardedS3Service}, which wraps this.
 */
export class SdkS3Service implements S3Service {
  private readonly client: S3Client;
  /**
   * Presigns without the SDK's default checksums: a presigned PUT would otherwise carry the checksum
   * of an empty body, and every upload through it would fail.
   */
  private presigningClient?: S3Client;
  private readonly multipartSlots = new Slots();

  constructor(
    private readonly settings: ConnectionSettings,
    private readonly transferOptions: () => TransferOptions = () => ({ partSizeBytes: 8 * 1024 * 1024, queueSize: 4 }),
    /** Where the multipart uploads this service starts are written down until they are done or aborted. */
    private readonly journal?: UploadJournal,
  ) {
    this.client = new S3Client(clientConfig(settings));
    keepConnectionsAlive(this.client);
  }

  private context(bucket?: string, key?: string): S3ErrorContext {
    return { connectionName: this.settings.connectionName, bucket, key, usesSso: this.settings.usesSso, endpoint: this.settings.endpoint };
  }

  async listBuckets(signal?: AbortSignal): Promise<BucketSummary[]> {
    try {
      const buckets: BucketSummary[] = [];
      for await (const page of paginateListBuckets({ client: this.client }, {})) {
        signal?.throwIfAborted();
        for (const bucket of page.Buckets ?? []) {
          if (bucket.Name) {
            buckets.push({ name: bucket.Name, creationDate: bucket.CreationDate, region: bucket.BucketRegion });
          }
        }
      }
      return buckets;
    } catch (error) {
      throw toS3Error(error, this.context());
    }
  }

  async bucketRegion(bucket: string, signal?: AbortSignal): Promise<string | undefined> {
    try {
      const head = await this.client.send(new HeadBucketCommand({ Bucket: bucket }), { abortSignal: signal });
      return head.BucketRegion || undefined;
    } catch (error) {
      // A bucket in another region answers 301 with its region in a header.
      const headers = (error as { $response?: { headers?: Record<string, string> } }).$response?.headers;
      const redirected = headers?.['x-amz-bucket-region'];
      if (redirected) {
        return redirected;
      }
      throw toS3Error(error, this.context(bucket));
    }
  }

  async listFolder({ bucket, prefix, token, pageSize, signal }: ListFolderRequest): Promise<FolderPage> {
    try {
      const page = await this.client.send(
        new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, Delimiter: '/', ContinuationToken: token, MaxKeys: pageSize }),
        { abortSignal: signal },
      );
      return {
        folders: (page.CommonPrefixes ?? []).flatMap((common) => (common.Prefix ? [{ prefix: common.Prefix }] : [])),
        files: (page.Contents ?? []).flatMap((object) =>
          object.Key === undefined
            ? []
            : [{ key: object.Key, size: object.Size ?? 0, lastModified: object.LastModified, etag: object.ETag, storageClass: object.StorageClass }],
        ),
        token: page.IsTruncated ? page.NextContinuationToken : undefined,
      };
    } catch (error) {
      throw toS3Error(error, this.context(bucket, prefix));
    }
  }

  async *listKeys(bucket: string, prefix: string, signal?: AbortSignal): AsyncIterable<ObjectSummary[]> {
    const pages = paginateListObjectsV2({ client: this.client, pageSize: 1000 }, { Bucket: bucket, Prefix: prefix })[Symbol.asyncIterator]();
    for (;;) {
      let next;
      try {
        signal?.throwIfAborted();
        next = await pages.next();
      } catch (error) {
        throw toS3Error(error, this.context(bucket, prefix));
      }
      if (next.done) {
        return;
      }
      yield (next.value.Contents ?? []).flatMap((object) =>
        object.Key === undefined ? [] : [{ key: object.Key, size: object.Size ?? 0, lastModified: object.LastModified, etag: object.ETag, storageClass: object.StorageClass }],
      );
    }
  }

  async headObject(bucket: string, key: string, versionId?: string, signal?: AbortSignal): Promise<ObjectHead> {
    try {
      return headFields(key, await this.client.send(new HeadObjectCommand({ Bucket: bucket, Key: key, VersionId: versionId }), { abortSignal: signal }));
    } catch (error) {
      throw toS3Error(error, this.context(bucket, key));
    }
  }

  async getObjectTags(bucket: string, key: string, versionId?: string, signal?: AbortSignal): Promise<Record<string, string>> {
    try {
      const result = await this.client.send(new GetObjectTaggingCommand({ Bucket: bucket, Key: key, VersionId: versionId }), { abortSignal: signal });
      return Object.fromEntries((result.TagSet ?? []).flatMap((tag) => (tag.Key === undefined ? [] : [[tag.Key, tag.Value ?? '']])));
    } catch (error) {
      throw toS3Error(error, this.context(bucket, key));
    }
  }

  async getObjectAcl(bucket: string, key: string, versionId?: string, signal?: AbortSignal): Promise<ObjectAcl | undefined> {
    try {
      const result = await this.client.send(new GetObjectAclCommand({ Bucket: bucket, Key: key, VersionId: versionId }), { abortSignal: signal });
      const grants = (result.Grants ?? []).flatMap((grant): Grant[] => {
        const permission = grant.Permission as Permission | undefined;
        const grantee = grant.Grantee;
        if (!permission || !grantee) {
          return [];
        }
        if (grantee.Type === 'Group' && grantee.URI) {
          return [{ permission, uri: grantee.URI }];
        }
        if (grantee.Type === 'AmazonCustomerByEmail' && grantee.EmailAddress) {
          return [{ permission, emailAddress: grantee.EmailAddress }];
        }
        return grantee.ID ? [{ permission, id: grantee.ID }] : [];
      });
      return { ownerId: result.Owner?.ID, grants };
    } catch (error) {
      throw toS3Error(error, this.context(bucket, key));
    }
  }

  async getObject(bucket: string, key: string, versionId?: string, signal?: AbortSignal, maxBytes?: number): Promise<ObjectContent> {
    try {
      const object = await this.client.send(new GetObjectCommand({ Bucket: bucket, Key: key, VersionId: versionId }), { abortSignal: signal });
      const size = object.ContentLength ?? 0;
      if (maxBytes !== undefined && size > maxBytes) {
        // Refused on the response headers, before the body is read.
        (object.Body as Readable | undefined)?.destroy();
        throw new S3Error('TooLarge', l10n.t('s3://{0}/{1} is {2} bytes, above the {3}-byte limit for reading it whole.', bucket, key, size.toLocaleString(), maxBytes.toLocaleString()), 'TooLarge');
      }
      return { body: object.Body ? await object.Body.transformToByteArray() : new Uint8Array(), etag: object.ETag, lastModified: object.LastModified, size };
    } catch (error) {
      throw toS3Error(error, this.context(bucket, key));
    }
  }

  async getObjectStream(bucket: string, key: string, versionId?: string, signal?: AbortSignal): Promise<ObjectStream> {
    try {
      const object = await this.client.send(new GetObjectCommand({ Bucket: bucket, Key: key, VersionId: versionId }), { abortSignal: signal });
      const body = (object.Body as Readable | undefined) ?? Readable.from([]);
      return { body, size: object.ContentLength ?? 0, etag: object.ETag, discard: () => body.destroy() };
    } catch (error) {
      throw toS3Error(error, this.context(bucket, key));
    }
  }

  async listObjectVersions(bucket: string, key: string, signal?: AbortSignal): Promise<ObjectVersion[]> {
    const versions: ObjectVersion[] = [];
    let keyMarker: string | undefined;
    let versionIdMarker: string | undefined;
    try {
      do {
        const page = await this.client.send(new ListObjectVersionsCommand({ Bucket: bucket, Prefix: key, KeyMarker: keyMarker, VersionIdMarker: versionIdMarker }), { abortSignal: signal });
        for (const version of page.Versions ?? []) {
          if (version.Key === key && version.VersionId) {
            versions.push({ versionId: version.VersionId, isLatest: version.IsLatest ?? false, lastModified: version.LastModified, size: version.Size ?? 0, isDeleteMarker: false });
          }
        }
        for (const marker of page.DeleteMarkers ?? []) {
          if (marker.Key === key && marker.VersionId) {
            versions.push({ versionId: marker.VersionId, isLatest: marker.IsLatest ?? false, lastModified: marker.LastModified, size: 0, isDeleteMarker: true });
          }
        }
        // Keys come in order and `key` is the first with its own prefix: once the listing has moved
        // past it (into `key/…` or `key2`), every version of it is in.
        const more = page.IsTruncated && page.NextKeyMarker === key;
        keyMarker = more ? page.NextKeyMarker : undefined;
        versionIdMarker = more ? page.NextVersionIdMarker : undefined;
      } while (keyMarker);
    } catch (error) {
      throw toS3Error(error, this.context(bucket, key));
    }
    return versions.sort((a, b) => (b.lastModified?.getTime() ?? 0) - (a.lastModified?.getTime() ?? 0));
  }

  async listDeletedKeys(bucket: string, prefix: string, limit: number, signal?: AbortSignal): Promise<{ keys: DeletedKey[]; more: boolean }> {
    const keys: DeletedKey[] = [];
    let keyMarker: string | undefined;
    let versionIdMarker: string | undefined;
    try {
      do {
        const page = await this.client.send(new ListObjectVersionsCommand({ Bucket: bucket, Prefix: prefix, Delimiter: '/', KeyMarker: keyMarker, VersionIdMarker: versionIdMarker }), { abortSignal: signal });
        for (const marker of page.DeleteMarkers ?? []) {
          if (marker.IsLatest && marker.Key && marker.VersionId && marker.Key !== prefix) {
            if (keys.length === limit) {
              return { keys, more: true };
            }
            keys.push({ key: marker.Key, markerVersionId: marker.VersionId, deletedAt: marker.LastModified });
          }
        }
        keyMarker = page.IsTruncated ? page.NextKeyMarker : undefined;
        versionIdMarker = page.IsTruncated ? page.NextVersionIdMarker : undefined;
      } while (keyMarker);
    } catch (error) {
      throw toS3Error(error, this.context(bucket, prefix));
    }
    return { keys, more: false };
  }

  async bucketEncryption(bucket: string, signal?: AbortSignal): Promise<BucketEncryption | undefined> {
    try {
      const result = await this.client.send(new GetBucketEncryptionCommand({ Bucket: bucket }), { abortSignal: signal });
      const rule = result.ServerSideEncryptionConfiguration?.Rules?.[0];
      const byDefault = rule?.ApplyServerSideEncryptionByDefault;
      return byDefault?.SSEAlgorithm ? { algorithm: byDefault.SSEAlgorithm, kmsKeyId: byDefault.KMSMasterKeyID, bucketKeyEnabled: rule?.BucketKeyEnabled } : undefined;
    } catch (error) {
      if ((error as { name?: string }).name === 'ServerSideEncryptionConfigurationNotFoundError') {
        return undefined;
      }
      throw toS3Error(error, this.context(bucket));
    }
  }

  setBucketEncryption(bucket: string, encryption: BucketEncryption, signal?: AbortSignal): Promise<void> {
    return this.request(this.context(bucket), async () => {
      await this.client.send(
        new PutBucketEncryptionCommand({
          Bucket: bucket,
          ServerSideEncryptionConfiguration: {
            Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: encryption.algorithm as ServerSideEncryption, KMSMasterKeyID: encryption.kmsKeyId }, BucketKeyEnabled: encryption.bucketKeyEnabled }],
          },
        }),
        { abortSignal: signal },
      );
    });
  }

  restoreObject(bucket: string, key: string, days: number, tier: RestoreTier, signal?: AbortSignal): Promise<void> {
    return this.request(this.context(bucket, key), async () => {
      await this.client.send(new RestoreObjectCommand({ Bucket: bucket, Key: key, RestoreRequest: { Days: days, GlacierJobParameters: { Tier: tier } } }), { abortSignal: signal });
    });
  }

  setBucketVersioning(bucket: string, status: 'Enabled' | 'Suspended', signal?: AbortSignal): Promise<void> {
    return this.request(this.context(bucket), async () => {
      await this.client.send(new PutBucketVersioningCommand({ Bucket: bucket, VersioningConfiguration: { Status: status } }), { abortSignal: signal });
    });
  }

  async bucketContents(bucket: string, signal?: AbortSignal): Promise<BucketContents> {
    try {
      const [objects, versions, uploads] = await Promise.all([
        this.client.send(new ListObjectsV2Command({ Bucket: bucket, MaxKeys: 1 }), { abortSignal: signal }),
        this.client.send(new ListObjectVersionsCommand({ Bucket: bucket, MaxKeys: 1 }), { abortSignal: signal }),
        this.client.send(new ListMultipartUploadsCommand({ Bucket: bucket, MaxUploads: 1 }), { abortSignal: signal }),
      ]);
      return {
        hasObjects: (objects.Contents?.length ?? 0) > 0,
        hasHistory: (versions.Versions?.length ?? 0) + (versions.DeleteMarkers?.length ?? 0) > 0,
        hasIncompleteUploads: (uploads.Uploads?.length ?? 0) > 0,
      };
    } catch (error) {
      throw toS3Error(error, this.context(bucket));
    }
  }

  async bucketInventory(bucket: string, signal?: AbortSignal): Promise<BucketInventory> {
    const inventory: BucketInventory = { objects: 0, noncurrentVersions: 0, deleteMarkers: 0, incompleteUploads: 0 };
    try {
      let keyMarker: string | undefined;
      let versionIdMarker: string | undefined;
      do {
        const page = await this.client.send(new ListObjectVersionsCommand({ Bucket: bucket, KeyMarker: keyMarker, VersionIdMarker: versionIdMarker }), { abortSignal: signal });
        for (const version of page.Versions ?? []) {
          if (version.IsLatest) {
            inventory.objects++;
          } else {
            inventory.noncurrentVersions++;
          }
        }
        inventory.deleteMarkers += page.DeleteMarkers?.length ?? 0;
        keyMarker = page.IsTruncated ? page.NextKeyMarker : undefined;
        versionIdMarker = page.IsTruncated ? page.NextVersionIdMarker : undefined;
      } while (keyMarker);
      let uploadKeyMarker: string | undefined;
      let uploadIdMarker: string | undefined;
      do {
        const page = await this.client.send(new ListMultipartUploadsCommand({ Bucket: bucket, KeyMarker: uploadKeyMarker, UploadIdMarker: uploadIdMarker }), { abortSignal: signal });
        inventory.incompleteUploads += page.Uploads?.length ?? 0;
        uploadKeyMarker = page.IsTruncated ? page.NextKeyMarker : undefined;
        uploadIdMarker = page.IsTruncated ? page.NextUploadIdMarker : undefined;
      } while (uploadKeyMarker);
      return inventory;
    } catch (error) {
      throw toS3Error(error, this.context(bucket));
    }
  }

  /** Runs a request, mapping its failure to an S3Error. */
  private async request<T>(context: S3ErrorContext, send: () => Promise<T>): Promise<T> {
    try {
      return await send();
    } catch (error) {
      throw toS3Error(error, context);
    }
  }

  createBucket(bucket: string, region: string, signal?: AbortSignal): Promise<void> {
    const configuration = region === 'us-east-1' ? undefined : { LocationConstraint: region as BucketLocationConstraint };
    return this.request(this.context(bucket), async () => {
      await this.client.send(new CreateBucketCommand({ Bucket: bucket, CreateBucketConfiguration: configuration }), { abortSignal: signal });
    });
  }

  deleteBucket(bucket: string, signal?: AbortSignal): Promise<void> {
    return this.request(this.context(bucket), async () => {
      await this.client.send(new DeleteBucketCommand({ Bucket: bucket }), { abortSignal: signal });
    });
  }

  firstVersions(bucket: string, signal?: AbortSignal): Promise<VersionedKey[]> {
    return this.request(this.context(bucket), async () => {
      const page = await this.client.send(new ListObjectVersionsCommand({ Bucket: bucket, MaxKeys: 1000 }), { abortSignal: signal });
      return [...(page.Versions ?? []), ...(page.DeleteMarkers ?? [])].flatMap((version) => (version.Key === undefined ? [] : [{ key: version.Key, versionId: version.VersionId }]));
    });
  }

  async *listIncompleteUploads(bucket: string, signal?: AbortSignal): AsyncIterable<IncompleteUpload[]> {
    let keyMarker: string | undefined;
    let uploadIdMarker: string | undefined;
    do {
      const page = await this.request(this.context(bucket), () =>
        this.client.send(new ListMultipartUploadsCommand({ Bucket: bucket, KeyMarker: keyMarker, UploadIdMarker: uploadIdMarker }), { abortSignal: signal }),
      );
      yield (page.Uploads ?? []).flatMap((upload) => (upload.Key === undefined || upload.UploadId === undefined ? [] : [{ key: upload.Key, uploadId: upload.UploadId, initiated: upload.Initiated }]));
      keyMarker = page.IsTruncated ? page.NextKeyMarker : undefined;
      uploadIdMarker = page.IsTruncated ? page.NextUploadIdMarker : undefined;
    } while (keyMarker);
  }

  async abortIncompleteUpload(bucket: string, key: string, uploadId: string, signal?: AbortSignal): Promise<void> {
    try {
      await this.request(this.context(bucket, key), async () => {
        await this.client.send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId: uploadId }), { abortSignal: signal });
      });
    } catch (error) {
      // NoSuchUpload: nothing of it is left either.
      if (error instanceof S3Error && error.kind === 'NotFound') {
        await this.journal?.forget(this.settings.connectionName, bucket, uploadId);
      }
      throw error;
    }
    await this.journal?.forget(this.settings.connectionName, bucket, uploadId);
  }

  async incompleteUploadSize(bucket: string, key: string, uploadId: string, signal?: AbortSignal): Promise<IncompleteUploadSize> {
    const size: IncompleteUploadSize = { bytes: 0, parts: 0 };
    let marker: string | undefined;
    do {
      const page = await this.request(this.context(bucket, key), () =>
        this.client.send(new ListPartsCommand({ Bucket: bucket, Key: key, UploadId: uploadId, PartNumberMarker: marker }), { abortSignal: signal }),
      );
      for (const part of page.Parts ?? []) {
        size.bytes += part.Size ?? 0;
        size.parts++;
      }
      marker = page.IsTruncated ? page.NextPartNumberMarker : undefined;
    } while (marker);
    return size;
  }

  putObject(request: PutObjectRequest): Promise<{ etag?: string }> {
    const { bucket, key, body, signal } = request;
    const params: PutObjectCommandInput = { Bucket: bucket, Key: key, ...attributeParams(request), IfNoneMatch: request.ifNoneMatch ? '*' : undefined };
    if (request.cannedAcl) {
      params.ACL = request.cannedAcl as ObjectCannedACL;
    }
    return this.request(this.context(bucket, key), async () => {
      if (!isAsyncIterable(body)) {
        return { etag: (await this.client.send(new PutObjectCommand({ ...params, Body: body, IfMatch: request.ifMatch }), { abortSignal: signal })).ETag };
      }
      // A stream: multipart above the part size, aborted (no orphaned parts) before this settles when it fails or is cancelled.
      const { partSizeBytes, queueSize } = this.transferOptions();
      // An explicit partSize turns off lib-storage's own sizing, so a large file gets larger parts here.
      const partSize = partSizeFor(partSizeBytes, request.size);
      const multipart = request.size === undefined || request.size > partSize;
      // Each multipart upload holds up to `queueSize` parts in memory: many files in flight must not
      // multiply that without bound, so only as many as fit the budget run at once.
      const leave = multipart ? await this.multipartSlots.enter(Math.floor(MULTIPART_MEMORY_BUDGET_BYTES / (partSize * queueSize)), signal) : () => undefined;
      try {
        // If-Match goes on the single PutObject and on CompleteMultipartUpload (lib-storage sends its
        // params with both); a server that ignores it on Complete is checked right before it.
        const upload = new Upload({
          client: uploadClient(this.client, signal, request.ifMatch ? () => this.assertUnchanged(bucket, key, request.ifMatch!) : undefined),
          params: { ...params, IfMatch: request.ifMatch, Body: Readable.from(body), ContentLength: request.size },
          partSize,
          queueSize,
          leavePartsOnError: false,
        });
        const journalId = multipart ? await this.journal?.begin(this.settings.connectionName, bucket, key) : undefined;
        if (journalId) {
          // Known after the first part, so an editor killed mid-upload leaves the exact id behind.
          upload.on('httpUploadProgress', () => void (upload.uploadId && this.journal?.setUploadId(journalId, upload.uploadId)));
        }
        try {
          signal?.throwIfAborted();
          const result = await upload.done();
          if (journalId) {
            await this.journal?.finish(journalId);
          }
          return { etag: result.ETag || undefined };
        } catch (error) {
          throw await this.abortFailedUpload(upload.uploadId, journalId, toS3Error(error, this.context(bucket, key)), bucket, key);
        }
      } finally {
        // Whatever failed, even before the upload started (the journal), the slot is freed.
        leave();
      }
    });
  }

  /** Fails as PreconditionFailed unless the object still has the ETag a conditional write expects. */
  private async assertUnchanged(bucket: string, key: string, ifMatch: string): Promise<void> {
    const head = await this.client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    if (bareEtag(head.ETag) !== bareEtag(ifMatch)) {
      throw new S3Error('PreconditionFailed', l10n.t('s3://{0}/{1} was changed by someone else while it was being uploaded; the upload was not completed.', bucket, key), '412');
    }
  }

  /**
   * After a failed or cancelled multipart upload, makes sure no parts stay behind: lib-storage aborts on
   * its own, but a failed CompleteMultipartUpload skips it. An abort
   * that fails (the server is down) leaves the upload in the journal, and the error says what to do.
   */
  private async abortFailedUpload(uploadId: string | undefined, journalId: string | undefined, failure: S3Error, bucket: string, key: string): Promise<S3Error> {
    let leftover = false;
    if (uploadId) {
      try {
        await this.client.send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId: uploadId }), { abortSignal: AbortSignal.timeout(60_000) });
      } catch (error) {
        const abortFailure = toS3Error(error, this.context(bucket, key));
        // NoSuchUpload: lib-storage's own abort got there first.
        if (abortFailure.kind !== 'NotFound') {
          leftover = true;
          failure = new S3Error(
            failure.kind,
            l10n.t('{0} The incomplete upload could not be aborted ({1}), so its parts stay stored on the server: run "Clean Up Incomplete Uploads…" on bucket "{2}" once it answers again.', failure.message, abortFailure.code ?? abortFailure.kind, bucket),
            failure.code,
            failure.connectionName,
          );
        }
      }
    } else {
      // No upload was created, unless the server died before its answer arrived: the leftover check
      // asks the server later.
      leftover = failure.kind === 'Unreachable';
    }
    if (journalId) {
      if (leftover) {
        if (uploadId) {
          await this.journal?.setUploadId(journalId, uploadId);
        }
        this.journal?.stopped(journalId);
      } else {
        await this.journal?.finish(journalId);
      }
    }
    return failure;
  }

  copyObject(request: CopyObjectRequest): Promise<{ etag?: string; inParts: boolean }> {
    const { source, target, attributes, signal } = request;
    const from = source.versionId ? `${copySource(source.bucket, source.key)}?versionId=${encodeURIComponent(source.versionId)}` : copySource(source.bucket, source.key);
    const threshold = Math.min(MAX_SINGLE_COPY_BYTES, this.transferOptions().multipartCopyThresholdBytes ?? MAX_SINGLE_COPY_BYTES);
    return this.request(this.context(target.bucket, target.key), async () => {
      if (source.size > threshold) {
        return this.multipartCopy(request, from);
      }
      // With attributes everything is sent explicitly (REPLACE), so the copy has them whatever the
      // server's defaults; without, one request and the server copies metadata and tags (COPY).
      const result = await this.client.send(
        new CopyObjectCommand({
          Bucket: target.bucket,
          Key: target.key,
          CopySource: from,
          ...(attributes
            ? { MetadataDirective: 'REPLACE', TaggingDirective: 'REPLACE', ...attributeParams(attributes) }
            : { MetadataDirective: 'COPY', TaggingDirective: 'COPY', StorageClass: request.storageClass && request.storageClass !== 'STANDARD' ? (request.storageClass as StorageClass) : undefined }),
          CopySourceIfMatch: source.etag,
        }),
        { abortSignal: signal },
      );
      return { etag: result.CopyObjectResult?.ETag, inParts: false };
    });
  }

  /**
   * A copy above the single-request limit: CreateMultipartUpload with every attribute (a multipart
   * copy takes none from its source), UploadPartCopy of byte ranges, `queueSize` at a time, each
   * conditional on the source's ETag, then Complete. Written down in the upload journal like a
   * streamed upload: a failure or cancel stops taking parts, waits for those in flight and aborts the
   * upload, so no parts are left to pay for and no partial object appears; an abort that fails keeps
   * the journal entry (offered for clean-up) and the error says to run Clean Up Incomplete Uploads.
   */
  private async multipartCopy({ source, target, attributes, sourceService, signal }: CopyObjectRequest, from: string): Promise<{ etag?: string; inParts: boolean }> {
    const { partSizeBytes, queueSize } = this.transferOptions();
    const partSize = partSizeFor(partSizeBytes, source.size);
    const params = attributeParams(attributes ?? (await this.copiedAttributes(sourceService ?? this, source, signal)));
    const journalId = await this.journal?.begin(this.settings.connectionName, target.bucket, target.key);
    let uploadId: string | undefined;
    try {
      // Not with `signal`, as for a streamed upload: an upload the server created is always known (and aborted).
      uploadId = (await this.client.send(new CreateMultipartUploadCommand({ Bucket: target.bucket, Key: target.key, ...params }))).UploadId;
      if (!uploadId) {
        throw new S3Error('Other', l10n.t('The server started no multipart upload for s3://{0}/{1}.', target.bucket, target.key));
      }
      if (journalId) {
        await this.journal?.setUploadId(journalId, uploadId);
      }
      const count = Math.max(1, Math.ceil(source.size / partSize));
      const parts: CompletedPart[] = [];
      let next = 0;
      let failed = false;
      const copyParts = async () => {
        while (next < count && !failed) {
          signal?.throwIfAborted();
          const index = next++;
          const start = index * partSize;
          const end = Math.min(source.size, start + partSize) - 1;
          const result = await this.client.send(
            new UploadPartCopyCommand({
              Bucket: target.bucket,
              Key: target.key,
              UploadId: uploadId,
              PartNumber: index + 1,
              CopySource: from,
              CopySourceRange: `bytes=${start}-${end}`,
              CopySourceIfMatch: source.etag,
            }),
            { abortSignal: signal },
          );
          parts[index] = { PartNumber: index + 1, ETag: result.CopyPartResult?.ETag };
        }
      };
      // Every worker settles before the first failure is thrown: a part still in flight could
      // otherwise be stored after the abort.
      const outcomes = await Promise.allSettled(
        Array.from({ length: Math.min(Math.max(1, queueSize), count) }, () =>
          copyParts().catch((error: unknown) => {
            failed = true;
            throw error;
          }),
        ),
      );
      const failure = outcomes.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
      if (failure) {
        throw failure.reason;
      }
      const completed = await this.client.send(
        new CompleteMultipartUploadCommand({ Bucket: target.bucket, Key: target.key, UploadId: uploadId, MultipartUpload: { Parts: parts } }),
        { abortSignal: signal },
      );
      if (journalId) {
        await this.journal?.finish(journalId);
      }
      return { etag: completed.ETag, inParts: true };
    } catch (error) {
      // Aborted without `signal`: after a cancel the abort must still reach the server.
      throw await this.abortFailedUpload(uploadId, journalId, toS3Error(error, this.context(target.bucket, target.key)), target.bucket, target.key);
    }
  }

  /**
   * What a single CopyObject with COPY directives carries over, read for a multipart copy (which takes
   * nothing from its source): metadata, content headers, storage class and tags — not ACL or encryption.
   * Read through `reader`, the source bucket's own service where the caller gave it: the source may be
   * in another region than the target, whose client signs for the target's region.
   */
  private async copiedAttributes(reader: NonNullable<CopyObjectRequest['sourceService']>, source: CopyObjectRequest['source'], signal?: AbortSignal): Promise<ObjectAttributes> {
    const [head, tags] = await Promise.all([reader.headObject(source.bucket, source.key, source.versionId, signal), reader.getObjectTags(source.bucket, source.key, source.versionId, signal)]);
    const { contentType, cacheControl, contentDisposition, contentEncoding, contentLanguage, metadata, storageClass, expires, websiteRedirectLocation } = head;
    return { contentType, cacheControl, contentDisposition, contentEncoding, contentLanguage, metadata, storageClass, expires, websiteRedirectLocation, tags };
  }

  async deleteObjects(bucket: string, keys: VersionedKey[], signal?: AbortSignal): Promise<void> {
    for (let start = 0; start < keys.length; start += 1000) {
      const batch = keys.slice(start, start + 1000).map(({ key, versionId }) => ({ Key: key, VersionId: versionId }));
      await this.request(this.context(bucket), () => this.deleteBatch(bucket, batch, signal));
    }
  }

  /** One DeleteObjects request; S3 answers 200 even when keys fail, so the per-key errors are checked. */
  private async deleteBatch(bucket: string, objects: Array<{ Key: string; VersionId?: string }>, signal?: AbortSignal): Promise<void> {
    const result = await this.client.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: objects, Quiet: true } }), { abortSignal: signal });
    const failures = result.Errors ?? [];
    if (failures.length > 0) {
      const first = failures[0];
      throw new S3Error(
        first.Code === 'AccessDenied' ? 'AccessDenied' : 'Other',
        l10n.t('{0} of {1} deletions in bucket "{2}" failed, e.g. "{3}": {4} {5}', failures.length, objects.length, bucket, String(first.Key), String(first.Code), first.Message ?? '').trim(),
        first.Code,
      );
    }
  }

  deleteObjectsReporting(bucket: string, keys: string[], signal?: AbortSignal): Promise<DeleteReport> {
    return this.request(this.context(bucket), async () => {
      const failed: DeleteReport['failed'] = [];
      for (let start = 0; start < keys.length; start += 1000) {
        const objects = keys.slice(start, start + 1000).map((key) => ({ Key: key }));
        const result = await this.client.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: objects, Quiet: true } }), { abortSignal: signal });
        for (const error of result.Errors ?? []) {
          failed.push({ key: error.Key ?? '', code: error.Code ?? 'Unknown', message: error.Message ?? '' });
        }
      }
      return { failed };
    });
  }

  putObjectTags(bucket: string, key: string, tags: Record<string, string>, signal?: AbortSignal): Promise<void> {
    return this.request(this.context(bucket, key), async () => {
      const TagSet = Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
      await this.client.send(new PutObjectTaggingCommand({ Bucket: bucket, Key: key, Tagging: { TagSet } }), { abortSignal: signal });
    });
  }

  putObjectAcl(bucket: string, key: string, acl: CannedAcl, signal?: AbortSignal): Promise<void> {
    return this.request(this.context(bucket, key), async () => {
      await this.client.send(new PutObjectAclCommand({ Bucket: bucket, Key: key, ACL: acl }), { abortSignal: signal });
    });
  }

  presignedUrl(request: PresignRequest): Promise<string> {
    const { bucket, key } = request;
    this.presigningClient ??= new S3Client({ ...clientConfig(this.settings), requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED' });
    const command =
      request.method === 'GET'
        ? new GetObjectCommand({ Bucket: bucket, Key: key, VersionId: request.versionId, ResponseContentDisposition: request.downloadAs ? attachmentDisposition(request.downloadAs) : undefined })
        : new PutObjectCommand({ Bucket: bucket, Key: key, ContentType: request.contentType });
    // A Content-Type is signed, so the uploader must send exactly it and the object gets it.
    const signableHeaders = request.method === 'PUT' && request.contentType ? new Set(['content-type']) : undefined;
    return this.request(this.context(bucket, key), () => getSignedUrl(this.presigningClient!, command, { expiresIn: request.expiresInSeconds, signableHeaders }));
  }

  signingCredentials(): Promise<SigningCredentials> {
    return this.request(this.context(), async () => {
      const { expiration, sessionToken } = await this.settings.credentials();
      return { expiration, temporary: Boolean(sessionToken) };
    });
  }

  bucketVersioning(bucket: string, signal?: AbortSignal): Promise<'Enabled' | 'Suspended' | undefined> {
    return this.request(this.context(bucket), async () => {
      const result = await this.client.send(new GetBucketVersioningCommand({ Bucket: bucket }), { abortSignal: signal });
      return result.Status === 'Enabled' || result.Status === 'Suspended' ? result.Status : undefined;
    });
  }

  dispose(): void {
    this.presigningClient?.destroy();
    this.client.destroy();
  }
}
