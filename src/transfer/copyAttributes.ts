// What a copy carries over and how: a source's attributes, tags and ACL (refused when unreadable,
// never dropped), and the one implementation of "copy one object with everything it has" that the
// commands, drag & drop and the file system provider all run. Free of `vscode`, so the benchmark runs
// the very same code.
import { S3Error } from '../s3/errors';
import type { S3Service } from '../s3/service';
import { ALL_USERS, AUTHENTICATED_USERS, type Grant, type ObjectAcl, type ObjectAttributes, type ObjectHead } from '../s3/types';
import { s3Text } from '../ui/format';
import { l10n } from '../l10n';

/** A bucket on a connection, with the service that reaches it. */
export interface BucketEndpoint {
  connectionName: string;
  service: S3Service;
  bucket: string;
}

/** Tags and ACL that cannot be read are refused, not dropped: the write would lose them. */
function refuseUnreadable(bucket: string, key: string, what: 'tags' | 'acl', permission: string): (error: unknown) => never {
  return (error) => {
    if (error instanceof S3Error && error.kind === 'AccessDenied') {
      throw new S3Error(
        'AccessDenied',
        what === 'tags'
          ? l10n.t('Cannot read the tags of {0} ({1} is denied), and writing without them would drop them, so nothing was written.', s3Text(bucket, key), permission)
          : l10n.t('Cannot read the access control list of {0} ({1} is denied), and writing without them would drop them, so nothing was written.', s3Text(bucket, key), permission),
        error.code,
      );
    }
    throw error;
  };
}

function readTagsAndAcl(service: S3Service, bucket: string, key: string, versionId: string | undefined, signal: AbortSignal | undefined, withAcl: boolean): Promise<[Record<string, string>, ObjectAcl | undefined]> {
  return Promise.all([
    service.getObjectTags(bucket, key, versionId, signal).catch(refuseUnreadable(bucket, key, 'tags', 's3:GetObjectTagging')),
    withAcl ? service.getObjectAcl(bucket, key, versionId, signal).catch(refuseUnreadable(bucket, key, 'acl', 's3:GetObjectAcl')) : undefined,
  ]);
}

/**
 * The attributes to give a copy. With `keepAccessAndEncryption` false, a copy is a new object at its
 * destination and gets that bucket's default access (never the source's public grants) and encryption.
 */
function attributesFrom(head: ObjectHead, tags: Record<string, string>, acl: ObjectAcl | undefined, keepAccessAndEncryption: boolean): ObjectAttributes & { ownerId?: string } {
  const access = keepAccessAndEncryption
    ? { serverSideEncryption: head.serverSideEncryption, kmsKeyId: head.kmsKeyId, bucketKeyEnabled: head.bucketKeyEnabled, grants: acl?.grants, ownerId: acl?.ownerId }
    : {};
  return {
    contentType: head.contentType,
    cacheControl: head.cacheControl,
    contentDisposition: head.contentDisposition,
    contentEncoding: head.contentEncoding,
    contentLanguage: head.contentLanguage,
    metadata: head.metadata,
    storageClass: head.storageClass,
    expires: head.expires,
    websiteRedirectLocation: head.websiteRedirectLocation,
    objectLockMode: head.objectLockMode,
    objectLockRetainUntilDate: head.objectLockRetainUntilDate,
    objectLockLegalHold: head.objectLockLegalHold,
    tags,
    ...access,
  };
}

/**
 * Everything a replacement or copy of an object must carry over: the HEAD fields, tags and ACL.
 * Refuses (rather than silently dropping them) when tags or the ACL cannot be read.
 */
export async function attributesOf(service: S3Service, bucket: string, key: string, head: ObjectHead, versionId?: string, signal?: AbortSignal, keepAccessAndEncryption = true): Promise<ObjectAttributes & { ownerId?: string }> {
  const [tags, acl] = await readTagsAndAcl(service, bucket, key, versionId, signal, keepAccessAndEncryption);
  return attributesFrom(head, tags, acl, keepAccessAndEncryption);
}

