// Multipart uploads: a streamed write through lib-storage's Upload, server-side copies (multipart above
// the threshold), their journal entries and aborts, and the incomplete uploads left on a bucket.
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListPartsCommand,
  S3Client,
  UploadPartCopyCommand,
  type CompletedPart,
  type StorageClass,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { Readable } from 'node:stream';
import { S3Error, toS3Error } from '../errors';
import { bareEtag } from '../etag';
import { partSizeFor } from '../partSize';
import type { CopyObjectRequest, IncompleteUpload, IncompleteUploadSize, ObjectAttributes, PutObjectRequest } from '../types';
import { l10n } from '../../l10n';
import type { SdkConnection } from './connection';
import { attributeParams, copySource, putParams } from './objectParams';

/** The largest object one CopyObject request can copy; above it, UploadPartCopy. */
export const MAX_SINGLE_COPY_BYTES = 5 * 1024 ** 3;
/** Part buffers all streamed multipart uploads of one connection may hold at once (4 uploads at the default 8 MiB × 4). */
const MULTIPART_MEMORY_BUDGET_BYTES = 128 * 1024 * 1024;

/**
 * The client one streamed upload sends through: its part (and single PutObject) requests follow
 * `signal`, so a cancel stops them at once. Creating, completing and aborting the multipart upload do
 * not: an upload the server created is always known, and aborted before `done()` settles.
 * (lib-storage's own `abort()` rejects `done()` at once and sends AbortMultipartUpload later, after
 * the parts in flight finish — a caller that returns then, or a window that closes, leaves the parts.)
 * `beforeComplete` runs right before CompleteMultipartUpload; a rejection fails (and aborts) the upload.
 */
function uploadClient(client: S3Client, signal: AbortSignal | undefined, beforeComplete?: () => Promise<void>): S3Client {
  if (!signal && !beforeComplete) {
    return client;
  }
  const bookkeeping = [CreateMultipartUploadCommand, CompleteMultipartUploadCommand, AbortMultipartUploadCommand];
  return new Proxy(client, {
    get(target, property, receiver) {
      if (property !== 'send') {
        return Reflect.get(target, property, receiver);
      }
      return async (command: Parameters<S3Client['send']>[0], options?: { abortSignal?: AbortSignal }) => {
        if (beforeComplete && command instanceof CompleteMultipartUploadCommand) {
          await beforeComplete();
        }
        return target.send(command, bookkeeping.some((type) => command instanceof type) ? options : { ...options, abortSignal: signal });
      };
    },
  });
}

export class MultipartAdapter {
  constructor(
    private readonly connection: SdkConnection,
    /** The service this adapter is part of: it reads a multipart copy's source when the request names no service of the source's own. */
    private readonly service: NonNullable<CopyObjectRequest['sourceService']>,
  ) {}

