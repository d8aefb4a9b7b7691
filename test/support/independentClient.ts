// An S3 client that shares nothing with the extension (its own SDK client, own credentials), used
// by the tests to set up fixtures and to check what the extension did.
import {
  AbortMultipartUploadCommand,
  CreateBucketCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteBucketCommand,
  DeleteBucketPolicyCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectAclCommand,
  GetObjectCommand,
  GetObjectTaggingCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  ListObjectVersionsCommand,
  PutBucketPolicyCommand,
  PutObjectLegalHoldCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
  S3Client,
  type PutObjectCommandInput,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { randomBytes } from 'node:crypto';

export interface S3TargetInfo {
  endpoint: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  userId?: string;
  otherUser?: { userId: string; accessKeyId: string; secretAccessKey: string };
  /** A user in its own RGW tenant: its bucket names are a separate namespace, like another server's. */
  tenantUser?: { userId: string; accessKeyId: string; secretAccessKey: string };
  kmsKeyId?: string;
}

/** The target the test runner started, handed to the extension host through the environment. */
export function targetFromEnvironment(env: NodeJS.ProcessEnv = process.env): S3TargetInfo {
  const { S3B_TEST_ENDPOINT, S3B_TEST_REGION, S3B_TEST_ACCESS_KEY_ID, S3B_TEST_SECRET_ACCESS_KEY, S3B_TEST_USER_ID, S3B_TEST_OTHER_USER, S3B_TEST_TENANT_USER, S3B_TEST_KMS_KEY_ID } = env;
  if (!S3B_TEST_ENDPOINT || !S3B_TEST_ACCESS_KEY_ID || !S3B_TEST_SECRET_ACCESS_KEY) {
    throw new Error('S3B_TEST_* variables are missing: run the tests through `npm test`.');
  }
  return {
    endpoint: S3B_TEST_ENDPOINT,
    region: S3B_TEST_REGION ?? 'us-east-1',
    accessKeyId: S3B_TEST_ACCESS_KEY_ID,
    secretAccessKey: S3B_TEST_SECRET_ACCESS_KEY,
    userId: S3B_TEST_USER_ID || undefined,
    otherUser: S3B_TEST_OTHER_USER ? JSON.parse(S3B_TEST_OTHER_USER) : undefined,
    tenantUser: S3B_TEST_TENANT_USER ? JSON.parse(S3B_TEST_TENANT_USER) : undefined,
    kmsKeyId: S3B_TEST_KMS_KEY_ID || undefined,
  };
}

export function targetEnvironment(target: S3TargetInfo): NodeJS.ProcessEnv {
  return {
    S3B_TEST_ENDPOINT: target.endpoint,
    S3B_TEST_REGION: target.region,
    S3B_TEST_ACCESS_KEY_ID: target.accessKeyId,
    S3B_TEST_SECRET_ACCESS_KEY: target.secretAccessKey,
    S3B_TEST_USER_ID: target.userId ?? '',
    S3B_TEST_OTHER_USER: target.otherUser ? JSON.stringify(target.otherUser) : '',
    S3B_TEST_TENANT_USER: target.tenantUser ? JSON.stringify(target.tenantUser) : '',
    S3B_TEST_KMS_KEY_ID: target.kmsKeyId ?? '',
  };
}

export class IndependentClient {
  readonly s3: S3Client;
  private readonly endpoint: string;

  constructor(target: S3TargetInfo = targetFromEnvironment(), identity: { accessKeyId: string; secretAccessKey: string } = target) {
    this.endpoint = target.endpoint;
    this.s3 = new S3Client({
      endpoint: target.endpoint,
      region: target.region,
      forcePathStyle: true,
      credentials: { accessKeyId: identity.accessKeyId, secretAccessKey: identity.secretAccessKey },
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  /** A fresh bucket with a unique name, so every test has its own. */
  async createBucket(label: string): Promise<string> {
    return this.createNamedBucket(`s3b-${label}-${randomBytes(4).toString('hex')}`.toLowerCase().slice(0, 63));
  }

  async createNamedBucket(name: string): Promise<string> {
    await this.s3.send(new CreateBucketCommand({ Bucket: name }));
    return name;
  }

  async put(bucket: string, key: string, body: string | Uint8Array, contentType?: string): Promise<void> {
    await this.s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: contentType }));
  }

  /** Puts with every attribute a save must keep. */
  async putWithAttributes(input: Omit<PutObjectCommandInput, 'Bucket' | 'Key' | 'Body'>, bucket: string, key: string, body: string): Promise<void> {
    await this.s3.send(new PutObjectCommand({ ...input, Bucket: bucket, Key: key, Body: body }));
  }

  /** What a save must keep, as an independent HEAD and GetObjectTagging see it. */
  async attributes(bucket: string, key: string): Promise<Record<string, unknown>> {
    const head = await this.s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    const tags = await this.s3.send(new GetObjectTaggingCommand({ Bucket: bucket, Key: key }));
    return {
      contentType: head.ContentType,
      cacheControl: head.CacheControl,
      contentDisposition: head.ContentDisposition,
      contentEncoding: head.ContentEncoding,
      contentLanguage: head.ContentLanguage,
      metadata: head.Metadata,
      storageClass: head.StorageClass ?? 'STANDARD',
      serverSideEncryption: head.ServerSideEncryption,
      kmsKeyId: head.SSEKMSKeyId,
      tags: Object.fromEntries((tags.TagSet ?? []).map((tag) => [tag.Key, tag.Value])),
      expires: head.ExpiresString,
      websiteRedirectLocation: head.WebsiteRedirectLocation,
      etag: head.ETag,
      lastModified: head.LastModified?.toISOString(),
    };
  }

  /** The status of a GET with no signature at all: 200 for a public-read object, 403 for a private one. */
  async anonymousGetStatus(bucket: string, key: string): Promise<number> {
    const path = key.split('/').map(encodeURIComponent).join('/');
    return (await fetch(`${this.endpoint}/${bucket}/${path}`)).status;
  }

  async putPublicRead(bucket: string, key: string, body: string): Promise<void> {
    await this.s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ACL: 'public-read' }));
  }

  /** The object's ACL as "PERMISSION grantee" lines: `owner` for the owner's id, group names, other ids. */
  async grants(bucket: string, key: string): Promise<string[]> {
    const acl = await this.s3.send(new GetObjectAclCommand({ Bucket: bucket, Key: key }));
    return (acl.Grants ?? [])
      .map(({ Permission, Grantee }) => `${Permission} ${Grantee?.URI ? Grantee.URI.slice(Grantee.URI.lastIndexOf('/') + 1) : Grantee?.ID === acl.Owner?.ID ? 'owner' : Grantee?.ID}`)
      .sort();
  }

  async versionIds(bucket: string, key: string): Promise<string[]> {
    const page = await this.s3.send(new ListObjectVersionsCommand({ Bucket: bucket, Prefix: key }));
    return (page.Versions ?? [])
      .filter((version) => version.Key === key)
      // Same-second writes share LastModified, so the latest flag decides what is newest.
      .sort((a, b) => Number(a.IsLatest ?? false) - Number(b.IsLatest ?? false) || (a.LastModified?.getTime() ?? 0) - (b.LastModified?.getTime() ?? 0))
      .map((version) => version.VersionId!);
  }

  async get(bucket: string, key: string, versionId?: string): Promise<Buffer> {
    const object = await this.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key, VersionId: versionId }));
    return Buffer.from(await object.Body!.transformToByteArray());
  }

  /** Every key under a prefix, all pages. */
  async keys(bucket: string, prefix = ''): Promise<string[]> {
    const keys: string[] = [];
    let token: string | undefined;
    do {
      const page = await this.s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
      keys.push(...(page.Contents ?? []).map((object) => object.Key!));
      token = page.NextContinuationToken;
    } while (token);
    return keys;
  }

  /** One delimiter listing level: what a folder shows. */
  async listLevel(bucket: string, prefix: string): Promise<{ folders: string[]; files: string[] }> {
    const folders: string[] = [];
    const files: string[] = [];
    let token: string | undefined;
    do {
      const page = await this.s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, Delimiter: '/', ContinuationToken: token }));
      folders.push(...(page.CommonPrefixes ?? []).map((common) => common.Prefix!));
      files.push(...(page.Contents ?? []).map((object) => object.Key!));
      token = page.NextContinuationToken;
    } while (token);
    return { folders, files };
  }

  /** Lets `userId` list and read the bucket through a bucket policy. */
  async shareReadOnly(bucket: string, userId: string): Promise<void> {
    const policy = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: [`arn:aws:iam:::user/${userId}`] }, Action: ['s3:ListBucket', 's3:GetObject'], Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`] }],
    };
    await this.s3.send(new PutBucketPolicyCommand({ Bucket: bucket, Policy: JSON.stringify(policy) }));
  }

  /** A bucket policy that denies everyone one action on one key (s3:GetObject: a read that fails mid-job; s3:PutObject: one upload of a batch). */
  async deny(bucket: string, key: string, action: 's3:GetObject' | 's3:DeleteObject' | 's3:PutObject'): Promise<void> {
    const policy = { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: { AWS: ['*'] }, Action: [action], Resource: [`arn:aws:s3:::${bucket}/${key}`] }] };
    await this.s3.send(new PutBucketPolicyCommand({ Bucket: bucket, Policy: JSON.stringify(policy) }));
  }

  async removeBucketPolicy(bucket: string): Promise<void> {
    await this.s3.send(new DeleteBucketPolicyCommand({ Bucket: bucket }));
  }

  async enableVersioning(bucket: string): Promise<void> {
    await this.setVersioning(bucket, 'Enabled');
  }

  async setVersioning(bucket: string, status: 'Enabled' | 'Suspended'): Promise<void> {
    await this.s3.send(new PutBucketVersioningCommand({ Bucket: bucket, VersioningConfiguration: { Status: status } }));
  }

  async deleteObject(bucket: string, key: string): Promise<void> {
    await this.s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
  }

  /** Starts a multipart upload with one part and leaves it incomplete. */
  async startIncompleteUpload(bucket: string, key: string): Promise<string> {
    const { UploadId } = await this.s3.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: key }));
    await this.s3.send(new UploadPartCommand({ Bucket: bucket, Key: key, UploadId, PartNumber: 1, Body: Buffer.alloc(1024, 1) }));
    return UploadId!;
  }

  /** Uploads `body` in parts of `partSize` (as another client would), so the object gets a multipart ETag. */
  async putInParts(bucket: string, key: string, body: Buffer, partSize: number): Promise<void> {
    const { UploadId } = await this.s3.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: key }));
    const parts: Array<{ PartNumber: number; ETag?: string }> = [];
    for (let start = 0, number = 1; start < body.length; start += partSize, number++) {
      const { ETag } = await this.s3.send(new UploadPartCommand({ Bucket: bucket, Key: key, UploadId, PartNumber: number, Body: body.subarray(start, start + partSize) }));
      parts.push({ PartNumber: number, ETag });
    }
    await this.s3.send(new CompleteMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId, MultipartUpload: { Parts: parts } }));
  }

  async incompleteUploads(bucket: string): Promise<number> {
    return (await this.s3.send(new ListMultipartUploadsCommand({ Bucket: bucket }))).Uploads?.length ?? 0;
  }

  async versionCount(bucket: string): Promise<number> {
    const page = await this.s3.send(new ListObjectVersionsCommand({ Bucket: bucket }));
    return (page.Versions?.length ?? 0) + (page.DeleteMarkers?.length ?? 0);
  }

  async bucketExists(bucket: string): Promise<boolean> {
    return this.s3.send(new HeadBucketCommand({ Bucket: bucket })).then(
      () => true,
      (error: { $metadata?: { httpStatusCode?: number } }) => {
        if (error.$metadata?.httpStatusCode === 404) {
          return false;
        }
        throw error;
      },
    );
  }

  /** Puts many small objects, a few dozen requests at a time. */
  async putMany(bucket: string, keys: string[], concurrency = 32): Promise<void> {
    let next = 0;
    const worker = async () => {
      while (next < keys.length) {
        const key = keys[next++];
        await this.put(bucket, key, key);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
  }

  async exists(bucket: string, key: string): Promise<boolean> {
    return this.s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key })).then(
      () => true,
      (error: { $metadata?: { httpStatusCode?: number } }) => {
        if (error.$metadata?.httpStatusCode === 404) {
          return false;
        }
        throw error;
      },
    );
  }

  /** Removes a test bucket with everything in it (versions, markers, uploads); absent is fine. */
  /** A bucket with Object Lock enabled (which also turns versioning on). */
  async createLockedBucket(label: string): Promise<string> {
    const name = `s3b-${label}-${randomBytes(4).toString('hex')}`;
    await this.s3.send(new CreateBucketCommand({ Bucket: name, ObjectLockEnabledForBucket: true }));
    return name;
  }

  /** An object's Object Lock settings as HEAD reports them. */
  async objectLock(bucket: string, key: string): Promise<{ mode?: string; retainUntil?: string; legalHold?: string }> {
    const head = await this.s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    return { mode: head.ObjectLockMode, retainUntil: head.ObjectLockRetainUntilDate?.toISOString(), legalHold: head.ObjectLockLegalHoldStatus };
  }

  /** Lifts legal holds and bypasses GOVERNANCE retention on every version, then deletes the bucket. */
  async deleteLockedBucket(bucket: string): Promise<void> {
    const page = await this.s3.send(new ListObjectVersionsCommand({ Bucket: bucket }));
    for (const version of page.Versions ?? []) {
      await this.s3.send(new PutObjectLegalHoldCommand({ Bucket: bucket, Key: version.Key, VersionId: version.VersionId, LegalHold: { Status: 'OFF' } }));
      await this.s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: version.Key, VersionId: version.VersionId, BypassGovernanceRetention: true }));
    }
    await this.deleteBucket(bucket);
  }

  async deleteBucket(bucket: string): Promise<void> {
    if (!(await this.bucketExists(bucket))) {
      return;
    }
    // A test's deny policy would otherwise keep its objects.
    await this.removeBucketPolicy(bucket).catch(() => undefined);
    for (;;) {
      const page = await this.s3.send(new ListObjectVersionsCommand({ Bucket: bucket }));
      const versions = [...(page.Versions ?? []), ...(page.DeleteMarkers ?? [])].map(({ Key, VersionId }) => ({ Key, VersionId }));
      if (versions.length === 0) {
        break;
      }
      const { Errors } = await this.s3.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: versions } }));
      if (Errors?.length) {
        throw new Error(`Cannot empty test bucket ${bucket}: ${Errors[0].Key} ${Errors[0].Code}`);
      }
    }
    for (const upload of (await this.s3.send(new ListMultipartUploadsCommand({ Bucket: bucket }))).Uploads ?? []) {
      await this.s3.send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: upload.Key, UploadId: upload.UploadId }));
    }
    await this.s3.send(new DeleteBucketCommand({ Bucket: bucket }));
  }

  dispose(): void {
    this.s3.destroy();
  }
}
