// Reads the ways people paste an S3 location: `s3://bucket/key` (aws CLI), virtual-hosted and
// path-style AWS URLs, and path-style URLs of any other endpoint (MinIO, Ceph…).

import { l10n } from '../l10n';

export interface S3UrlTarget {
  bucket: string;
  /** Key or prefix (a trailing `/` means a folder); `''` for the bucket itself. */
  key: string;
  /** Which connections can serve it: any, AWS proper only, or the one with this endpoint origin. */
  service: { kind: 'any' } | { kind: 'aws' } | { kind: 'endpoint'; origin: string };
}

const AWS_HOST = /^(?:(?<bucket>.+)\.)?s3(?:[.-](?:dualstack\.)?(?<region>[a-z0-9-]+))?\.amazonaws\.com(?:\.cn)?$/;

function decodePath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path; // a stray % that is not an escape is part of the key
  }
}

function pathStyle(pathname: string, service: S3UrlTarget['service']): S3UrlTarget {
  const path = pathname.replace(/^\//, '');
  const slash = path.indexOf('/');
  const bucket = decodePath(slash < 0 ? path : path.slice(0, slash));
  if (!bucket) {
    throw new Error(l10n.t('The URL names no bucket.'));
  }
  return { bucket, key: slash < 0 ? '' : decodePath(path.slice(slash + 1)), service };
}

export function parseS3Url(text: string): S3UrlTarget {
  const input = text.trim();
  if (/^s3:\/\//i.test(input)) {
    // The aws CLI form is not percent-encoded: everything after the bucket is the key, verbatim.
    const rest = input.slice('s3://'.length);
    const slash = rest.indexOf('/');
    const bucket = slash < 0 ? rest : rest.slice(0, slash);
    if (!bucket) {
      throw new Error(l10n.t('Enter s3://bucket/key or s3://bucket/prefix/.'));
    }
    return { bucket, key: slash < 0 ? '' : rest.slice(slash + 1), service: { kind: 'any' } };
  }
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw new Error(l10n.t('Enter s3://bucket/key, an https://…amazonaws.com URL, or an endpoint URL such as http://127.0.0.1:9000/bucket/key.'));
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(l10n.t('"{0}" URLs are not S3 locations.', url.protocol));
  }
  const aws = AWS_HOST.exec(url.hostname);
  if (aws) {
    const bucket = aws.groups?.bucket;
    return bucket ? { bucket, key: decodePath(url.pathname.replace(/^\//, '')), service: { kind: 'aws' } } : pathStyle(url.pathname, { kind: 'aws' });
  }
  return pathStyle(url.pathname, { kind: 'endpoint', origin: url.origin });
}
