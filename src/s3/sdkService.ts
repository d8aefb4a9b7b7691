import {
  AbortMultipartUploadCommand,
  CopyObjectCommand,
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  GetObjectTaggingCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListBucketsCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  ListObjectVersionsCommand,
  PutObjectCommand,
  S3Client,
  type BucketLocationConstraint,
  type HeadObjectCommandOutput,
  type S3ClientConfig,
  type ServerSideEncryption,
  type StorageClass,
} from '@aws-sdk/client-s3';
import { readOnlyError, S3Error, toS3Error, type S3ErrorContext } from './errors';
import type { S3Service } from './service';
import type {
  BucketSummary,
  ConnectionSettings,
  EmptyBucketProgress,
  FolderPage,
  ListFolderRequest,
  ObjectContent,
  ObjectHead,
  ObjectSummary,
  ObjectVersion,
  PutObjectRequest,
} from './types';

const MAX_KEY_BYTES = 1024;
const MAX_SINGLE_COPY_BYTES = 5 * 1024 ** 3;

/** ETags compare without their quotes (servers differ in whether they send them). */
export function bareEtag(etag: string | undefined): string | undefined {
  return etag?.replace(/^W\//, '').replace(/^"|"$/g, '');
}

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
    contentType: head.ContentType,
    cacheControl: head.CacheControl,
    contentDisposition: head.ContentDisposition,
    contentEncoding: head.ContentEncoding,
    contentLanguage: head.ContentLanguage,
    metadata: head.Metadata,
    storageClass: head.StorageClass,
    serverSideEncryption: head.ServerSideEncryption,
    kmsKeyId: head.SSEKMSKeyId,
  };
}

/** Receives one line per write request; never given a secret. */
export type RequestLog = (line: string) => void;

export function clientConfig(settings: ConnectionSettings): S3ClientConfig {
  const config: S3ClientConfig = {
    region: settings.region,
    credentials: settings.credentials,
    forcePathStyle: settings.forcePathStyle,
  };
  if (settings.endpoint) {
    // S3-compatible servers (Ceph RGW, MinIO…) reject the SDK's default streaming checksums.
    config.endpoint = settings.endpoint;
    config.requestChecksumCalculation = 'WHEN_REQUIRED';
    config.responseChecksumValidation = 'WHEN_REQUIRED';
  }
  return config;
}

export class SdkS3Service implements S3Service {
  private readonly client: S3Client;
  /** Learned per endpoint: it matches If-Match only against the unquoted ETag. */
  private unquotedIfMatch = false;

  constructor(
    private readonly settings: ConnectionSettings,
    private readonly log: RequestLog,
  ) {
    this.client = new S3Client(clientConfig(settings));
  }

  private context(bucket?: string, key?: string): S3ErrorContext {
    return { connection: this.settings.id, bucket, key };
  }

