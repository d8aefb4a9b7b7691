// Copy and move of objects and prefixes as TransferTasks: the one implementation of "copy one object
// with everything it has" that the commands, drag & drop and the file system provider all run.
// Free of `vscode`, so the benchmark runs the very same code.
import { S3Error } from '../s3/errors';
import type { S3Service } from '../s3/service';
import { ALL_USERS, AUTHENTICATED_USERS, type Grant, type ObjectAcl, type ObjectAttributes, type ObjectHead, type ObjectSummary } from '../s3/types';
import type { TransferTask } from './transferEngine';
import { s3Text } from '../ui/format';

/** A bucket on a connection, with the service that reaches it. */
export interface BucketEndpoint {
  connectionName: string;
  service: S3Service;
  bucket: string;
}

/** Tags and ACL that cannot be read are refused, not dropped: the write would lose them. */
function refuseUnreadable(bucket: string, key: string, what: string, permission: string): (error: unknown) => never {
  return (error) => {
    if (error instanceof S3Error && error.kind === 'AccessDenied') {
      throw new S3Error(
        'AccessDenied',
        `Cannot read the ${what} of ${s3Text(bucket, key)} (${permission} is denied), and writing without them would drop them, so nothing was written.`,
        error.code,
      );
    }
    throw error;
  };
}

function readTagsAndAcl(service: S3Service, bucket: string, key: string, versionId?: string, signal?: AbortSignal): Promise<[Record<string, string>, ObjectAcl | undefined]> {
  return Promise.all([
    service.getObjectTags(bucket, key, versionId, signal).catch(refuseUnreadable(bucket, key, 'tags', 's3:GetObjectTagging')),
    service.getObjectAcl(bucket, key, versionId, signal).catch(refuseUnreadable(bucket, key, 'access control list', 's3:GetObjectAcl')),
  ]);
}

function attributesFrom(head: ObjectHead, tags: Record<string, string>, acl: ObjectAcl | undefined): ObjectAttributes & { ownerId?: string } {
  return {
    contentType: head.contentType,
    cacheControl: head.cacheControl,
    contentDisposition: head.contentDisposition,
    contentEncoding: head.contentEncoding,
    contentLanguage: head.contentLanguage,
    metadata: head.metadata,
    storageClass: head.storageClass,
    serverSideEncryption: head.serverSideEncryption,
    kmsKeyId: head.kmsKeyId,
    bucketKeyEnabled: head.bucketKeyEnabled,
    expires: head.expires,
    websiteRedirectLocation: head.websiteRedirectLocation,
    objectLockMode: head.objectLockMode,
    objectLockRetainUntilDate: head.objectLockRetainUntilDate,
    objectLockLegalHold: head.objectLockLegalHold,
    tags,
    grants: acl?.grants,
    ownerId: acl?.ownerId,
  };
}

/**
 * Everything a replacement or copy of an object must carry over: the HEAD fields, tags and ACL.
 * Refuses (rather than silently dropping them) when tags or the ACL cannot be read.
 */
export async function attributesOf(service: S3Service, bucket: string, key: string, head: ObjectHead, versionId?: string, signal?: AbortSignal): Promise<ObjectAttributes & { ownerId?: string }> {
  const [tags, acl] = await readTagsAndAcl(service, bucket, key, versionId, signal);
  return attributesFrom(head, tags, acl);
}

/** The HEAD and everything to carry over, read with three requests at once (a copy of many keys waits for one round trip, not two). */
export async function headWithAttributes(service: S3Service, bucket: string, key: string, versionId?: string, signal?: AbortSignal): Promise<{ head: ObjectHead; attributes: ObjectAttributes & { ownerId?: string } }> {
  const [head, [tags, acl]] = await Promise.all([service.headObject(bucket, key, versionId, signal), readTagsAndAcl(service, bucket, key, versionId, signal)]);
  return { head, attributes: attributesFrom(head, tags, acl) };
}

/**
 * The grants that mean the same on another server: reading by everyone, else by any signed-in user
 * (sent as the canned ACL that says it); grants to account ids are dropped.
 */
export function portableGrants(grants: Grant[] | undefined): Grant[] | undefined {
  const reader = [ALL_USERS, AUTHENTICATED_USERS].find((uri) => grants?.some((grant) => grant.uri === uri && (grant.permission === 'READ' || grant.permission === 'FULL_CONTROL')));
  return reader ? [{ permission: 'READ', uri: reader }] : undefined;
}

