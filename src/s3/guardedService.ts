import { assertKeyLength, readOnlyError, S3Error, type S3ErrorContext } from './errors';
import { bareEtag } from './etag';
import type { S3Service } from './service';
import type {
  BucketContents,
  BucketEncryption,
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

/** Receives one line per write request; never given a secret. */
export type RequestLog = (line: string) => void;

export interface GuardOptions {
  connectionName: string;
  /**
   * Every write is refused (setting `s3Browser.readOnlyConnections`). A function is asked at each
   * write, so a connection made read-only while a command waits for its confirmation or runs a
   * batch refuses what it has not sent yet.
   */
  readOnly: boolean | (() => boolean);
  log: RequestLog;
}

/** The body of a write to send again: bytes as they are, a stream only when it can be reopened. */
function bodyAgain(request: PutObjectRequest): PutObjectRequest['body'] | undefined {
  return request.body instanceof Uint8Array ? request.body : request.reopenBody?.();
}

/**
 * The extension's rules around any {@link S3Service}: writes are refused on read-only connections and
 * for keys over 1024 bytes before any request, every write is logged, features a server lacks
 * (tagging, ACLs) read as "none", and If-Match is sent in the form the server accepts.
 */
export class GuardedS3Service implements S3Service {
  /** Learned per service (one endpoint): it matches If-Match only against the unquoted ETag (Ceph RGW). */
  private unquotedIfMatch = false;

  constructor(
    private readonly inner: S3Service,
    private readonly options: GuardOptions,
  ) {}

  /** Whether the connection is read-only now, as this write is about to be sent. */
  private isReadOnly(): boolean {
    const { readOnly } = this.options;
    return typeof readOnly === 'function' ? readOnly() : readOnly;
  }

  /** Runs a write: refused on a read-only connection, logged (never a secret) either way. */
  private async write<T>(description: string, context: Omit<S3ErrorContext, 'connectionName'>, request: () => Promise<T>): Promise<T> {
    const { connectionName, log } = this.options;
    if (this.isReadOnly()) {
      throw readOnlyError({ ...context, connectionName });
    }
    try {
      const result = await request();
      log(`${description} (${connectionName}): ok`);
      return result;
    } catch (error) {
      log(`${description} (${connectionName}): failed, ${error instanceof S3Error ? (error.code ?? error.kind) : String(error)}`);
      throw error;
    }
  }

  listBuckets(signal?: AbortSignal): Promise<BucketSummary[]> {
    return this.inner.listBuckets(signal);
  }

  bucketRegion(bucket: string, signal?: AbortSignal): Promise<string | undefined> {
    return this.inner.bucketRegion(bucket, signal);
  }

  listFolder(request: ListFolderRequest): Promise<FolderPage> {
    return this.inner.listFolder(request);
  }

  listKeys(bucket: string, prefix: string, signal?: AbortSignal, startAfter?: string): AsyncIterable<ObjectSummary[]> {
    return this.inner.listKeys(bucket, prefix, signal, startAfter);
  }

  headObject(bucket: string, key: string, versionId?: string, signal?: AbortSignal): Promise<ObjectHead> {
    return this.inner.headObject(bucket, key, versionId, signal);
  }

  async getObjectTags(bucket: string, key: string, versionId?: string, signal?: AbortSignal): Promise<Record<string, string>> {
    try {
      return await this.inner.getObjectTags(bucket, key, versionId, signal);
    } catch (error) {
      // Servers without object tagging (Cloudflare R2 answers 501 NotImplemented) have no tags to lose.
      if (error instanceof S3Error && error.kind === 'NotImplemented') {
        this.options.log(`GET TAGGING s3://${bucket}/${key} (${this.options.connectionName}): not implemented by the server, treated as no tags`);
        return {};
      }
      throw error;
    }
  }

  async getObjectAcl(bucket: string, key: string, versionId?: string, signal?: AbortSignal): Promise<ObjectAcl | undefined> {
    try {
      return await this.inner.getObjectAcl(bucket, key, versionId, signal);
    } catch (error) {
      // ACLs disabled (Object Ownership BucketOwnerEnforced) or not implemented: nothing to carry over.
      if (error instanceof S3Error && (error.kind === 'NotImplemented' || error.code === 'AccessControlListNotSupported')) {
        return undefined;
      }
      throw error;
    }
  }

  getObject(bucket: string, key: string, versionId?: string, signal?: AbortSignal, maxBytes?: number): Promise<ObjectContent> {
    return this.inner.getObject(bucket, key, versionId, signal, maxBytes);
  }

  getObjectStream(bucket: string, key: string, versionId?: string, signal?: AbortSignal, range?: ObjectRange): Promise<ObjectStream> {
    return this.inner.getObjectStream(bucket, key, versionId, signal, range);
  }

  listObjectVersions(bucket: string, key: string, signal?: AbortSignal): Promise<ObjectVersion[]> {
    return this.inner.listObjectVersions(bucket, key, signal);
  }

  listDeletedKeys(bucket: string, prefix: string, limit: number, signal?: AbortSignal): Promise<{ keys: DeletedKey[]; more: boolean }> {
    return this.inner.listDeletedKeys(bucket, prefix, limit, signal);
  }

  bucketEncryption(bucket: string, signal?: AbortSignal): Promise<BucketEncryption | undefined> {
    return this.inner.bucketEncryption(bucket, signal);
  }

  setBucketEncryption(bucket: string, encryption: BucketEncryption, signal?: AbortSignal): Promise<void> {
    return this.write(`PUT ENCRYPTION ${encryption.algorithm} ${bucket}`, { bucket }, () => this.inner.setBucketEncryption(bucket, encryption, signal));
  }

  restoreObject(bucket: string, key: string, days: number, tier: RestoreTier, signal?: AbortSignal): Promise<void> {
    return this.write(`RESTORE s3://${bucket}/${key} for ${days} day(s), ${tier}`, { bucket, key }, () => this.inner.restoreObject(bucket, key, days, tier, signal));
  }

  setBucketVersioning(bucket: string, status: 'Enabled' | 'Suspended', signal?: AbortSignal): Promise<void> {
    return this.write(`PUT VERSIONING ${status} ${bucket}`, { bucket }, () => this.inner.setBucketVersioning(bucket, status, signal));
  }

  bucketContents(bucket: string, signal?: AbortSignal): Promise<BucketContents> {
    return this.inner.bucketContents(bucket, signal);
  }

  versionTotals(bucket: string, prefix: string, signal?: AbortSignal): Promise<VersionTotals> {
    return this.inner.versionTotals(bucket, prefix, signal);
  }

  bucketInventory(bucket: string, signal?: AbortSignal): Promise<BucketInventory> {
    return this.inner.bucketInventory(bucket, signal);
  }

  firstVersions(bucket: string, signal?: AbortSignal): Promise<VersionedKey[]> {
    return this.inner.firstVersions(bucket, signal);
  }

  listIncompleteUploads(bucket: string, signal?: AbortSignal): AsyncIterable<IncompleteUpload[]> {
    return this.inner.listIncompleteUploads(bucket, signal);
  }

  createBucket(bucket: string, region: string, signal?: AbortSignal): Promise<void> {
    return this.write(`CREATE BUCKET ${bucket} in ${region}`, { bucket }, () => this.inner.createBucket(bucket, region, signal));
  }

  deleteBucket(bucket: string, signal?: AbortSignal): Promise<void> {
    return this.write(`DELETE BUCKET ${bucket}`, { bucket }, () => this.inner.deleteBucket(bucket, signal));
  }

  abortIncompleteUpload(bucket: string, key: string, uploadId: string, signal?: AbortSignal): Promise<void> {
    return this.write(`ABORT MULTIPART UPLOAD s3://${bucket}/${key}`, { bucket, key }, () => this.inner.abortIncompleteUpload(bucket, key, uploadId, signal));
  }

  incompleteUploadSize(bucket: string, key: string, uploadId: string, signal?: AbortSignal): Promise<IncompleteUploadSize> {
    return this.inner.incompleteUploadSize(bucket, key, uploadId, signal);
  }

  deleteObjects(bucket: string, keys: VersionedKey[], signal?: AbortSignal): Promise<void> {
    return this.write(`DELETE ${keys.length} object(s) in ${bucket}`, { bucket }, () => this.inner.deleteObjects(bucket, keys, signal));
  }

  deleteObjectsReporting(bucket: string, keys: string[], signal?: AbortSignal): Promise<DeleteReport> {
    return this.write(`DELETE ${keys.length} object(s) in ${bucket}`, { bucket }, async () => {
      const report = await this.inner.deleteObjectsReporting(bucket, keys, signal);
      for (const failure of report.failed) {
        this.options.log(`DELETE s3://${bucket}/${failure.key} (${this.options.connectionName}): failed, ${failure.code}`);
      }
      return report;
    });
  }

  putObjectTags(bucket: string, key: string, tags: Record<string, string>, signal?: AbortSignal): Promise<void> {
    return this.write(`PUT TAGGING s3://${bucket}/${key}`, { bucket, key }, () => this.inner.putObjectTags(bucket, key, tags, signal));
  }

  putObjectAcl(bucket: string, key: string, acl: CannedAcl, signal?: AbortSignal): Promise<void> {
    return this.write(`PUT ACL ${acl} s3://${bucket}/${key}`, { bucket, key }, () => this.inner.putObjectAcl(bucket, key, acl, signal));
  }

  /** A presigned PUT lets its holder write, so a read-only connection refuses it; the URL itself (a bearer credential) is never logged. */
  async presignedUrl(request: PresignRequest): Promise<string> {
    const { connectionName, log } = this.options;
    const description = `PRESIGN ${request.method} s3://${request.bucket}/${request.key} for ${request.expiresInSeconds} s (${connectionName})`;
    if (request.method === 'PUT' && this.isReadOnly()) {
      throw readOnlyError({ connectionName, bucket: request.bucket, key: request.key });
    }
    const url = await this.inner.presignedUrl(request);
    log(`${description}: made`);
    return url;
  }

  signingCredentials(): Promise<SigningCredentials> {
    return this.inner.signingCredentials();
  }

  bucketVersioning(bucket: string, signal?: AbortSignal): Promise<'Enabled' | 'Suspended' | undefined> {
    return this.inner.bucketVersioning(bucket, signal);
  }

  copyObject(request: CopyObjectRequest): Promise<{ etag?: string; inParts: boolean }> {
    const { source, target } = request;
    return this.write(`COPY s3://${source.bucket}/${source.key} to s3://${target.bucket}/${target.key}`, target, async () => {
      assertKeyLength(target.key);
      return this.inner.copyObject(request);
    });
  }

  putObject(request: PutObjectRequest): Promise<{ etag?: string }> {
    const { bucket, key, body } = request;
    const size = body instanceof Uint8Array ? `${body.byteLength} bytes` : `${request.size ?? '?'} bytes (streamed)`;
    return this.write(`PUT s3://${bucket}/${key} ${size}`, { bucket, key }, async () => {
      assertKeyLength(key);
      const expected = bareEtag(request.ifMatch);
      if (expected === undefined) {
        return this.inner.putObject(request);
      }
      try {
        return await this.inner.putObject({ ...request, ifMatch: this.unquotedIfMatch ? expected : `"${expected}"` });
      } catch (error) {
        if (this.unquotedIfMatch) {
          return this.putWithoutIfMatch(request, expected, error);
        }
        if (!(error instanceof S3Error) || error.kind !== 'PreconditionFailed') {
          throw error;
        }
        // Some servers (Ceph RGW) compare If-Match without quotes and refuse the quoted form even when
        // it matches: confirm with a HEAD, and only if the object is unchanged retry with the bare ETag,
        // remembering the server's form so later saves need one request.
        const current = await this.inner.headObject(bucket, key, undefined, request.signal);
        const body = bodyAgain(request);
        if (bareEtag(current.etag) !== expected || !body) {
          throw error;
        }
        try {
          const result = await this.inner.putObject({ ...request, body, ifMatch: expected });
          this.unquotedIfMatch = true;
          return result;
        } catch (bareError) {
          return this.putWithoutIfMatch(request, expected, bareError);
        }
      }
    });
  }

  /**
   * Ceph RGW answers 412 to If-Match in any form on a versioned bucket, even for the current ETag.
   * There, an object a fresh HEAD shows unchanged is written without the header: the race left is
   * the moment between HEAD and PUT, and what it could replace stays in the bucket's history.
   * Anywhere else the refusal stands.
   */
  private async putWithoutIfMatch(request: PutObjectRequest, expected: string, refusal: unknown): Promise<{ etag?: string }> {
    if (!(refusal instanceof S3Error) || refusal.kind !== 'PreconditionFailed') {
      throw refusal;
    }
    const current = await this.inner.headObject(request.bucket, request.key, undefined, request.signal);
    const versioned = current.versionId !== undefined && current.versionId !== 'null';
    const body = bodyAgain(request);
    if (!versioned || bareEtag(current.etag) !== expected || !body) {
      throw refusal;
    }
    this.options.log(`PUT s3://${request.bucket}/${request.key} (${this.options.connectionName}): the server refuses If-Match on this versioned bucket; unchanged by a HEAD check, written without it (the replaced version is kept)`);
    return this.inner.putObject({ ...request, body, ifMatch: undefined });
  }

  dispose(): void {
    this.inner.dispose();
  }
}