/** The HEAD and what to carry over, read with up to three requests at once (a copy of many keys waits for one round trip, not two). */
export async function headWithAttributes(service: S3Service, bucket: string, key: string, versionId: string | undefined, signal: AbortSignal, keepAccessAndEncryption: boolean): Promise<{ head: ObjectHead; attributes: ObjectAttributes & { ownerId?: string } }> {
  const [head, [tags, acl]] = await Promise.all([service.headObject(bucket, key, versionId, signal), readTagsAndAcl(service, bucket, key, versionId, signal, keepAccessAndEncryption)]);
  return { head, attributes: attributesFrom(head, tags, acl, keepAccessAndEncryption) };
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
  /** The source as just read (or listed); its ETag is required to still match. */
  head: ObjectHead;
  /**
   * Carry over the source's ACL grants and encryption too (a move, a rename: the original goes
   * away). Without, the copy gets the destination bucket's default access and encryption.
   */
  keepAccessAndEncryption: boolean;
  /** What to carry over, when already read with the head. */
  attributes?: ObjectAttributes & { ownerId?: string };
  destination: BucketEndpoint & { key: string };
  signal?: AbortSignal;
  addBytes?: (bytes: number) => void;
  log?: (line: string) => void;
}

/**
 * Copies one object with its content, metadata, content headers, tags and storage class (and, when
 * asked, its ACL grants and encryption), then checks the copy. Within a connection it is a server-side
 * copy (multipart above the threshold; a single request when access and encryption are not carried
 * over, since the server copies the rest itself); across connections (another server, or the same
 * bucket name elsewhere), or where the server cannot copy the object, the bytes stream from the
 * source's own client to the destination's. Returns whether the ACL had to be left behind because
 * the destination bucket has ACLs disabled, and whether the tags were, because its server has no tagging.
 */
