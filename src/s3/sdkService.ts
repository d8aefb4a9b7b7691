import {
  AbortMultipartUploadCommand,
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListBucketsCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  ListObjectVersionsCommand,
  PutObjectCommand,
  S3Client,
  type BucketLocationConstraint,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { readOnlyError, S3Error, toS3Error, type S3ErrorContext } from './errors';
import type { S3Service } from './service';
import type { BucketSummary, ConnectionSettings, EmptyBucketProgress, FolderPage, ListFolderRequest, ObjectHead, PutObjectRequest } from './types';

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

  async headObject(bucket: string, key: string, signal?: AbortSignal): Promise<ObjectHead> {
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }), { abortSignal: signal });
      return { key, size: head.ContentLength ?? 0, lastModified: head.LastModified, etag: head.ETag, contentType: head.ContentType };
    } catch (error) {
      throw toS3Error(error, this.context(bucket, key));
    }
  }

  async getObject(bucket: string, key: string, signal?: AbortSignal): Promise<Uint8Array> {
    try {
      const object = await this.client.send(new GetObjectCommand({ Bucket: bucket, Key: key }), { abortSignal: signal });
      return object.Body ? await object.Body.transformToByteArray() : new Uint8Array();
    } catch (error) {
      throw toS3Error(error, this.context(bucket, key));
    }
  }

  putObject({ bucket, key, body, contentType, signal }: PutObjectRequest): Promise<void> {
    return this.write(`PUT s3://${bucket}/${key} ${body.byteLength} bytes`, this.context(bucket, key), async () => {
      await this.client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: contentType }), { abortSignal: signal });
    });
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
        const result = await this.client.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: versions, Quiet: true } }), { abortSignal: signal });
        const failures = result.Errors ?? [];
        if (failures.length > 0) {
          const first = failures[0];
          throw new S3Error(
            first.Code === 'AccessDenied' ? 'AccessDenied' : 'Other',
            `${failures.length} of ${versions.length} deletions in bucket "${bucket}" failed, e.g. "${first.Key}": ${first.Code} ${first.Message ?? ''}`.trim(),
            first.Code,
          );
        }
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

  dispose(): void {
    this.client.destroy();
  }
}
