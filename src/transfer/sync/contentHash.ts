// Sync's "compare content": whether a local file holds what an object holds, from the object's
// ETag alone (no download). A single-part upload's ETag is the MD5 of its bytes; a multipart one is
// the MD5 of its parts' MD5s, then `-<parts>`, so the file is hashed in the part size the upload used
// (not recorded anywhere: the sizes common clients use that give that many parts are tried).
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { bareEtag } from '../../s3/etag';

const MEBIBYTE = 1024 * 1024;
/** Part sizes of common clients: the AWS CLI and SDKs (8 MiB), the S3 minimum (5), rclone (5, 16), s3cmd (15), and larger ones. */
const COMMON_PART_SIZES = [8, 5, 16, 15, 64, 100, 128].map((mebibytes) => mebibytes * MEBIBYTE);

/** The hex MD5 of the file's bytes in parts of `partSize` each (a single part when undefined). */
async function partDigests(filePath: string, partSize: number | undefined, signal: AbortSignal): Promise<Buffer[]> {
  const digests: Buffer[] = [];
  let hash = createHash('md5');
  let inPart = 0;
  const stream = createReadStream(filePath, { highWaterMark: MEBIBYTE, signal });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      let offset = 0;
      while (offset < chunk.length) {
        const take = partSize === undefined ? chunk.length - offset : Math.min(chunk.length - offset, partSize - inPart);
        hash.update(chunk.subarray(offset, offset + take));
        offset += take;
        inPart += take;
        if (partSize !== undefined && inPart === partSize) {
          digests.push(hash.digest());
          hash = createHash('md5');
          inPart = 0;
        }
      }
    }
  } finally {
    stream.destroy();
  }
  if (inPart > 0 || digests.length === 0) {
    digests.push(hash.digest());
  }
  return digests;
}

/** The ETag S3 gives the file's bytes uploaded in parts of `partSize` (`<md5 of md5s>-<parts>`), or as one PutObject when undefined. */
export async function localEtag(filePath: string, partSize: number | undefined, signal: AbortSignal): Promise<string> {
  const digests = await partDigests(filePath, partSize, signal);
  if (partSize === undefined) {
    return digests[0].toString('hex');
  }
  return `${createHash('md5').update(Buffer.concat(digests)).digest('hex')}-${digests.length}`;
}

/**
 * Whether the file of `size` bytes holds the object's content, judged by its ETag; undefined when
 * the ETag is no content hash (SSE-KMS or SSE-C objects, servers with other ETags), so the caller
 * compares otherwise. A multipart ETag is tried with `preferredPartSize` (this extension's) and the
 * common part sizes that give its number of parts.
 */
export async function sameContent(filePath: string, size: number, etag: string | undefined, preferredPartSize: number, signal: AbortSignal): Promise<boolean | undefined> {
  const match = /^([0-9a-f]{32})(?:-(\d+))?$/.exec(bareEtag(etag)?.toLowerCase() ?? '');
  if (!match) {
    return undefined;
  }
  if (match[2] === undefined) {
    return (await localEtag(filePath, undefined, signal)) === match[1];
  }
  const parts = Number(match[2]);
  const evenSplit = Math.ceil(size / parts);
  const candidates = [...new Set([preferredPartSize, ...COMMON_PART_SIZES, Math.ceil(evenSplit / MEBIBYTE) * MEBIBYTE, evenSplit])].filter((partSize) => partSize > 0 && Math.max(1, Math.ceil(size / partSize)) === parts);
  if (candidates.length === 0) {
    return undefined;
  }
  for (const partSize of candidates) {
    if ((await localEtag(filePath, partSize, signal)) === `${match[1]}-${parts}`) {
      return true;
    }
  }
  return false;
}