  async listBuckets(signal?: AbortSignal): Promise<BucketSummary[]> {
    try {
      const buckets: BucketSummary[] = [];
      let token: string | undefined;
      do {
        const page = await this.client.send(new ListBucketsCommand({ ContinuationToken: token }), { abortSignal: signal });
        for (const bucket of page.Buckets ?? []) {
          if (bucket.Name) {
            buckets.push({ name: bucket.Name, creationDate: bucket.CreationDate, region: bucket.BucketRegion });
          }
        }
        token = page.ContinuationToken;
      } while (token);
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

  private assertWritable(bucket: string, key?: string): void {
    if (this.settings.readOnly) {
      throw readOnlyError(this.context(bucket, key));
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
    let token: string | undefined;
    do {
      let page;
      try {
        page = await this.client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }), { abortSignal: signal });
      } catch (error) {
        throw toS3Error(error, this.context(bucket, prefix));
      }
      yield (page.Contents ?? []).flatMap((object) => (object.Key === undefined ? [] : [{ key: object.Key, size: object.Size ?? 0, lastModified: object.LastModified, etag: object.ETag }]));
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  async headObject(bucket: string, key: string, versionId?: string, signal?: AbortSignal): Promise<ObjectHead> {
    try {
      return headFields(key, await this.client.send(new HeadObjectCommand({ Bucket: bucket, Key: key, VersionId: versionId }), { abortSignal: signal }));
    } catch (error) {
      throw toS3Error(error, this.context(bucket, key));
    }
  }

  async getObjectTags(bucket: string, key: string, signal?: AbortSignal): Promise<Record<string, string>> {
    try {
      const result = await this.client.send(new GetObjectTaggingCommand({ Bucket: bucket, Key: key }), { abortSignal: signal });
      return Object.fromEntries((result.TagSet ?? []).flatMap((tag) => (tag.Key === undefined ? [] : [[tag.Key, tag.Value ?? '']])));
    } catch (error) {
      throw toS3Error(error, this.context(bucket, key));
    }
  }

  async getObject(bucket: string, key: string, versionId?: string, signal?: AbortSignal): Promise<ObjectContent> {
    try {
      const object = await this.client.send(new GetObjectCommand({ Bucket: bucket, Key: key, VersionId: versionId }), { abortSignal: signal });
      return { body: object.Body ? await object.Body.transformToByteArray() : new Uint8Array(), etag: object.ETag, lastModified: object.LastModified };
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
        keyMarker = page.IsTruncated ? page.NextKeyMarker : undefined;
        versionIdMarker = page.IsTruncated ? page.NextVersionIdMarker : undefined;
      } while (keyMarker);
    } catch (error) {
      throw toS3Error(error, this.context(bucket, key));
    }
    return versions.sort((a, b) => (b.lastModified?.getTime() ?? 0) - (a.lastModified?.getTime() ?? 0));
  }

  /** Runs a write request, logging it (never a secret) and mapping its failure. */
  private async write<T>(description: string, context: S3ErrorContext, request: () => Promise<T>): Promise<T> {
    this.assertWritable(context.bucket ?? '', context.key);
    try {
      const result = await request();
      this.log(`${description} (${this.settings.id}): ok`);
      return result;
    } catch (error) {
      const mapped = toS3Error(error, context);
      this.log(`${description} (${this.settings.id}): failed, ${mapped.code ?? mapped.kind}`);
      throw mapped;
    }
  }

  createBucket(bucket: string, region: string, signal?: AbortSignal): Promise<void> {
    const configuration = region === 'us-east-1' ? undefined : { LocationConstraint: region as BucketLocationConstraint };
    return this.write(`CREATE BUCKET ${bucket} in ${region}`, this.context(bucket), async () => {
      await this.client.send(new CreateBucketCommand({ Bucket: bucket, CreateBucketConfiguration: configuration }), { abortSignal: signal });
    });
  }

  deleteBucket(bucket: string, signal?: AbortSignal): Promise<void> {
    return this.write(`DELETE BUCKET ${bucket}`, this.context(bucket), async () => {
      await this.client.send(new DeleteBucketCommand({ Bucket: bucket }), { abortSignal: signal });
    });
  }

  async emptyBucket(bucket: string, onProgress: (progress: EmptyBucketProgress) => void, signal?: AbortSignal): Promise<EmptyBucketProgress> {
    const progress: EmptyBucketProgress = { deleted: 0, abortedUploads: 0 };
    const context = this.context(bucket);
    this.assertWritable(bucket);
    try {
      // Deleting while listing is safe: each request starts over from the first remaining version.
      for (;;) {
        const page = await this.client.send(new ListObjectVersionsCommand({ Bucket: bucket, MaxKeys: 1000 }), { abortSignal: signal });
        const versions = [...(page.Versions ?? []), ...(page.DeleteMarkers ?? [])].flatMap((version) =>
          version.Key === undefined ? [] : [{ Key: version.Key, VersionId: version.VersionId }],
        );
        if (versions.length === 0) {
          break;
        }
        await this.deleteBatch(bucket, versions, signal);
        progress.deleted += versions.length;
        this.log(`DELETE ${versions.length} object versions in ${bucket} (${this.settings.id}): ok`);
        onProgress({ ...progress });
      }
      let keyMarker: string | undefined;
      let uploadIdMarker: string | undefined;
      do {
        const page = await this.client.send(new ListMultipartUploadsCommand({ Bucket: bucket, KeyMarker: keyMarker, UploadIdMarker: uploadIdMarker }), { abortSignal: signal });
        for (const upload of page.Uploads ?? []) {
          await this.client.send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: upload.Key, UploadId: upload.UploadId }), { abortSignal: signal });
          progress.abortedUploads++;
          this.log(`ABORT MULTIPART UPLOAD s3://${bucket}/${upload.Key} (${this.settings.id}): ok`);
          onProgress({ ...progress });
        }
        keyMarker = page.IsTruncated ? page.NextKeyMarker : undefined;
        uploadIdMarker = page.IsTruncated ? page.NextUploadIdMarker : undefined;
      } while (keyMarker);
      return progress;
    } catch (error) {
      throw toS3Error(error, context);
    }
  }

  async putObject(request: PutObjectRequest): Promise<{ etag?: string }> {
    const { bucket, key, body, signal } = request;
    const keyBytes = Buffer.byteLength(key, 'utf8');
    if (keyBytes > MAX_KEY_BYTES) {
      throw new S3Error('Other', `The key is ${keyBytes} bytes of UTF-8; S3 keys are at most ${MAX_KEY_BYTES}. Nothing was written.`, 'KeyTooLongError');
    }
    const send = (ifMatch: string | undefined) =>
      this.client.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: key,
          Body: body,
          ContentType: request.contentType,
          CacheControl: request.cacheControl,
          ContentDisposition: request.contentDisposition,
          ContentEncoding: request.contentEncoding,
          ContentLanguage: request.contentLanguage,
          Metadata: request.metadata,
          StorageClass: request.storageClass as StorageClass | undefined,
          ServerSideEncryption: request.serverSideEncryption as ServerSideEncryption | undefined,
          SSEKMSKeyId: request.serverSideEncryption?.startsWith('aws:kms') ? request.kmsKeyId : undefined,
          // Percent-encoding, not URLSearchParams' "+" for spaces, which some servers keep literally.
          Tagging: request.tags && Object.keys(request.tags).length > 0 ? Object.entries(request.tags).map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`).join('&') : undefined,
          IfMatch: ifMatch,
          IfNoneMatch: request.ifNoneMatch ? '*' : undefined,
        }),
        { abortSignal: signal },
      );
    return this.write(`PUT s3://${bucket}/${key} ${body.byteLength} bytes`, this.context(bucket, key), async () => {
      const expected = bareEtag(request.ifMatch);
      if (expected === undefined) {
        return { etag: (await send(undefined)).ETag };
      }
      try {
        return { etag: (await send(this.unquotedIfMatch ? expected : `"${expected}"`)).ETag };
      } catch (error) {
        if (this.unquotedIfMatch || toS3Error(error, this.context(bucket, key)).kind !== 'PreconditionFailed') {
          throw error;
        }
        // Some servers (Ceph RGW) compare If-Match without quotes and refuse the quoted form even when
        // it matches: confirm with a HEAD, and only if the object is unchanged retry with the bare ETag,
        // remembering the server's form so later saves need one request.
        const current = await this.client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }), { abortSignal: signal });
        if (bareEtag(current.ETag) !== expected) {
          throw error;
        }
        const result = await send(expected);
        this.unquotedIfMatch = true;
        return { etag: result.ETag };
      }
    });
  }

  async copyObject(source: { bucket: string; key: string }, target: { bucket: string; key: string }, signal?: AbortSignal): Promise<void> {
    const head = await this.headObject(source.bucket, source.key, undefined, signal);
    if (head.size > MAX_SINGLE_COPY_BYTES) {
      throw new S3Error('Other', `s3://${source.bucket}/${source.key} is larger than 5 GB, more than one server-side copy can handle; copying it is not supported yet.`, 'EntityTooLarge');
    }
    await this.write(`COPY s3://${source.bucket}/${source.key} to s3://${target.bucket}/${target.key}`, this.context(target.bucket, target.key), async () => {
      // MetadataDirective and TaggingDirective default to COPY: the copy keeps metadata and tags.
      await this.client.send(
        new CopyObjectCommand({
          Bucket: target.bucket,
          Key: target.key,
          CopySource: copySource(source.bucket, source.key),
          StorageClass: head.storageClass as StorageClass | undefined,
          ServerSideEncryption: head.serverSideEncryption as ServerSideEncryption | undefined,
          SSEKMSKeyId: head.serverSideEncryption?.startsWith('aws:kms') ? head.kmsKeyId : undefined,
        }),
        { abortSignal: signal },
      );
    });
  }

  async deleteObjects(bucket: string, keys: Array<{ key: string; versionId?: string }>, signal?: AbortSignal): Promise<void> {
    for (let start = 0; start < keys.length; start += 1000) {
      const batch = keys.slice(start, start + 1000).map(({ key, versionId }) => ({ Key: key, VersionId: versionId }));
      await this.write(`DELETE ${batch.length} object(s) in ${bucket}`, this.context(bucket), () => this.deleteBatch(bucket, batch, signal));
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
        `${failures.length} of ${objects.length} deletions in bucket "${bucket}" failed, e.g. "${first.Key}": ${first.Code} ${first.Message ?? ''}`.trim(),
        first.Code,
      );
    }
  }

  dispose(): void {
    this.client.destroy();
  }
}