export async function copyObjectWithAttributes({ source, head, keepAccessAndEncryption, attributes: known, destination, signal, addBytes = () => undefined, log = () => undefined }: ObjectCopy): Promise<{ aclDropped: boolean; tagsDropped: boolean }> {
  if (source.connectionName === destination.connectionName && source.bucket === destination.bucket && source.key === destination.key && !source.versionId) {
    throw new S3Error('Other', l10n.t('{0} cannot be copied onto itself.', s3Text(source.bucket, source.key)));
  }
  const target = { bucket: destination.bucket, key: destination.key };
  const sameConnection = source.connectionName === destination.connectionName;
  const copySource = { bucket: source.bucket, key: source.key, versionId: source.versionId, etag: head.etag, size: head.size };
  let streamed = !sameConnection;
  // Some objects a server cannot copy on its side (Ceph RGW answers 501 for any SSE-KMS source):
  // those go through this machine like a copy between connections.
  const streamInstead = (error: unknown): void => {
    if (!(error instanceof S3Error && error.kind === 'NotImplemented')) {
      throw error;
    }
    log(`COPY to ${s3Text(target.bucket, target.key)}: the server cannot copy this object on its side (${error.code ?? 'NotImplemented'}); streaming it instead`);
    streamed = true;
  };
  if (sameConnection && !keepAccessAndEncryption) {
    try {
      // A multipart copy reads the source's attributes through the source's service (its region's client).
      const { inParts } = await destination.service.copyObject({ source: copySource, target, storageClass: head.storageClass, sourceService: source.service, signal });
      addBytes(head.size);
      if (inParts) {
        // A multipart copy sends the tags itself, which some servers drop (see ensureTags).
        const tagsDropped = await ensureTags(destination.service, target.bucket, target.key, await source.service.getObjectTags(source.bucket, source.key, source.versionId, signal), signal, log);
        return { aclDropped: false, tagsDropped };
      }
      return { aclDropped: false, tagsDropped: false };
    } catch (error) {
      streamInstead(error);
      // The head may be the listing's (no content headers or metadata): a streamed copy sends them itself.
      head = await source.service.headObject(source.bucket, source.key, source.versionId, signal);
    }
  }
  const attributes = known ?? (await attributesOf(source.service, source.bucket, source.key, head, source.versionId, signal, keepAccessAndEncryption));
  // Canonical user ids mean nothing on another server; reading by everyone or by any signed-in
  // user does, and goes as the canned ACL that says it (which keeps the writer's full control).
  const grants = sameConnection ? attributes.grants : portableGrants(attributes.grants);
  let moved = 0;
  const count = (bytes: number) => {
    moved += bytes;
    addBytes(bytes);
  };
  const write = async (withGrants: Grant[] | undefined) => {
    if (!streamed) {
      try {
        await destination.service.copyObject({ source: copySource, target, attributes: { ...attributes, grants: withGrants }, signal });
        if (!hasLock(attributes) || lockKept(await destination.service.headObject(target.bucket, target.key, undefined, signal), attributes)) {
          count(head.size);
          return;
        }
        log(`COPY to ${s3Text(target.bucket, target.key)}: the server did not apply the Object Lock settings to its copy; streaming it instead`);
        streamed = true;
      } catch (error) {
        streamInstead(error);
      }
    }
    const stream = await source.service.getObjectStream(source.bucket, source.key, source.versionId, signal);
    try {
      await destination.service.putObject({ ...target, ...attributes, grants: withGrants, ownerId: sameConnection ? attributes.ownerId : undefined, body: countedBytes(stream.body, count), size: stream.size, signal });
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
  if (streamed) {
    // A server-side copy is complete or absent (and pinned to the source's ETag); a streamed one is
    // checked, since a short stream would otherwise be a short object.
    const copied = await destination.service.headObject(target.bucket, target.key, undefined, signal);
    if (copied.size !== head.size) {
      throw new S3Error('Other', l10n.t('The copy at {0} has {1} bytes, the source {2}: it is not a verified copy, so the source was kept.', s3Text(target.bucket, target.key), copied.size, head.size));
    }
  }
  const tagsDropped = await ensureTags(destination.service, target.bucket, target.key, attributes.tags ?? {}, signal, log);
  return { aclDropped, tagsDropped };
}

/** A running retention (mode and a date still ahead) and a legal hold: what Object Lock protects now. */
function activeLock(attributes: ObjectAttributes): string {
  const until = attributes.objectLockRetainUntilDate;
  const retention = attributes.objectLockMode && until && until.getTime() > Date.now() ? `${attributes.objectLockMode} until ${until.getTime()}` : '';
  return `${retention}; hold ${attributes.objectLockLegalHold === 'ON' ? 'on' : 'off'}`;
}

function hasLock(attributes: ObjectAttributes): boolean {
  return activeLock(attributes) !== activeLock({});
}

/** Whether an object has the Object Lock it was written with: Ceph RGW 16 ignores Object Lock on a copy. */
export function lockKept(after: ObjectAttributes, wanted: ObjectAttributes): boolean {
  return activeLock(after) === activeLock(wanted);
}

function sameTags(a: Record<string, string>, b: Record<string, string>): boolean {
  const names = Object.keys(a);
  return names.length === Object.keys(b).length && names.every((name) => b[name] === a[name]);
}

/**
 * Makes sure the copy has the source's tags. Some servers (Ceph RGW) drop the x-amz-tagging of a
 * CopyObject or CreateMultipartUpload without an error; then they are set on their own. A server
 * without object tagging (R2) cannot hold them: the copy stands, and the result says the tags were
 * dropped (true), so the caller can say so instead of failing a copy that is made.
 */
export async function ensureTags(service: S3Service, bucket: string, key: string, tags: Record<string, string>, signal: AbortSignal | undefined, log: (line: string) => void): Promise<boolean> {
  if (Object.keys(tags).length === 0 || sameTags(tags, await service.getObjectTags(bucket, key, undefined, signal))) {
    return false;
  }
  log(`COPY to ${s3Text(bucket, key)}: the server did not keep the tags sent with the copy; setting them on their own`);
  try {
    await service.putObjectTags(bucket, key, tags, signal);
    return false;
  } catch (error) {
    if (!(error instanceof S3Error && error.kind === 'NotImplemented')) {
      throw error;
    }
    log(`COPY to ${s3Text(bucket, key)}: the server does not implement object tagging; copied without the source's tags`);
    return true;
  }
}
