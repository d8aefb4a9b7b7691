// Whole objects: head, get (bytes or a stream), a single PutObject of bytes, restore, delete.
import { DeleteObjectsCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand, RestoreObjectCommand } from '@aws-sdk/client-s3';
import { Readable } from 'node:stream';
import { S3Error, toS3Error } from '../errors';
import type { DeleteReport, ObjectContent, ObjectHead, ObjectRange, ObjectStream, PutObjectRequest, RestoreTier, VersionedKey } from '../types';
import { l10n } from '../../l10n';
import type { SdkConnection } from './connection';
import { headFields, putParams } from './objectParams';

export class ObjectsAdapter {
  constructor(private readonly connection: SdkConnection) {}

  async headObject(bucket: string, key: string, versionId?: string, signal?: AbortSignal): Promise<ObjectHead> {
    try {
      return headFields(key, await this.connection.client.send(new HeadObjectCommand({ Bucket: bucket, Key: key, VersionId: versionId }), { abortSignal: signal }));
    } catch (error) {
      throw toS3Error(error, this.connection.context(bucket, key));
    }
  }

  async getObject(bucket: string, key: string, versionId?: string, signal?: AbortSignal, maxBytes?: number): Promise<ObjectContent> {
    try {
      const object = await this.connection.client.send(new GetObjectCommand({ Bucket: bucket, Key: key, VersionId: versionId }), { abortSignal: signal });
      const size = object.ContentLength ?? 0;
      if (maxBytes !== undefined && size > maxBytes) {
        // Refused on the response headers, before the body is read.
        (object.Body as Readable | undefined)?.destroy();
        throw new S3Error('TooLarge', l10n.t('s3://{0}/{1} is {2} bytes, above the {3}-byte limit for reading it whole.', bucket, key, size.toLocaleString(), maxBytes.toLocaleString()), 'TooLarge');
      }
      return { body: object.Body ? await object.Body.transformToByteArray() : new Uint8Array(), etag: object.ETag, lastModified: object.LastModified, size };
    } catch (error) {
      throw toS3Error(error, this.connection.context(bucket, key));
    }
  }

  async getObjectStream(bucket: string, key: string, versionId?: string, signal?: AbortSignal, range?: ObjectRange): Promise<ObjectStream> {
    try {
      const object = await this.connection.client.send(
        new GetObjectCommand({ Bucket: bucket, Key: key, VersionId: versionId, Range: range ? `bytes=${range.start}-${range.end}` : undefined, IfMatch: range?.ifMatch }),
        { abortSignal: signal },
      );
      const body = (object.Body as Readable | undefined) ?? Readable.from([]);
      // "bytes 0-16777215/268435456": the whole object's size after the slash.
      const total = /\/(\d+)$/.exec(object.ContentRange ?? '')?.[1];
      return { body, size: object.ContentLength ?? 0, objectSize: total === undefined ? undefined : Number(total), etag: object.ETag, lastModified: object.LastModified, metadata: object.Metadata, discard: () => body.destroy() };
    } catch (error) {
      throw toS3Error(error, this.connection.context(bucket, key));
    }
  }

  /** Bytes in one PutObject; a stream body goes through {@link MultipartAdapter.putStream}. */
  putObject(request: PutObjectRequest, body: Uint8Array): Promise<{ etag?: string }> {
    const { bucket, key, signal } = request;
    const params = putParams(request);
    return this.connection.request(this.connection.context(bucket, key), async () => ({
      etag: (await this.connection.client.send(new PutObjectCommand({ ...params, Body: body, IfMatch: request.ifMatch }), { abortSignal: signal })).ETag,
    }));
  }

  // Here, not in access.ts: a restore brings an archived object's bytes back to a readable tier; it grants no one access.
  restoreObject(bucket: string, key: string, days: number, tier: RestoreTier, signal?: AbortSignal): Promise<void> {
    return this.connection.request(this.connection.context(bucket, key), async () => {
      await this.connection.client.send(new RestoreObjectCommand({ Bucket: bucket, Key: key, RestoreRequest: { Days: days, GlacierJobParameters: { Tier: tier } } }), { abortSignal: signal });
    });
  }

  async deleteObjects(bucket: string, keys: VersionedKey[], signal?: AbortSignal): Promise<void> {
    for (let start = 0; start < keys.length; start += 1000) {
      const batch = keys.slice(start, start + 1000).map(({ key, versionId }) => ({ Key: key, VersionId: versionId }));
      await this.connection.request(this.connection.context(bucket), () => this.deleteBatch(bucket, batch, signal));
    }
  }

  /** One DeleteObjects request; S3 answers 200 even when keys fail, so the per-key errors are checked. */
  private async deleteBatch(bucket: string, objects: Array<{ Key: string; VersionId?: string }>, signal?: AbortSignal): Promise<void> {
    const result = await this.connection.client.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: objects, Quiet: true } }), { abortSignal: signal });
    const failures = result.Errors ?? [];
    if (failures.length > 0) {
      const first = failures[0];
      throw new S3Error(
        first.Code === 'AccessDenied' ? 'AccessDenied' : 'Other',
        l10n.t('{0} of {1} deletions in bucket "{2}" failed, e.g. "{3}": {4} {5}', failures.length, objects.length, bucket, String(first.Key), String(first.Code), first.Message ?? '').trim(),
        first.Code,
      );
    }
  }

  deleteObjectsReporting(bucket: string, keys: string[], signal?: AbortSignal): Promise<DeleteReport> {
    return this.connection.request(this.connection.context(bucket), async () => {
      const failed: DeleteReport['failed'] = [];
      for (let start = 0; start < keys.length; start += 1000) {
        const objects = keys.slice(start, start + 1000).map((key) => ({ Key: key }));
        const result = await this.connection.client.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: objects, Quiet: true } }), { abortSignal: signal });
        for (const error of result.Errors ?? []) {
          failed.push({ key: error.Key ?? '', code: error.Code ?? 'Unknown', message: error.Message ?? '' });
        }
      }
      return { failed };
    });
  }
}
