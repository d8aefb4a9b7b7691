// Pure mapping between the extension's types and the SDK's request and response fields: no client, no requests.
import type { HeadObjectCommandOutput, ObjectCannedACL, ObjectLockLegalHoldStatus, ObjectLockMode, PutObjectCommandInput, ServerSideEncryption, StorageClass } from '@aws-sdk/client-s3';
import { ALL_USERS, AUTHENTICATED_USERS } from '../types';
import type { Grant, ObjectAttributes, ObjectHead, Permission, PutObjectRequest } from '../types';

/** `bucket/key` for x-amz-copy-source, each key segment URL-encoded. */
export function copySource(bucket: string, key: string): string {
  return `${bucket}/${key.split('/').map(encodeURIComponent).join('/')}`;
}

export function headFields(key: string, head: HeadObjectCommandOutput): ObjectHead {
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
export function attributeParams(attributes: ObjectAttributes & { ownerId?: string }): Partial<PutObjectCommandInput> {
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

/** A write's PutObject params but its body and If-Match: the attributes, If-None-Match and a canned ACL. */
export function putParams(request: PutObjectRequest): PutObjectCommandInput {
  const { bucket, key } = request;
  const params: PutObjectCommandInput = { Bucket: bucket, Key: key, ...attributeParams(request), IfNoneMatch: request.ifNoneMatch ? '*' : undefined };
  if (request.cannedAcl) {
    params.ACL = request.cannedAcl as ObjectCannedACL;
  }
  return params;
}

export function isAsyncIterable(body: unknown): body is AsyncIterable<Uint8Array> {
  return typeof body === 'object' && body !== null && Symbol.asyncIterator in body;
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