  /** A stream body's write, through lib-storage's Upload. */
  putStream(request: PutObjectRequest, body: AsyncIterable<Uint8Array>): Promise<{ etag?: string }> {
    const { bucket, key, signal } = request;
    const params = putParams(request);
    return this.connection.request(this.connection.context(bucket, key), async () => {
      // A stream: multipart above the part size, aborted (no orphaned parts) before this settles when it fails or is cancelled.
      const { partSizeBytes, queueSize } = this.connection.transferOptions();
      // An explicit partSize turns off lib-storage's own sizing, so a large file gets larger parts here.
      const partSize = partSizeFor(partSizeBytes, request.size);
      const multipart = request.size === undefined || request.size > partSize;
      // Each multipart upload holds up to `queueSize` parts in memory: many files in flight must not
      // multiply that without bound, so only as many as fit the budget run at once.
      const leave = multipart ? await this.connection.multipartSlots.enter(Math.floor(MULTIPART_MEMORY_BUDGET_BYTES / (partSize * queueSize)), signal) : () => undefined;
      try {
        // If-Match goes on the single PutObject and on CompleteMultipartUpload (lib-storage sends its
        // params with both); a server that ignores it on Complete is checked right before it.
        const upload = new Upload({
          client: uploadClient(this.connection.client, signal, request.ifMatch ? () => this.assertUnchanged(bucket, key, request.ifMatch!) : undefined),
          params: { ...params, IfMatch: request.ifMatch, Body: Readable.from(body), ContentLength: request.size },
          partSize,
          queueSize,
          leavePartsOnError: false,
        });
        const journalId = multipart ? await this.connection.journal?.begin(this.connection.settings.connectionName, bucket, key) : undefined;
        if (journalId) {
          // Known after the first part, so an editor killed mid-upload leaves the exact id behind.
          upload.on('httpUploadProgress', () => void (upload.uploadId && this.connection.journal?.setUploadId(journalId, upload.uploadId)));
        }
        try {
          signal?.throwIfAborted();
          const result = await upload.done();
          if (journalId) {
            await this.connection.journal?.finish(journalId);
          }
          return { etag: result.ETag || undefined };
        } catch (error) {
          throw await this.abortFailedUpload(upload.uploadId, journalId, toS3Error(error, this.connection.context(bucket, key)), bucket, key);
        }
      } finally {
        // Whatever failed, even before the upload started (the journal), the slot is freed.
        leave();
      }
    });
  }

  /** Fails as PreconditionFailed unless the object still has the ETag a conditional write expects. */
  private async assertUnchanged(bucket: string, key: string, ifMatch: string): Promise<void> {
    const head = await this.connection.client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    if (bareEtag(head.ETag) !== bareEtag(ifMatch)) {
      throw new S3Error('PreconditionFailed', l10n.t('s3://{0}/{1} was changed by someone else while it was being uploaded; the upload was not completed.', bucket, key), '412');
    }
  }

