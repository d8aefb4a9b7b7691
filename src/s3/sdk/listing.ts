// Listings: a folder's page, every key under a prefix, a key's versions, deleted keys, a bucket's first versions.
import { ListObjectVersionsCommand, ListObjectsV2Command, paginateListObjectsV2 } from '@aws-sdk/client-s3';
import { toS3Error } from '../errors';
import type { DeletedKey, FolderPage, ListFolderRequest, ObjectSummary, ObjectVersion, VersionedKey, VersionTotals } from '../types';
import type { SdkConnection } from './connection';

export class ListingAdapter {
  constructor(private readonly connection: SdkConnection) {}

  async listFolder({ bucket, prefix, token, pageSize, flat, signal }: ListFolderRequest): Promise<FolderPage> {
    try {
      const page = await this.connection.client.send(
        new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, Delimiter: flat ? undefined : '/', ContinuationToken: token, MaxKeys: pageSize }),
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
      throw toS3Error(error, this.connection.context(bucket, prefix));
    }
  }

  async *listKeys(bucket: string, prefix: string, signal?: AbortSignal, startAfter?: string): AsyncIterable<ObjectSummary[]> {
    const pages = paginateListObjectsV2({ client: this.connection.client, pageSize: 1000 }, { Bucket: bucket, Prefix: prefix, StartAfter: startAfter })[Symbol.asyncIterator]();
    for (;;) {
      let next;
      try {
        signal?.throwIfAborted();
        next = await pages.next();
      } catch (error) {
        throw toS3Error(error, this.connection.context(bucket, prefix));
      }
      if (next.done) {
        return;
      }
      yield (next.value.Contents ?? []).flatMap((object) =>
        object.Key === undefined ? [] : [{ key: object.Key, size: object.Size ?? 0, lastModified: object.LastModified, etag: object.ETag, storageClass: object.StorageClass }],
      );
    }
  }

  async versionTotals(bucket: string, prefix: string, signal?: AbortSignal): Promise<VersionTotals> {
    const totals: VersionTotals = { noncurrentVersions: 0, noncurrentBytes: 0, deleteMarkers: 0 };
    let keyMarker: string | undefined;
    let versionIdMarker: string | undefined;
    try {
      do {
        const page = await this.connection.client.send(new ListObjectVersionsCommand({ Bucket: bucket, Prefix: prefix, KeyMarker: keyMarker, VersionIdMarker: versionIdMarker }), { abortSignal: signal });
        for (const version of page.Versions ?? []) {
          if (!version.IsLatest) {
            totals.noncurrentVersions++;
            totals.noncurrentBytes += version.Size ?? 0;
          }
        }
        totals.deleteMarkers += page.DeleteMarkers?.length ?? 0;
        keyMarker = page.IsTruncated ? page.NextKeyMarker : undefined;
        versionIdMarker = page.IsTruncated ? page.NextVersionIdMarker : undefined;
      } while (keyMarker);
    } catch (error) {
      throw toS3Error(error, this.connection.context(bucket, prefix));
    }
    return totals;
  }

  async listObjectVersions(bucket: string, key: string, signal?: AbortSignal): Promise<ObjectVersion[]> {
    const versions: ObjectVersion[] = [];
    let keyMarker: string | undefined;
    let versionIdMarker: string | undefined;
    try {
      do {
        const page = await this.connection.client.send(new ListObjectVersionsCommand({ Bucket: bucket, Prefix: key, KeyMarker: keyMarker, VersionIdMarker: versionIdMarker }), { abortSignal: signal });
        for (const version of page.Versions ?? []) {
          if (version.Key === key && version.VersionId) {
            versions.push({ versionId: version.VersionId, isLatest: version.IsLatest ?? false, lastModified: version.LastModified, size: version.Size ?? 0, isDeleteMarker: false });
          }
        }
        for (const marker of page.DeleteMarkers ?? []) {
          if (marker.Key === key && marker.VersionId) {
            versions.push({ versionId: marker.VersionId, isLatest: marker.IsLatest ?? false, lastModified: marker.LastModified, size: 0, isDeleteMarker: true });
          }
        }
        // Keys come in order and `key` is the first with its own prefix: once the listing has moved
        // past it (into `key/…` or `key2`), every version of it is in.
        const more = page.IsTruncated && page.NextKeyMarker === key;
        keyMarker = more ? page.NextKeyMarker : undefined;
        versionIdMarker = more ? page.NextVersionIdMarker : undefined;
      } while (keyMarker);
    } catch (error) {
      throw toS3Error(error, this.connection.context(bucket, key));
    }
    return versions.sort((a, b) => (b.lastModified?.getTime() ?? 0) - (a.lastModified?.getTime() ?? 0));
  }

  async listDeletedKeys(bucket: string, prefix: string, limit: number, signal?: AbortSignal): Promise<{ keys: DeletedKey[]; more: boolean }> {
    const keys: DeletedKey[] = [];
    let keyMarker: string | undefined;
    let versionIdMarker: string | undefined;
    try {
      do {
        const page = await this.connection.client.send(new ListObjectVersionsCommand({ Bucket: bucket, Prefix: prefix, Delimiter: '/', KeyMarker: keyMarker, VersionIdMarker: versionIdMarker }), { abortSignal: signal });
        for (const marker of page.DeleteMarkers ?? []) {
          if (marker.IsLatest && marker.Key && marker.VersionId && marker.Key !== prefix) {
            if (keys.length === limit) {
              return { keys, more: true };
            }
            keys.push({ key: marker.Key, markerVersionId: marker.VersionId, deletedAt: marker.LastModified });
          }
        }
        keyMarker = page.IsTruncated ? page.NextKeyMarker : undefined;
        versionIdMarker = page.IsTruncated ? page.NextVersionIdMarker : undefined;
      } while (keyMarker);
    } catch (error) {
      throw toS3Error(error, this.connection.context(bucket, prefix));
    }
    return { keys, more: false };
  }

  firstVersions(bucket: string, signal?: AbortSignal): Promise<VersionedKey[]> {
    return this.connection.request(this.connection.context(bucket), async () => {
      const page = await this.connection.client.send(new ListObjectVersionsCommand({ Bucket: bucket, MaxKeys: 1000 }), { abortSignal: signal });
      return [...(page.Versions ?? []), ...(page.DeleteMarkers ?? [])].flatMap((version) => (version.Key === undefined ? [] : [{ key: version.Key, versionId: version.VersionId }]));
    });
  }
}
