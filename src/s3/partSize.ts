// Multipart part sizes: S3 allows at most 10,000 parts per upload, so a large object needs parts
// larger than the configured size, or it fails at part 10,001 after everything before it went up.

/** S3's limit on the parts of one multipart upload. */
export const MAX_PARTS = 10_000;
/** S3's smallest part (all but the last). */
const MIN_PART_MEBIBYTES = 5;
const MEBIBYTE = 1024 * 1024;

/**
 * The part size for an object of `sizeBytes`: the configured size, or the smallest whole MiB that
 * keeps it within 10,000 parts. An unknown size (a stream) keeps the configured size.
 */
export function partSizeFor(configuredBytes: number, sizeBytes: number | undefined): number {
  if (sizeBytes === undefined) {
    return configuredBytes;
  }
  return Math.ceil(Math.max(configuredBytes, sizeBytes / MAX_PARTS) / MEBIBYTE) * MEBIBYTE;
}

/** The `multipartPartSizeMB` setting in bytes: whole MiB (a fraction would break every part), at least 5. */
export function configuredPartSizeBytes(mebibytes: number): number {
  return Math.max(MIN_PART_MEBIBYTES, Math.round(mebibytes)) * MEBIBYTE;
}
