// Buckets themselves: listing, region, create and delete, what they hold, versioning and default encryption.
import {
  CreateBucketCommand,
  DeleteBucketCommand,
  GetBucketEncryptionCommand,
  GetBucketVersioningCommand,
  HeadBucketCommand,
  ListMultipartUploadsCommand,
  ListObjectVersionsCommand,
  ListObjectsV2Command,
  PutBucketEncryptionCommand,
  PutBucketVersioningCommand,
  paginateListBuckets,
  type BucketLocationConstraint,
  type ServerSideEncryption,
} from '@aws-sdk/client-s3';
import { toS3Error } from '../errors';
import type { BucketContents, BucketEncryption, BucketInventory, BucketSummary } from '../types';
import type { SdkConnection } from './connection';

export class BucketsAdapter {
  constructor(private readonly connection: SdkConnection) {}

  async listBuckets(signal?: AbortSignal): Promise<BucketSummary[]> {
    try {
      const buckets: BucketSummary[] = [];
      for await (const page of paginateListBuckets({ client: this.connection.client }, {})) {
        signal?.throwIfAborted();
        for (const bucket of page.Buckets ?? []) {
          if (bucket.Name) {
            buckets.push({ name: bucket.Name, creationDate: bucket.CreationDate, region: bucket.BucketRegion });
          }
        }
      }
      return buckets;
    } catch (error) {
      throw toS3Error(error, this.connection.context());
    }
  }

  async bucketRegion(bucket: string, signal?: AbortSignal): Promise<string | undefined> {
    try {
      const head = await this.connection.client.send(new HeadBucketCommand({ Bucket: bucket }), { abortSignal: signal });
      return head.BucketRegion || undefined;
    } catch (error) {
      // A bucket in another region answers 301 with its region in a header.
      const headers = (error as { $response?: { headers?: Record<string, string> } }).$response?.headers;
      const redirected = headers?.['x-amz-bucket-region'];
      if (redirected) {
        return redirected;
      }
      throw toS3Error(error, this.connection.context(bucket));
    }
  }

  createBucket(bucket: string, region: string, signal?: AbortSignal): Promise<void> {
    const configuration = region === 'us-east-1' ? undefined : { LocationConstraint: region as BucketLocationConstraint };
    return this.connection.request(this.connection.context(bucket), async () => {
      await this.connection.client.send(new CreateBucketCommand({ Bucket: bucket, CreateBucketConfiguration: configuration }), { abortSignal: signal });
    });
  }

  deleteBucket(bucket: string, signal?: AbortSignal): Promise<void> {
    return this.connection.request(this.connection.context(bucket), async () => {
      await this.connection.client.send(new DeleteBucketCommand({ Bucket: bucket }), { abortSignal: signal });
    });
  }

  async bucketContents(bucket: string, signal?: AbortSignal): Promise<BucketContents> {
    try {
      const [objects, versions, uploads] = await Promise.all([
        this.connection.client.send(new ListObjectsV2Command({ Bucket: bucket, MaxKeys: 1 }), { abortSignal: signal }),
        this.connection.client.send(new ListObjectVersionsCommand({ Bucket: bucket, MaxKeys: 1 }), { abortSignal: signal }),
        this.connection.client.send(new ListMultipartUploadsCommand({ Bucket: bucket, MaxUploads: 1 }), { abortSignal: signal }),
      ]);
      return {
        hasObjects: (objects.Contents?.length ?? 0) > 0,
        hasHistory: (versions.Versions?.length ?? 0) + (versions.DeleteMarkers?.length ?? 0) > 0,
        hasIncompleteUploads: (uploads.Uploads?.length ?? 0) > 0,
      };
    } catch (error) {
      throw toS3Error(error, this.connection.context(bucket));
    }
  }

  async bucketInventory(bucket: string, signal?: AbortSignal): Promise<BucketInventory> {
    const inventory: BucketInventory = { objects: 0, noncurrentVersions: 0, deleteMarkers: 0, incompleteUploads: 0 };
    try {
      let keyMarker: string | undefined;
      let versionIdMarker: string | undefined;
      do {
        const page = await this.connection.client.send(new ListObjectVersionsCommand({ Bucket: bucket, KeyMarker: keyMarker, VersionIdMarker: versionIdMarker }), { abortSignal: signal });
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
        const page = await this.connection.client.send(new ListMultipartUploadsCommand({ Bucket: bucket, KeyMarker: uploadKeyMarker, UploadIdMarker: uploadIdMarker }), { abortSignal: signal });
        inventory.incompleteUploads += page.Uploads?.length ?? 0;
        uploadKeyMarker = page.IsTruncated ? page.NextKeyMarker : undefined;
        uploadIdMarker = page.IsTruncated ? page.NextUploadIdMarker : undefined;
      } while (uploadKeyMarker);
      return inventory;
    } catch (error) {
      throw toS3Error(error, this.connection.context(bucket));
    }
  }

  bucketVersioning(bucket: string, signal?: AbortSignal): Promise<'Enabled' | 'Suspended' | undefined> {
    return this.connection.request(this.connection.context(bucket), async () => {
      const result = await this.connection.client.send(new GetBucketVersioningCommand({ Bucket: bucket }), { abortSignal: signal });
      return result.Status === 'Enabled' || result.Status === 'Suspended' ? result.Status : undefined;
    });
  }

  setBucketVersioning(bucket: string, status: 'Enabled' | 'Suspended', signal?: AbortSignal): Promise<void> {
    return this.connection.request(this.connection.context(bucket), async () => {
      await this.connection.client.send(new PutBucketVersioningCommand({ Bucket: bucket, VersioningConfiguration: { Status: status } }), { abortSignal: signal });
    });
  }

  async bucketEncryption(bucket: string, signal?: AbortSignal): Promise<BucketEncryption | undefined> {
    try {
      const result = await this.connection.client.send(new GetBucketEncryptionCommand({ Bucket: bucket }), { abortSignal: signal });
      const rule = result.ServerSideEncryptionConfiguration?.Rules?.[0];
      const byDefault = rule?.ApplyServerSideEncryptionByDefault;
      return byDefault?.SSEAlgorithm ? { algorithm: byDefault.SSEAlgorithm, kmsKeyId: byDefault.KMSMasterKeyID, bucketKeyEnabled: rule?.BucketKeyEnabled } : undefined;
    } catch (error) {
      if ((error as { name?: string }).name === 'ServerSideEncryptionConfigurationNotFoundError') {
        return undefined;
      }
      throw toS3Error(error, this.connection.context(bucket));
    }
  }

  setBucketEncryption(bucket: string, encryption: BucketEncryption, signal?: AbortSignal): Promise<void> {
    return this.connection.request(this.connection.context(bucket), async () => {
      await this.connection.client.send(
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
}
