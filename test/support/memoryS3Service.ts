// An in-memory S3Service for the unit tests of command and planning logic (placement, naming,
// conflicts, reports): buckets of keys with their bytes, ETags and attributes, the listing rules
// (delimiter folders, pages, keys in byte order), conditional writes, per-key failures. It is not a
// server: versions, ACL semantics, multipart and signing are left to the integration tests, which run
// against a real S3.
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { S3Error } from '../../src/s3/errors';
import type { S3Service } from '../../src/s3/service';
import type { CopyObjectRequest, DeleteReport, FolderPage, ListFolderRequest, ObjectAttributes, ObjectHead, ObjectRange, ObjectStream, ObjectSummary, PutObjectRequest, VersionedKey } from '../../src/s3/types';

interface StoredObject extends ObjectAttributes {
  body: Uint8Array;
  etag: string;
  lastModified: Date;
}

async function bytesOf(body: Uint8Array | AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  if (body instanceof Uint8Array) {
    return body;
  }
  const chunks: Uint8Array[] = [];
  for await (const chunk of body) {
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function notFound(bucket: string, key: string): S3Error {
  return new S3Error('NotFound', `s3://${bucket}/${key} does not exist`, 'NoSuchKey');
}

export class MemoryS3Service implements Partial<S3Service> {
  private readonly buckets = new Map<string, Map<string, StoredObject>>();
  /** Each bucket's keys in byte order, until the next write or delete. */
  private readonly orders = new Map<string, Array<[string, StoredObject]>>();
  /** Every request, one line each ("put b/k", "delete b/[k1,k2]"), for tests that assert what was asked. */
  readonly requests: string[] = [];
  /** Keys (`bucket/key`) whose writes and deletes are refused with AccessDenied. */
  readonly denied = new Set<string>();

  constructor(contents: Record<string, Record<string, string>> = {}) {
    for (const [bucket, objects] of Object.entries(contents)) {
      this.buckets.set(bucket, new Map());
      for (const [key, text] of Object.entries(objects)) {
        this.store(bucket, key, Buffer.from(text), {});
      }
    }
  }

  /** The text of every key of `bucket`, in key order: what a test compares after the work. */
  contents(bucket: string): Record<string, string> {
    return Object.fromEntries(this.sorted(bucket).map(([key, object]) => [key, Buffer.from(object.body).toString('utf8')]));
  }

  private bucket(name: string): Map<string, StoredObject> {
    const bucket = this.buckets.get(name);
    if (!bucket) {
      throw new S3Error('NotFound', `bucket "${name}" does not exist`, 'NoSuchBucket');
    }
    return bucket;
  }

  /** S3 lists keys in UTF-8 byte order, not JavaScript's UTF-16 order. */
  private sorted(bucket: string): Array<[string, StoredObject]> {
    let order = this.orders.get(bucket);
    if (!order) {
      order = [...this.bucket(bucket)].map(([key, object]) => ({ key, object, bytes: Buffer.from(key) })).sort((a, b) => Buffer.compare(a.bytes, b.bytes)).map(({ key, object }): [string, StoredObject] => [key, object]);
      this.orders.set(bucket, order);
    }
    return order;
  }

  private store(bucket: string, key: string, body: Uint8Array, attributes: ObjectAttributes): StoredObject {
    const object = { ...attributes, body, etag: `"${createHash('md5').update(body).digest('hex')}"`, lastModified: new Date() };
    this.bucket(bucket).set(key, object);
    this.orders.delete(bucket);
    return object;
  }

  private refuseDenied(bucket: string, key: string): void {
    if (this.denied.has(`${bucket}/${key}`)) {
      throw new S3Error('AccessDenied', `Access Denied to s3://${bucket}/${key}`, 'AccessDenied');
    }
  }

  private summary(key: string, object: StoredObject): ObjectSummary {
    return { key, size: object.body.length, lastModified: object.lastModified, etag: object.etag, storageClass: object.storageClass ?? 'STANDARD' };
  }

  async listFolder({ bucket, prefix, token, pageSize = 1000, flat = false }: ListFolderRequest): Promise<FolderPage> {
    this.requests.push(`list ${flat ? 'flat ' : ''}${bucket}/${prefix}`);
    const entries: Array<{ folder: string } | { file: ObjectSummary }> = [];
    const seen = new Set<string>();
    for (const [key, object] of this.sorted(bucket)) {
      if (!key.startsWith(prefix)) {
        continue;
      }
      const slash = flat ? -1 : key.indexOf('/', prefix.length);
      if (slash === -1) {
        entries.push({ file: this.summary(key, object) });
      } else if (!seen.has(key.slice(0, slash + 1))) {
        seen.add(key.slice(0, slash + 1));
        entries.push({ folder: key.slice(0, slash + 1) });
      }
    }
    const start = token ? Number(token) : 0;
    const page = entries.slice(start, start + pageSize);
    return {
      folders: page.flatMap((entry) => ('folder' in entry ? [{ prefix: entry.folder }] : [])),
      files: page.flatMap((entry) => ('file' in entry ? [entry.file] : [])),
      token: start + pageSize < entries.length ? String(start + pageSize) : undefined,
    };
  }

  async *listKeys(bucket: string, prefix: string, _signal?: AbortSignal, startAfter?: string): AsyncIterable<ObjectSummary[]> {
    this.requests.push(`list keys ${bucket}/${prefix}${startAfter === undefined ? '' : ` after ${startAfter}`}`);
    const order = this.sorted(bucket);
    // The first key after `startAfter` (or at the prefix), found by bisection as S3 seeks it.
    const from = Buffer.from(startAfter !== undefined && startAfter > prefix ? startAfter : prefix);
    let low = 0;
    let high = order.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      const sign = Buffer.compare(Buffer.from(order[middle][0]), from);
      if (sign < 0 || (sign === 0 && startAfter !== undefined && startAfter >= prefix)) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    let page: ObjectSummary[] = [];
    for (let index = low; index < order.length && order[index][0].startsWith(prefix); index++) {
      page.push(this.summary(order[index][0], order[index][1]));
      if (page.length === 1000) {
        yield page;
        page = [];
      }
    }
    if (page.length > 0) {
      yield page;
    }
  }

  async headObject(bucket: string, key: string): Promise<ObjectHead> {
    const object = this.bucket(bucket).get(key);
    if (!object) {
      throw notFound(bucket, key);
    }
    const { body, ...attributes } = object;
    return { ...attributes, key, size: body.length };
  }

  async getObjectTags(bucket: string, key: string): Promise<Record<string, string>> {
    return { ...(await this.headObject(bucket, key)).tags };
  }

  async getObjectAcl(): Promise<undefined> {
    return undefined;
  }

  async getObject(bucket: string, key: string): Promise<{ body: Uint8Array; etag?: string; lastModified?: Date; size: number }> {
    this.requests.push(`get ${bucket}/${key}`);
    const object = this.bucket(bucket).get(key);
    if (!object) {
      throw notFound(bucket, key);
    }
    return { body: object.body, etag: object.etag, lastModified: object.lastModified, size: object.body.length };
  }

  async getObjectStream(bucket: string, key: string, _versionId?: string, _signal?: AbortSignal, range?: ObjectRange): Promise<ObjectStream> {
    this.requests.push(`get ${bucket}/${key}${range ? ` ${range.start}-${range.end}` : ''}`);
    const object = this.bucket(bucket).get(key);
    if (!object) {
      throw notFound(bucket, key);
    }
    if (range?.ifMatch !== undefined && range.ifMatch.replace(/"/g, '') !== object.etag.replace(/"/g, '')) {
      throw new S3Error('PreconditionFailed', `s3://${bucket}/${key} was changed`, '412');
    }
    const body = range ? object.body.subarray(range.start, range.end + 1) : object.body;
    // In chunks of 64 KiB, as a socket delivers them.
    const chunks = Array.from({ length: Math.ceil(body.length / 65536) }, (_, i) => Buffer.from(body.subarray(i * 65536, (i + 1) * 65536)));
    return { body: Readable.from(chunks), size: body.length, objectSize: range ? object.body.length : undefined, etag: object.etag, lastModified: object.lastModified, metadata: object.metadata, discard: () => undefined };
  }

  async putObject({ bucket, key, body, ifMatch, ifNoneMatch, signal, reopenBody: _reopen, size: _size, ownerId: _owner, cannedAcl: _acl, ...attributes }: PutObjectRequest): Promise<{ etag?: string }> {
    this.requests.push(`put ${bucket}/${key}`);
    this.refuseDenied(bucket, key);
    const bytes = await bytesOf(body);
    signal?.throwIfAborted();
    const existing = this.bucket(bucket).get(key);
    if ((ifNoneMatch && existing) || (ifMatch !== undefined && existing?.etag.replace(/"/g, '') !== ifMatch.replace(/"/g, ''))) {
      throw new S3Error('PreconditionFailed', `s3://${bucket}/${key} was changed`, '412');
    }
    return { etag: this.store(bucket, key, bytes, attributes).etag };
  }

  async copyObject({ source, target, attributes, storageClass }: CopyObjectRequest): Promise<{ etag?: string; inParts: boolean }> {
    this.requests.push(`copy ${source.bucket}/${source.key} → ${target.bucket}/${target.key}`);
    this.refuseDenied(target.bucket, target.key);
    const from = this.bucket(source.bucket).get(source.key);
    if (!from || (source.etag !== undefined && from.etag !== source.etag)) {
      throw from ? new S3Error('PreconditionFailed', `s3://${source.bucket}/${source.key} was changed`, '412') : notFound(source.bucket, source.key);
    }
    const { body, etag, lastModified, ...kept } = from;
    return { etag: this.store(target.bucket, target.key, body, attributes ?? { ...kept, storageClass: storageClass ?? kept.storageClass }).etag, inParts: false };
  }

  async deleteObjects(bucket: string, keys: VersionedKey[]): Promise<void> {
    const report = await this.deleteObjectsReporting(bucket, keys.map(({ key }) => key));
    if (report.failed.length > 0) {
      throw new S3Error('AccessDenied', `${report.failed.length} deletions failed`, 'AccessDenied');
    }
  }

  async deleteObjectsReporting(bucket: string, keys: string[]): Promise<DeleteReport> {
    this.requests.push(`delete ${bucket}/[${keys.join(',')}]`);
    const failed: DeleteReport['failed'] = [];
    for (const key of keys) {
      if (this.denied.has(`${bucket}/${key}`)) {
        failed.push({ key, code: 'AccessDenied', message: 'Access Denied' });
      } else {
        this.bucket(bucket).delete(key);
        this.orders.delete(bucket);
      }
    }
    return { failed };
  }

  /** As an S3Service, for code that takes one: the operations above, and a clear failure for the others. */
  asService(): S3Service {
    return new Proxy(this as unknown as S3Service, {
      get: (target, property, receiver) => {
        const value = Reflect.get(target, property, receiver);
        if (value === undefined && typeof property === 'string') {
          return () => {
            throw new Error(`MemoryS3Service has no ${property}: test it against the real S3 (test/integration)`);
          };
        }
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  }
}