async function* countedBytes(body: AsyncIterable<Uint8Array>, addBytes: (bytes: number) => void): AsyncIterable<Uint8Array> {
  for await (const chunk of body) {
    addBytes(chunk.byteLength);
    yield chunk;
  }
}

export interface ObjectCopy {
  source: BucketEndpoint & { key: string; versionId?: string };
  /** The source as just read; its ETag is required to still match. */
  head: ObjectHead;
  /** What to carry over, when already read with the head ({@link headWithAttributes}). */
  attributes?: ObjectAttributes & { ownerId?: string };
  destination: BucketEndpoint & { key: string };
  signal?: AbortSignal;
  addBytes?: (bytes: number) => void;
  log?: (line: string) => void;
}

/**
 * Copies one object with everything it has, then checks the copy. Within a connection it is a
 * server-side copy (multipart above the threshold); across connections (another server, or the same
 * bucket name elsewhere) the bytes stream from the source's own client to the destination's. Returns
 * whether the ACL had to be left behind because the destination bucket has ACLs disabled.
 */
export async function copyObjectWithAttributes({ source, head, attributes: known, destination, signal, addBytes = () => undefined, log = () => undefined }: ObjectCopy): Promise<{ aclDropped: boolean }> {
  if (source.connectionName === destination.connectionName && source.bucket === destination.bucket && source.key === destination.key && !source.versionId) {
    throw new S3Error('Other', `${s3Text(source.bucket, source.key)} cannot be copied onto itself.`);
  }
  const attributes = known ?? (await attributesOf(source.service, source.bucket, source.key, head, source.versionId, signal));
  const target = { bucket: destination.bucket, key: destination.key };
  const sameConnection = source.connectionName === destination.connectionName;
  // Canonical user ids mean nothing on another server; reading by everyone or by any signed-in
  // user does, and goes as the canned ACL that says it (which keeps the writer's full control).
  const grants = sameConnection ? attributes.grants : portableGrants(attributes.grants);
  let moved = 0;
  const count = (bytes: number) => {
    moved += bytes;
    addBytes(bytes);
  };
  const write = async (withGrants: Grant[] | undefined) => {
    if (sameConnection) {
      await destination.service.copyObject({ source: { bucket: source.bucket, key: source.key, versionId: source.versionId, etag: head.etag, size: head.size }, target, attributes: { ...attributes, grants: withGrants }, signal });
      count(head.size);
      return;
    }
    const stream = await source.service.getObjectStream(source.bucket, source.key, source.versionId, signal);
    try {
      await destination.service.putObject({ ...target, ...attributes, grants: withGrants, ownerId: undefined, body: countedBytes(stream.body, count), size: stream.size, signal });
    } catch (error) {
      stream.discard(); // a refused upload leaves the download half-read: free its connection
      throw error;
    }
  };
  let aclDropped = false;
  try {
    await write(grants);
  } catch (error) {
    // A bucket with ACLs disabled (Object Ownership "Bucket owner enforced", the AWS default since
    // 2023) refuses any ACL but the owner's: access there is the bucket policy's business.
    if (!(error instanceof S3Error && error.code === 'AccessControlListNotSupported') || !grants?.length) {
      throw error;
    }
    log(`COPY to ${s3Text(target.bucket, target.key)}: the bucket has ACLs disabled; copied without the source's grants`);
    addBytes(-moved);
    moved = 0;
    await write(undefined);
    aclDropped = true;
  }
  if (!sameConnection) {
    // A server-side copy is complete or absent (and pinned to the source's ETag); a streamed one is
    // checked, since a short stream from one server would otherwise be a short object on the other.
    const copied = await destination.service.headObject(target.bucket, target.key, undefined, signal);
    if (copied.size !== head.size) {
      throw new S3Error('Other', `The copy at ${s3Text(target.bucket, target.key)} has ${copied.size} bytes, the source ${head.size}: it is not a verified copy, so the source was kept.`);
    }
  }
  await ensureTags(destination.service, target.bucket, target.key, attributes.tags ?? {}, signal, log);
  return { aclDropped };
}

