// Changing what an object is stored as — encryption, storage class, metadata — without changing
// its bytes: S3 has no "update", so the object is copied onto itself with the new attributes and
// every other one carried over (metadata, content headers, tags, ACL, storage class, encryption,
// object lock). Free of `vscode`, like the other task factories.
import { createReadStream, promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { S3Error } from '../s3/errors';
import type { S3Service } from '../s3/service';
import type { ObjectAttributes, ObjectHead } from '../s3/types';
import { s3Text } from '../ui/format';
import { writeWholeBody } from './bodyWriter';
import { attributesOf, ensureTags, lockKept } from './copyAttributes';
import type { TransferTask } from './transferEngine';
import { l10n } from '../l10n';

export type RewrittenAttributes = ObjectAttributes & { ownerId?: string };

export interface Rewrite {
  /** What changes; the log names it so, and each has its own messages. */
  what: 'encryption' | 'storage class' | 'metadata';
  /** The new value, for messages: "aws:kms (testkey-1)", "STANDARD_IA". */
  value: string;
  change(current: RewrittenAttributes): RewrittenAttributes;
}

const ARCHIVED: Record<Rewrite['what'], (object: string) => string> = {
  encryption: (object) => l10n.t('{0} is archived (GLACIER or DEEP_ARCHIVE): restore it first, then change its encryption. The object is unchanged.', object),
  'storage class': (object) => l10n.t('{0} is archived (GLACIER or DEEP_ARCHIVE): restore it first, then change its storage class. The object is unchanged.', object),
  metadata: (object) => l10n.t('{0} is archived (GLACIER or DEEP_ARCHIVE): restore it first, then change its metadata. The object is unchanged.', object),
};

/** A refused rewrite, explained by what refuses it. */
function explainRefusal(error: unknown, bucket: string, key: string, rewrite: Rewrite): unknown {
  if (!(error instanceof S3Error)) {
    return error;
  }
  if (rewrite.what === 'storage class' && (error.code === 'InvalidStorageClass' || error.code === 'InvalidArgument')) {
    return new S3Error('Other', l10n.t('The server refused storage class {0} for {1} ({2}): it does not offer that class (many S3-compatible servers offer STANDARD only). The object is unchanged.', rewrite.value, s3Text(bucket, key), error.code), error.code);
  }
  if (error.code === 'InvalidObjectState') {
    return new S3Error('Other', ARCHIVED[rewrite.what](s3Text(bucket, key)), error.code);
  }
  return error;
}

/**
 * Whether the object now has what the rewrite asked for, as far as the server reports it. Some
 * servers accept a copy and ignore part of it (Ceph RGW 16 ignores SSE-KMS and Object Lock on CopyObject); SSE-S3
 * that a server does not report (Ceph) is taken as applied, since nothing could tell otherwise.
 */
function applied(after: ObjectHead, wanted: RewrittenAttributes): boolean {
  const encryptionKept = wanted.serverSideEncryption === undefined || after.serverSideEncryption === wanted.serverSideEncryption || (wanted.serverSideEncryption === 'AES256' && after.serverSideEncryption === undefined);
  const classKept = (after.storageClass ?? 'STANDARD') === (wanted.storageClass ?? 'STANDARD');
  // S3 stores metadata names in lowercase.
  const names = (metadata: Record<string, string> | undefined) => JSON.stringify(Object.entries(metadata ?? {}).map(([name, value]) => [name.toLowerCase(), value]).sort());
  const metadataKept = names(after.metadata) === names(wanted.metadata);
  return encryptionKept && classKept && metadataKept && lockKept(after, wanted) && (after.contentType ?? '') === (wanted.contentType ?? '');
}

/**
 * The rewrite through this machine, for servers that cannot or will not do it on their side: the
 * object is downloaded to a temporary file (never read while it is being replaced), then uploaded
 * onto itself with the new attributes, only if it still has the ETag it was read with.
 */
async function rewriteThroughThisMachine(service: S3Service, bucket: string, key: string, head: ObjectHead, attributes: RewrittenAttributes, signal: AbortSignal): Promise<void> {
  const folder = await fs.mkdtemp(path.join(os.tmpdir(), 's3b-rewrite-'));
  const file = path.join(folder, 'object');
  try {
    const stream = await service.getObjectStream(bucket, key, undefined, signal);
    if (stream.etag !== head.etag) {
      stream.discard();
      throw new S3Error('PreconditionFailed', l10n.t('{0} changed while it was being rewritten; it was left as the other writer made it.', s3Text(bucket, key)));
    }
    // Every byte or none: never upload onto the object fewer bytes than it has.
    await writeWholeBody(file, stream, signal, () => undefined);
    const size = stream.size;
    await service.putObject({ bucket, key, ...attributes, body: createReadStream(file), reopenBody: () => createReadStream(file), size, ifMatch: head.etag, signal });
  } finally {
    await fs.rm(folder, { recursive: true, force: true });
  }
}

/**
 * The task that rewrites one object in place with `rewrite.change` applied to everything it has.
 * The copy is pinned to the ETag just read, so a concurrent write is not overwritten with old
 * bytes; the result is checked, and where the server could not or did not apply the change on its
 * side, the object goes through this machine instead (logged).
 */
export function rewriteTask(service: S3Service, bucket: string, key: string, rewrite: Rewrite, log: (line: string) => void = () => undefined): TransferTask {
  const where = s3Text(bucket, key);
  return {
    label: where,
    bytes: 0,
    async run(signal) {
      try {
        let head = await service.headObject(bucket, key, undefined, signal);
        const attributes = rewrite.change(await attributesOf(service, bucket, key, head, undefined, signal));
        let done = false;
        try {
          await service.copyObject({ source: { bucket, key, etag: head.etag, size: head.size }, target: { bucket, key }, attributes, signal });
          const after = await service.headObject(bucket, key, undefined, signal);
          done = applied(after, attributes);
          if (!done) {
            log(`REWRITE ${where}: the server accepted the copy onto itself but did not apply the ${rewrite.what} ${rewrite.value}; rewriting it through this machine`);
            head = after;
          }
        } catch (error) {
          if (!(error instanceof S3Error && error.kind === 'NotImplemented')) {
            throw error;
          }
          log(`REWRITE ${where}: the server cannot copy this object onto itself (${error.code ?? 'NotImplemented'}); rewriting it through this machine`);
        }
        if (!done) {
          await rewriteThroughThisMachine(service, bucket, key, head, attributes, signal);
        }
        await ensureTags(service, bucket, key, attributes.tags ?? {}, signal, log);
      } catch (error) {
        throw explainRefusal(error, bucket, key, rewrite);
      }
    },
  };
}
