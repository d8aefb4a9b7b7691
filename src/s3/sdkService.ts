import type { S3Service } from './service';
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
  PutObjectRequest,
  RestoreTier,
  SigningCredentials,
  VersionedKey,
  VersionTotals,
} from './types';
import type { UploadJournal } from './uploadJournal';
import { AccessAdapter } from './sdk/access';
import { BucketsAdapter } from './sdk/buckets';
import { SdkConnection, type TransferOptions } from './sdk/connection';
import { ListingAdapter } from './sdk/listing';
import { MultipartAdapter } from './sdk/multipart';
import { isAsyncIterable } from './sdk/objectParams';
import { ObjectsAdapter } from './sdk/objects';

/**
 * The AWS SDK behind the extension's {@link S3Service}: requests in, the extension's types and
 * S3Errors out. Policy (read-only connections, key length, the write log, the If-Match form a server
 * accepts) lives in {@link GuardedS3Service}, which wraps this. Each request is sent by the adapter of
 * its concern (src/s3/sdk/), all through one {@link SdkConnection}.
 */
export class SdkS3Service implements S3Service {
  private readonly connection: SdkConnection;
  private readonly buckets: BucketsAdapter;
  private readonly listing: ListingAdapter;
  private readonly objects: ObjectsAdapter;
  private readonly multipart: MultipartAdapter;
  private readonly access: AccessAdapter;

  constructor(
    settings: ConnectionSettings,
    transferOptions: () => TransferOptions = () => ({ partSizeBytes: 8 * 1024 * 1024, queueSize: 4 }),
    /** Where the multipart uploads this service starts are written down until they are done or aborted. */
    journal?: UploadJournal,
  ) {
    this.connection = new SdkConnection(settings, transferOptions, journal);
    this.buckets = new BucketsAdapter(this.connection);
    this.listing = new ListingAdapter(this.connection);
    this.objects = new ObjectsAdapter(this.connection);
    this.multipart = new MultipartAdapter(this.connection, this);
    this.access = new AccessAdapter(this.connection);
  }

  listBuckets(signal?: AbortSignal): Promise<BucketSummary[]> {
    return this.buckets.listBuckets(signal);
  }

  bucketRegion(bucket: string, signal?: AbortSignal): Promise<string | undefined> {
    return this.buckets.bucketRegion(bucket, signal);
  }

  createBucket(bucket: string, region: string, signal?: AbortSignal): Promise<void> {
    return this.buckets.createBucket(bucket, region, signal);
  }

  deleteBucket(bucket: string, signal?: AbortSignal): Promise<void> {
    return this.buckets.deleteBucket(bucket, signal);
  }

  bucketContents(bucket: string, signal?: AbortSignal): Promise<BucketContents> {
    return this.buckets.bucketContents(bucket, signal);
  }

  versionTotals(bucket: string, prefix: string, signal?: AbortSignal): Promise<VersionTotals> {
    return this.listing.versionTotals(bucket, prefix, signal);
  }

  bucketInventory(bucket: string, signal?: AbortSignal): Promise<BucketInventory> {
    return this.buckets.bucketInventory(bucket, signal);
  }

  bucketVersioning(bucket: string, signal?: AbortSignal): Promise<'Enabled' | 'Suspended' | undefined> {
    return this.buckets.bucketVersioning(bucket, signal);
  }

  setBucketVersioning(bucket: string, status: 'Enabled' | 'Suspended', signal?: AbortSignal): Promise<void> {
    return this.buckets.setBucketVersioning(bucket, status, signal);
  }

  bucketEncryption(bucket: string, signal?: AbortSignal): Promise<BucketEncryption | undefined> {
    return this.buckets.bucketEncryption(bucket, signal);
  }

  setBucketEncryption(bucket: string, encryption: BucketEncryption, signal?: AbortSignal): Promise<void> {
    return this.buckets.setBucketEncryption(bucket, encryption, signal);
  }

  listFolder(request: ListFolderRequest): Promise<FolderPage> {
    return this.listing.listFolder(request);
  }