  /**
   * After a failed or cancelled multipart upload, makes sure no parts stay behind: lib-storage aborts on
   * its own, but a failed CompleteMultipartUpload skips it. An abort
   * that fails (the server is down) leaves the upload in the journal, and the error says what to do.
   */
  private async abortFailedUpload(uploadId: string | undefined, journalId: string | undefined, failure: S3Error, bucket: string, key: string): Promise<S3Error> {
    let leftover = false;
    if (uploadId) {
      try {
        await this.connection.client.send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId: uploadId }), { abortSignal: AbortSignal.timeout(60_000) });
      } catch (error) {
        const abortFailure = toS3Error(error, this.connection.context(bucket, key));
        // NoSuchUpload: lib-storage's own abort got there first.
        if (abortFailure.kind !== 'NotFound') {
          leftover = true;
          failure = new S3Error(
            failure.kind,
            l10n.t('{0} The incomplete upload could not be aborted ({1}), so its parts stay stored on the server: run "Clean Up Incomplete Uploads…" on bucket "{2}" once it answers again.', failure.message, abortFailure.code ?? abortFailure.kind, bucket),
            failure.code,
            failure.connectionName,
          );
        }
      }
    } else {
      // No upload was created, unless the server died before its answer arrived: the leftover check
      // asks the server later.
      leftover = failure.kind === 'Unreachable';
    }
    if (journalId) {
      if (leftover) {
        if (uploadId) {
          await this.connection.journal?.setUploadId(journalId, uploadId);
        }
        this.connection.journal?.stopped(journalId);
      } else {
        await this.connection.journal?.finish(journalId);
      }
    }
    return failure;
  }

  copyObject(request: CopyObjectRequest): Promise<{ etag?: string; inParts: boolean }> {
    const { source, target, attributes, signal } = request;
    const from = source.versionId ? `${copySource(source.bucket, source.key)}?versionId=${encodeURIComponent(source.versionId)}` : copySource(source.bucket, source.key);
    const threshold = Math.min(MAX_SINGLE_COPY_BYTES, this.connection.transferOptions().multipartCopyThresholdBytes ?? MAX_SINGLE_COPY_BYTES);
    return this.connection.request(this.connection.context(target.bucket, target.key), async () => {
      if (source.size > threshold) {
        return this.multipartCopy(request, from);
      }
      // With attributes everything is sent explicitly (REPLACE), so the copy has them whatever the
      // server's defaults; without, one request and the server copies metadata and tags (COPY).
      const result = await this.connection.client.send(
        new CopyObjectCommand({
          Bucket: target.bucket,
          Key: target.key,
          CopySource: from,
          ...(attributes
            ? { MetadataDirective: 'REPLACE', TaggingDirective: 'REPLACE', ...attributeParams(attributes) }
            : { MetadataDirective: 'COPY', TaggingDirective: 'COPY', StorageClass: request.storageClass && request.storageClass !== 'STANDARD' ? (request.storageClass as StorageClass) : undefined }),
          CopySourceIfMatch: source.etag,
        }),
        { abortSignal: signal },
      );
      return { etag: result.CopyObjectResult?.ETag, inParts: false };
    });
  }

  /**
   * A copy above the single-request limit: CreateMultipartUpload with every attribute (a multipart
   * copy takes none from its source), UploadPartCopy of byte ranges, `queueSize` at a time, each
   * conditional on the source's ETag, then Complete. Written down in the upload journal like a
   * streamed upload: a failure or cancel stops taking parts, waits for those in flight and aborts the
   * upload, so no parts are left to pay for and no partial object appears; an abort that fails keeps
   * the journal entry (offered for clean-up) and the error says to run Clean Up Incomplete Uploads.
   */
  private async multipartCopy({ source, target, attributes, sourceService, signal }: CopyObjectRequest, from: string): Promise<{ etag?: string; inParts: boolean }> {
    const { partSizeBytes, queueSize } = this.connection.transferOptions();
    const partSize = partSizeFor(partSizeBytes, source.size);
    const params = attributeParams(attributes ?? (await this.copiedAttributes(sourceService ?? this.service, source, signal)));
    const journalId = await this.connection.journal?.begin(this.connection.settings.connectionName, target.bucket, target.key);
    let uploadId: string | undefined;
    try {
      // Not with `signal`, as for a streamed upload: an upload the server created is always known (and aborted).
      uploadId = (await this.connection.client.send(new CreateMultipartUploadCommand({ Bucket: target.bucket, Key: target.key, ...params }))).UploadId;
      if (!uploadId) {
        throw new S3Error('Other', l10n.t('The server started no multipart upload for s3://{0}/{1}.', target.bucket, target.key));
      }
      if (journalId) {
        await this.connection.journal?.setUploadId(journalId, uploadId);
      }
      const count = Math.max(1, Math.ceil(source.size / partSize));
      const parts: CompletedPart[] = [];
      let next = 0;
      let failed = false;
      const copyParts = async () => {
        while (next < count && !failed) {
          signal?.throwIfAborted();
          const index = next++;
          const start = index * partSize;
          const end = Math.min(source.size, start + partSize) - 1;
          const result = await this.connection.client.send(
            new UploadPartCopyCommand({
              Bucket: target.bucket,
              Key: target.key,
              UploadId: uploadId,
              PartNumber: index + 1,
              CopySource: from,
              CopySourceRange: `bytes=${start}-${end}`,
              CopySourceIfMatch: source.etag,
            }),
            { abortSignal: signal },
          );
          parts[index] = { PartNumber: index + 1, ETag: result.CopyPartResult?.ETag };
        }
      };
      // Every worker settles before the first failure is thrown: a part still in flight could
      // otherwise be stored after the abort.
      const outcomes = await Promise.allSettled(
        Array.from({ length: Math.min(Math.max(1, queueSize), count) }, () =>
          copyParts().catch((error: unknown) => {
            failed = true;
            throw error;
          }),
        ),
      );
      const failure = outcomes.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
      if (failure) {
        throw failure.reason;
      }
      const completed = await this.connection.client.send(
        new CompleteMultipartUploadCommand({ Bucket: target.bucket, Key: target.key, UploadId: uploadId, MultipartUpload: { Parts: parts } }),
        { abortSignal: signal },
      );
      if (journalId) {
        await this.connection.journal?.finish(journalId);
      }
      return { etag: completed.ETag, inParts: true };
    } catch (error) {
      // Aborted without `signal`: after a cancel the abort must still reach the server.
      throw await this.abortFailedUpload(uploadId, journalId, toS3Error(error, this.connection.context(target.bucket, target.key)), target.bucket, target.key);
    }
  }

  /**
   * What a single CopyObject with COPY directives carries over, read for a multipart copy (which takes
   * nothing from its source): metadata, content headers, storage class and tags — not ACL or encryption.
   * Read through `reader`, the source bucket's own service where the caller gave it: the source may be
   * in another region than the target, whose client signs for the target's region.
   */
  private async copiedAttributes(reader: NonNullable<CopyObjectRequest['sourceService']>, source: CopyObjectRequest['source'], signal?: AbortSignal): Promise<ObjectAttributes> {
    const [head, tags] = await Promise.all([reader.headObject(source.bucket, source.key, source.versionId, signal), reader.getObjectTags(source.bucket, source.key, source.versionId, signal)]);
    const { contentType, cacheControl, contentDisposition, contentEncoding, contentLanguage, metadata, storageClass, expires, websiteRedirectLocation } = head;
    return { contentType, cacheControl, contentDisposition, contentEncoding, contentLanguage, metadata, storageClass, expires, websiteRedirectLocation, tags };
  }

  async *listIncompleteUploads(bucket: string, signal?: AbortSignal): AsyncIterable<IncompleteUpload[]> {
    let keyMarker: string | undefined;
    let uploadIdMarker: string | undefined;
    do {
      const page = await this.connection.request(this.connection.context(bucket), () =>
        this.connection.client.send(new ListMultipartUploadsCommand({ Bucket: bucket, KeyMarker: keyMarker, UploadIdMarker: uploadIdMarker }), { abortSignal: signal }),
      );
      yield (page.Uploads ?? []).flatMap((upload) => (upload.Key === undefined || upload.UploadId === undefined ? [] : [{ key: upload.Key, uploadId: upload.UploadId, initiated: upload.Initiated }]));
      keyMarker = page.IsTruncated ? page.NextKeyMarker : undefined;
      uploadIdMarker = page.IsTruncated ? page.NextUploadIdMarker : undefined;
    } while (keyMarker);
  }

  async abortIncompleteUpload(bucket: string, key: string, uploadId: string, signal?: AbortSignal): Promise<void> {
    try {
      await this.connection.request(this.connection.context(bucket, key), async () => {
        await this.connection.client.send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId: uploadId }), { abortSignal: signal });
      });
    } catch (error) {
      // NoSuchUpload: nothing of it is left either.
      if (error instanceof S3Error && error.kind === 'NotFound') {
        await this.connection.journal?.forget(this.connection.settings.connectionName, bucket, uploadId);
      }
      throw error;
    }
    await this.connection.journal?.forget(this.connection.settings.connectionName, bucket, uploadId);
  }

  async incompleteUploadSize(bucket: string, key: string, uploadId: string, signal?: AbortSignal): Promise<IncompleteUploadSize> {
    const size: IncompleteUploadSize = { bytes: 0, parts: 0 };
    let marker: string | undefined;
    do {
      const page = await this.connection.request(this.connection.context(bucket, key), () =>
        this.connection.client.send(new ListPartsCommand({ Bucket: bucket, Key: key, UploadId: uploadId, PartNumberMarker: marker }), { abortSignal: signal }),
      );
      for (const part of page.Parts ?? []) {
        size.bytes += part.Size ?? 0;
        size.parts++;
      }
      marker = page.IsTruncated ? page.NextPartNumberMarker : undefined;
    } while (marker);
    return size;
  }
}
