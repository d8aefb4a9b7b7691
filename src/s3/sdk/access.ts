// Who may do what with an object and for how long: tags, ACLs, presigned URLs, the signing credentials.
import { GetObjectAclCommand, GetObjectCommand, GetObjectTaggingCommand, PutObjectAclCommand, PutObjectCommand, PutObjectTaggingCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { toS3Error } from '../errors';
import type { CannedAcl, Grant, ObjectAcl, Permission, PresignRequest, SigningCredentials } from '../types';
import type { SdkConnection } from './connection';
import { attachmentDisposition } from './objectParams';

export class AccessAdapter {
  constructor(private readonly connection: SdkConnection) {}

  async getObjectTags(bucket: string, key: string, versionId?: string, signal?: AbortSignal): Promise<Record<string, string>> {
    try {
      const result = await this.connection.client.send(new GetObjectTaggingCommand({ Bucket: bucket, Key: key, VersionId: versionId }), { abortSignal: signal });
      return Object.fromEntries((result.TagSet ?? []).flatMap((tag) => (tag.Key === undefined ? [] : [[tag.Key, tag.Value ?? '']])));
    } catch (error) {
      throw toS3Error(error, this.connection.context(bucket, key));
    }
  }

  putObjectTags(bucket: string, key: string, tags: Record<string, string>, signal?: AbortSignal): Promise<void> {
    return this.connection.request(this.connection.context(bucket, key), async () => {
      const TagSet = Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
      await this.connection.client.send(new PutObjectTaggingCommand({ Bucket: bucket, Key: key, Tagging: { TagSet } }), { abortSignal: signal });
    });
  }

  async getObjectAcl(bucket: string, key: string, versionId?: string, signal?: AbortSignal): Promise<ObjectAcl | undefined> {
    try {
      const result = await this.connection.client.send(new GetObjectAclCommand({ Bucket: bucket, Key: key, VersionId: versionId }), { abortSignal: signal });
      const grants = (result.Grants ?? []).flatMap((grant): Grant[] => {
        const permission = grant.Permission as Permission | undefined;
        const grantee = grant.Grantee;
        if (!permission || !grantee) {
          return [];
        }
        if (grantee.Type === 'Group' && grantee.URI) {
          return [{ permission, uri: grantee.URI }];
        }
        if (grantee.Type === 'AmazonCustomerByEmail' && grantee.EmailAddress) {
          return [{ permission, emailAddress: grantee.EmailAddress }];
        }
        return grantee.ID ? [{ permission, id: grantee.ID }] : [];
      });
      return { ownerId: result.Owner?.ID, grants };
    } catch (error) {
      throw toS3Error(error, this.connection.context(bucket, key));
    }
  }

  putObjectAcl(bucket: string, key: string, acl: CannedAcl, signal?: AbortSignal): Promise<void> {
    return this.connection.request(this.connection.context(bucket, key), async () => {
      await this.connection.client.send(new PutObjectAclCommand({ Bucket: bucket, Key: key, ACL: acl }), { abortSignal: signal });
    });
  }

  presignedUrl(request: PresignRequest): Promise<string> {
    const { bucket, key } = request;
    const presigningClient = this.connection.presigningClient();
    const command =
      request.method === 'GET'
        ? new GetObjectCommand({ Bucket: bucket, Key: key, VersionId: request.versionId, ResponseContentDisposition: request.downloadAs ? attachmentDisposition(request.downloadAs) : undefined })
        : new PutObjectCommand({ Bucket: bucket, Key: key, ContentType: request.contentType });
    // A Content-Type is signed, so the uploader must send exactly it and the object gets it.
    const signableHeaders = request.method === 'PUT' && request.contentType ? new Set(['content-type']) : undefined;
    return this.connection.request(this.connection.context(bucket, key), () => getSignedUrl(presigningClient, command, { expiresIn: request.expiresInSeconds, signableHeaders }));
  }

  signingCredentials(): Promise<SigningCredentials> {
    return this.connection.request(this.connection.context(), async () => {
      const { expiration, sessionToken } = await this.connection.settings.credentials();
      return { expiration, temporary: Boolean(sessionToken) };
    });
  }
}