function sameTags(a: Record<string, string>, b: Record<string, string>): boolean {
  const names = Object.keys(a);
  return names.length === Object.keys(b).length && names.every((name) => b[name] === a[name]);
}

/**
 * Makes sure the copy has the source's tags. Some servers (Ceph RGW) drop the x-amz-tagging of a
 * CopyObject or CreateMultipartUpload without an error; then they are set on their own.
 */
async function ensureTags(service: S3Service, bucket: string, key: string, tags: Record<string, string>, signal: AbortSignal | undefined, log: (line: string) => void): Promise<void> {
  if (Object.keys(tags).length === 0 || sameTags(tags, await service.getObjectTags(bucket, key, undefined, signal))) {
    return;
  }
  log(`COPY to ${s3Text(bucket, key)}: the server did not keep the tags sent with the copy; setting them on their own`);
  await service.putObjectTags(bucket, key, tags, signal);
}

/** One key to copy: where from, where to, and its size as listed. */
export interface CopyPair {
  sourceKey: string;
  targetKey: string;
  size: number;
}

export interface CopyJob {
  source: BucketEndpoint;
  destination: BucketEndpoint;
  /** A move deletes each source once its copy is verified, so every key is always in at least one place. */
  removeSource: boolean;
  /** Copies this version of a single object (not the latest). */
  versionId?: string;
  /** Target keys that already exist and must be left alone (the user chose Skip). */
  skipTargets?: ReadonlySet<string>;
  log?: (line: string) => void;
}

/** What a run of copy tasks did beyond the engine's outcome. */
export class CopyRecord {
  /** Copies made without the source's ACL (the destination has ACLs disabled). */
  withoutAcl = 0;
  /** Target keys written, so a copy into a new folder that stops can remove them again. */
  readonly copiedTargets: string[] = [];
}

/** The task that copies (or moves) one key. */
export function copyTask(job: CopyJob, pair: CopyPair, record: CopyRecord): TransferTask {
  const { source, destination } = job;
  const from = s3Text(source.bucket, pair.sourceKey);
  const to = s3Text(destination.bucket, pair.targetKey);
  return {
    label: `${from} → ${to}`,
    bytes: pair.size,
    async run(signal, addBytes) {
      if (job.skipTargets?.has(pair.targetKey)) {
        return { skipped: `${to} already exists` };
      }
      const { head, attributes } = await headWithAttributes(source.service, source.bucket, pair.sourceKey, job.versionId, signal);
      const { aclDropped } = await copyObjectWithAttributes({
        source: { ...source, key: pair.sourceKey, versionId: job.versionId },
        head,
        attributes,
        destination: { ...destination, key: pair.targetKey },
        signal,
        addBytes,
        log: job.log,
      });
      record.withoutAcl += aclDropped ? 1 : 0;
      record.copiedTargets.push(pair.targetKey);
      if (job.removeSource) {
        try {
          await source.service.deleteObjects(source.bucket, [{ key: pair.sourceKey }], signal);
        } catch (error) {
          const reason = error instanceof Error ? error.message : String(error);
          throw new S3Error(error instanceof S3Error ? error.kind : 'Other', `Copied to ${to}, but the source could not be deleted, so it is in both places: ${reason}`, error instanceof S3Error ? error.code : undefined);
        }
      }
      return undefined;
    },
  };
}

/** Every key under `fromPrefix` as a pair whose target is under `toPrefix`, a listed page at a time. */
export async function* prefixPairs(pages: AsyncIterable<ObjectSummary[]>, fromPrefix: string, toPrefix: string): AsyncIterable<CopyPair[]> {
  for await (const page of pages) {
    yield page.map((object) => ({ sourceKey: object.key, targetKey: toPrefix + object.key.slice(fromPrefix.length), size: object.size }));
  }
}

/** Pages of pairs as pages of copy tasks. */
export async function* copyTaskPages(job: CopyJob, pairs: AsyncIterable<CopyPair[]> | Iterable<CopyPair>, record: CopyRecord): AsyncIterable<TransferTask[]> {
  if (Symbol.asyncIterator in pairs) {
    for await (const page of pairs) {
      yield page.map((pair) => copyTask(job, pair, record));
    }
  } else {
    yield [...pairs].map((pair) => copyTask(job, pair, record));
  }
}
