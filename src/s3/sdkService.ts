import {
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListBucketsCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { readOnlyError, toS3Error, type S3ErrorContext } from './errors';
import type { S3Service } from './service';
import type { BucketSummary, ConnectionSettings, FolderPage, ListFolderRequest, ObjectHead, PutObjectRequest } from './types';

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

  async putObject({ bucket, key, body, contentType, signal }: PutObjectRequest): Promise<void> {
    this.assertWritable(bucket, key);
    try {
      await this.client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: contentType }), { abortSignal: signal });
      this.log(`PUT s3://${bucket}/${key} (${this.settings.id}, ${body.byteLength} bytes): ok`);
    } catch (error) {
      const mapped = toS3Error(error, this.context(bucket, key));
      this.log(`PUT s3://${bucket}/${key} (${this.settings.id}): failed, ${mapped.code ?? mapped.kind}`);
      throw mapped;
    }
  }

  dispose(): void {
    this.client.destroy();
  }
}
