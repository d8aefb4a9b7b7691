// What people paste elsewhere to reach an object: its HTTPS URL, its ARN, the curl line for an upload URL.

/** A key as URL path segments: each percent-encoded, the `/` between them kept. */
function encodedKey(key: string): string {
  return key.split('/').map(encodeURIComponent).join('/');
}

/** The partition of an AWS region, the second field of every ARN. */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) {
    return 'aws-cn';
  }
  if (region.startsWith('us-gov-')) {
    return 'aws-us-gov';
  }
  return 'aws';
}

/**
 * The object's HTTPS URL. On AWS virtual-hosted (`https://bucket.s3.region.amazonaws.com/key`),
 * except for bucket names with dots, which the `*.s3` certificate does not cover (path-style then);
 * on a custom endpoint path-style under the endpoint, since its DNS rarely resolves bucket subdomains.
 */
export function httpsUrl(connection: { endpoint?: string }, region: string, bucket: string, key: string): string {
  if (connection.endpoint) {
    return `${connection.endpoint.replace(/\/+$/, '')}/${encodeURIComponent(bucket)}/${encodedKey(key)}`;
  }
  const host = `s3.${region}.amazonaws.com${partitionOf(region) === 'aws-cn' ? '.cn' : ''}`;
  return bucket.includes('.') ? `https://${host}/${bucket}/${encodedKey(key)}` : `https://${bucket}.${host}/${encodedKey(key)}`;
}

/** `arn:aws:s3:::bucket/key` (the bucket's ARN for `''`), as IAM and bucket policies name it. */
export function objectArn(region: string, bucket: string, key: string): string {
  return `arn:${partitionOf(region)}:s3:::${bucket}${key ? `/${key}` : ''}`;
}

/** A shell word in single quotes, safe for any URL or file name. */
function shellQuoted(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** The curl line that uploads a local file through a presigned PUT URL, with the Content-Type signed into it. */
export function curlUpload(url: string, fileName: string, contentType: string): string {
  return ['curl', '--fail', '-X', 'PUT', '-H', shellQuoted(`Content-Type: ${contentType}`), '--upload-file', shellQuoted(`./${fileName}`), shellQuoted(url)].join(' ');
}
