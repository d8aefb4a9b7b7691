// `s3://profile@bucket/key` ↔ {profile, bucket, key}. The profile part is optional; without it the
// default connection is used. Kept free of `vscode` so it is unit-tested on its own: callers pass the
// decoded authority and path of a vscode.Uri, which percent-encodes them when stringified, so any
// key (unicode, spaces, `+ % # ?`, `//`, a leading `/`) round-trips.

export const S3_SCHEME = 's3';

export interface S3Location {
  profile?: string;
  bucket: string;
  /** Object key or folder prefix without its trailing `/`; empty for the bucket root. */
  key: string;
}

export function parseS3Location(authority: string, path: string): S3Location {
  // Bucket names cannot contain `@`, so the last one separates the profile.
  const at = authority.lastIndexOf('@');
  const profile = at >= 0 ? authority.slice(0, at) : undefined;
  const bucket = at >= 0 ? authority.slice(at + 1) : authority;
  if (!bucket) {
    throw new Error(`"s3://${authority}${path}" names no bucket; use s3://[profile@]bucket/key.`);
  }
  return { profile: profile || undefined, bucket, key: path.startsWith('/') ? path.slice(1) : path };
}

export function formatS3Location({ profile, bucket, key }: S3Location): { authority: string; path: string } {
  return { authority: profile ? `${profile}@${bucket}` : bucket, path: `/${key}` };
}

/** The prefix whose listing holds a folder's children. */
export function folderPrefix(key: string): string {
  return key === '' || key.endsWith('/') ? key : `${key}/`;
}

/** The last path segment of a key or prefix, as shown in trees and the Explorer. */
export function baseName(keyOrPrefix: string): string {
  const trimmed = keyOrPrefix.endsWith('/') ? keyOrPrefix.slice(0, -1) : keyOrPrefix;
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}
