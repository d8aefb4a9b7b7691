import { l10n } from '../l10n';
// `s3browser://connection@bucket/key` ↔ {connectionName, bucket, key}. The connection part is
// optional; without it the default connection is used. Kept free of `vscode` so it is unit-tested on its own:
// callers pass the decoded authority, path and query of a vscode.Uri, which percent-encodes them
// when stringified, so any key (unicode, spaces, `+ % # ?`) round-trips.

/**
 * The documents' own scheme. Not `s3`: AWS Toolkit registers `s3` and `s3-readonly`, VS Code allows one
 * provider per scheme, and whichever extension registers second fails.
 */
export const S3_SCHEME = 's3browser';

/** The `s3://bucket/key` text the aws CLI takes, and the document scheme of 0.1.0. */
export const S3_TEXT_SCHEME = 's3';

export interface S3Location {
  connectionName?: string;
  bucket: string;
  /** Object key or folder prefix without its trailing `/`; empty for the bucket root. */
  key: string;
}

const FORM = l10n.t('use s3://[connection@]bucket/key');

/**
 * Whether the bucket name survives as a URI host. `Uri.toString()` lowercases the host, so legacy
 * mixed-case names (allowed in us-east-1 before 2018) go in the path instead: `s3://connection@/Bucket/key`.
 */
function fitsAuthority(bucket: string): boolean {
  return bucket === bucket.toLowerCase();
}

/** The query parameter that carries a key its path cannot (see {@link hasUnstablePath}). */
const KEY_PARAMETER = 'key';

/**
 * Whether VS Code would change the key's path: it normalises document paths (posix rules), so an
 * empty, "." or ".." segment (`a//b`, a leading `/`, `a/../b`) would open or save another key.
 */
function hasUnstablePath(key: string): boolean {
  const segments = key.split('/');
  if (segments.length > 1 && segments[segments.length - 1] === '') {
    segments.pop(); // a folder's own trailing `/`
  }
  return key !== '' && segments.some((segment) => segment === '' || segment === '.' || segment === '..');
}

/** A path that normalises to itself, for display only: the real key travels in the query. */
function displayPath(key: string): string {
  const trailing = key.endsWith('/') ? '/' : '';
  const segments = (trailing ? key.slice(0, -1) : key).split('/');
  return segments.map((segment) => (segment === '' ? '(empty)' : segment === '.' ? '(.)' : segment === '..' ? '(..)' : segment)).join('/') + trailing;
}

export function parseS3Location(authority: string, path: string, query = ''): S3Location {
  // Bucket names cannot contain `@`, so the last one separates the connection.
  const at = authority.lastIndexOf('@');
  const connectionName = (at >= 0 ? authority.slice(0, at) : undefined) || undefined;
  const host = at >= 0 ? authority.slice(at + 1) : authority;
  const relative = path.startsWith('/') ? path.slice(1) : path;
  const slash = relative.indexOf('/');
  const bucket = host || (slash < 0 ? relative : relative.slice(0, slash));
  if (!bucket) {
    throw new Error(l10n.t('"s3://{0}{1}" names no bucket; {2}.', authority, path, FORM));
  }
  const exactKey = new URLSearchParams(query).get(KEY_PARAMETER);
  const pathKey = host ? relative : slash < 0 ? '' : relative.slice(slash + 1);
  return { connectionName, bucket, key: exactKey ?? pathKey };
}

/** URI parts for a location; `query` holds the exact key when the path cannot (`versionId` may be added to it). */
export function formatS3Location({ connectionName, bucket, key }: S3Location): { authority: string; path: string; query: string } {
  const user = connectionName ? `${connectionName}@` : '';
  const unstable = hasUnstablePath(key);
  const keyPath = unstable ? displayPath(key) : key;
  const query = unstable ? new URLSearchParams({ [KEY_PARAMETER]: key }).toString() : '';
  return fitsAuthority(bucket) ? { authority: `${user}${bucket}`, path: `/${keyPath}`, query } : { authority: user, path: `/${bucket}/${keyPath}`, query };
}

/** Adds a parameter (`versionId`…) to a location's query, keeping the exact key. */
export function withQueryParameter(query: string, name: string, value: string): string {
  const parameters = new URLSearchParams(query);
  parameters.set(name, value);
  return parameters.toString();
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