  listKeys(bucket: string, prefix: string, signal?: AbortSignal, startAfter?: string): AsyncIterable<ObjectSummary[]> {
    return this.listing.listKeys(bucket, prefix, signal, startAfter);
  }

  listObjectVersions(bucket: string, key: string, signal?: AbortSignal): Promise<ObjectVersion[]> {
    return this.listing.listObjectVersions(bucket, key, signal);
  }

  listDeletedKeys(bucket: string, prefix: string, limit: number, signal?: AbortSignal): Promise<{ keys: DeletedKey[]; more: boolean }> {
    return this.listing.listDeletedKeys(bucket, prefix, limit, signal);
  }

  firstVersions(bucket: string, signal?: AbortSignal): Promise<VersionedKey[]> {
    return this.listing.firstVersions(bucket, signal);
  }

  headObject(bucket: string, key: string, versionId?: string, signal?: AbortSignal): Promise<ObjectHead> {
    return this.objects.headObject(bucket, key, versionId, signal);
  }

  getObject(bucket: string, key: string, versionId?: string, signal?: AbortSignal, maxBytes?: number): Promise<ObjectContent> {
    return this.objects.getObject(bucket, key, versionId, signal, maxBytes);
  }

  getObjectStream(bucket: string, key: string, versionId?: string, signal?: AbortSignal, range?: ObjectRange): Promise<ObjectStream> {
    return this.objects.getObjectStream(bucket, key, versionId, signal, range);
  }

  putObject(request: PutObjectRequest): Promise<{ etag?: string }> {
    const { body } = request;
    // Bytes go up in one PutObject; a stream through lib-storage's Upload, multipart above the part size.
    return isAsyncIterable(body) ? this.multipart.putStream(request, body) : this.objects.putObject(request, body);
  }

  restoreObject(bucket: string, key: string, days: number, tier: RestoreTier, signal?: AbortSignal): Promise<void> {
    return this.objects.restoreObject(bucket, key, days, tier, signal);
  }

  deleteObjects(bucket: string, keys: VersionedKey[], signal?: AbortSignal): Promise<void> {
    return this.objects.deleteObjects(bucket, keys, signal);
  }

  deleteObjectsReporting(bucket: string, keys: string[], signal?: AbortSignal): Promise<DeleteReport> {
    return this.objects.deleteObjectsReporting(bucket, keys, signal);
  }

  copyObject(request: CopyObjectRequest): Promise<{ etag?: string; inParts: boolean }> {
    return this.multipart.copyObject(request);
  }

  listIncompleteUploads(bucket: string, signal?: AbortSignal): AsyncIterable<IncompleteUpload[]> {
    return this.multipart.listIncompleteUploads(bucket, signal);
  }

  abortIncompleteUpload(bucket: string, key: string, uploadId: string, signal?: AbortSignal): Promise<void> {
    return this.multipart.abortIncompleteUpload(bucket, key, uploadId, signal);
  }

  incompleteUploadSize(bucket: string, key: string, uploadId: string, signal?: AbortSignal): Promise<IncompleteUploadSize> {
    return this.multipart.incompleteUploadSize(bucket, key, uploadId, signal);
  }

  getObjectTags(bucket: string, key: string, versionId?: string, signal?: AbortSignal): Promise<Record<string, string>> {
    return this.access.getObjectTags(bucket, key, versionId, signal);
  }

  putObjectTags(bucket: string, key: string, tags: Record<string, string>, signal?: AbortSignal): Promise<void> {
    return this.access.putObjectTags(bucket, key, tags, signal);
  }

  getObjectAcl(bucket: string, key: string, versionId?: string, signal?: AbortSignal): Promise<ObjectAcl | undefined> {
    return this.access.getObjectAcl(bucket, key, versionId, signal);
  }

  putObjectAcl(bucket: string, key: string, acl: CannedAcl, signal?: AbortSignal): Promise<void> {
    return this.access.putObjectAcl(bucket, key, acl, signal);
  }

  presignedUrl(request: PresignRequest): Promise<string> {
    return this.access.presignedUrl(request);
  }

  signingCredentials(): Promise<SigningCredentials> {
    return this.access.signingCredentials();
  }

  dispose(): void {
    this.connection.dispose();
  }
}
