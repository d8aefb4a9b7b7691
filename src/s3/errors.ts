// Maps SDK and network failures to one error type with a message a user can act on.
// Messages name the connection and the bucket/key, never a secret.

export type S3ErrorKind =
  | 'NotFound'
  | 'AccessDenied'
  | 'InvalidCredentials'
  | 'Unreachable'
  | 'Busy'
  | 'PreconditionFailed'
  | 'ReadOnly'
  | 'Cancelled'
  | 'NotImplemented'
  | 'TooLarge'
  | 'Other';

export interface S3ErrorContext {
  connectionName: string;
  bucket?: string;
  key?: string;
  /** The connection's profile signs in with AWS SSO (from its own settings, never guessed from a message). */
  usesSso?: boolean;
  /** The custom endpoint URL, named when it cannot be reached. */
  endpoint?: string;
}

/** Code of the S3Error raised when an SSO profile needs `aws sso login`. */
export const SSO_LOGIN_REQUIRED = 'SsoLoginRequired';

export class S3Error extends Error {
  constructor(
    readonly kind: S3ErrorKind,
    message: string,
    readonly code?: string,
    /** The connection it happened on, when known (the SSO login offer needs it). */
    readonly connectionName?: string,
  ) {
    super(message);
    this.name = 'S3Error';
  }
}

/**
 * The part of a credential provider's message that is safe to show: its first line, without the
 * "Command failed: <command line>" that a failing credential_process reports (the command line can
 * hold arguments that are secrets), cut to a readable length.
 */
export function safeCredentialMessage(message: string | undefined): string | undefined {
  const lines = (message ?? '').split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '' && !/^Command failed:/i.test(line));
  const first = lines[0];
  if (!first) {
    return /^Command failed:/i.test(message ?? '') ? 'the credential_process command failed' : undefined;
  }
  return first.length > 200 ? `${first.slice(0, 200)}…` : first;
}

function describeTarget({ connectionName, bucket, key }: S3ErrorContext): string {
  if (bucket && key !== undefined) {
    return `s3://${bucket}/${key} (${connectionName})`;
  }
  if (bucket) {
    return `bucket "${bucket}" (${connectionName})`;
  }
  return `"${connectionName}"`;
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'TimeoutError']);

interface SdkLikeError {
  name?: string;
  code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
  cause?: unknown;
}

function networkCode(error: SdkLikeError): string | undefined {
  for (let current: SdkLikeError | undefined = error; current; current = current.cause as SdkLikeError | undefined) {
    if (current.code && NETWORK_CODES.has(current.code)) {
      return current.code;
    }
    if (current.name && NETWORK_CODES.has(current.name)) {
      return current.name;
    }
  }
  return undefined;
}

export const MAX_KEY_BYTES = 1024;

/** Refuses a key S3 would reject, before any request is made. */
export function keyLengthProblem(key: string): string | undefined {
  const bytes = Buffer.byteLength(key, 'utf8');
  return bytes > MAX_KEY_BYTES ? `The key "${key.length > 60 ? `${key.slice(0, 60)}…` : key}" is ${bytes} bytes of UTF-8; S3 keys are at most ${MAX_KEY_BYTES}. Use a shorter name; nothing was written.` : undefined;
}

export function assertKeyLength(key: string): void {
  const problem = keyLengthProblem(key);
  if (problem) {
    throw new S3Error('Other', problem, 'KeyTooLongError');
  }
}

export function readOnlyError(context: S3ErrorContext): S3Error {
  return new S3Error(
    'ReadOnly',
    `"${context.connectionName}" is read-only: writing ${describeTarget(context)} was refused. Remove it from the setting "s3Browser.readOnlyConnections" to allow writes.`,
  );
}

/** Creating a bucket the identity already owns (also when the server would answer 200, as RGW and AWS in us-east-1 do). */
export function alreadyOwnedError(context: S3ErrorContext): S3Error {
  return new S3Error('Other', `You already own a bucket named "${context.bucket}" (${context.connectionName}); it was not changed.`, 'BucketAlreadyOwnedByYou');
}

/** The endpoint without anything a URL could carry besides its place (user info, path). */
function endpointOrigin(endpoint: string | undefined): string | undefined {
  try {
    return endpoint ? new URL(endpoint).origin : undefined;
  } catch {
    return undefined;
  }
}

/** Turns anything thrown by the SDK into an S3Error with an actionable message. */
export function toS3Error(raw: unknown, context: S3ErrorContext): S3Error {
  if (raw instanceof S3Error) {
    return raw;
  }
  const error = (raw ?? {}) as SdkLikeError;
  const name = error.name ?? '';
  const status = error.$metadata?.httpStatusCode;
  const target = describeTarget(context);

  if (name === 'AbortError' || name === 'Canceled') {
    return new S3Error('Cancelled', 'Cancelled.', name);
  }
  const network = networkCode(error);
  if (network) {
    const at = endpointOrigin(context.endpoint);
    const during = context.bucket ? ` for ${context.key !== undefined ? `s3://${context.bucket}/${context.key}` : `bucket "${context.bucket}"`}` : '';
    return new S3Error('Unreachable', `Cannot reach the S3 endpoint of "${context.connectionName}" (${network})${at ? ` at ${at}` : ''}${during}. Check the endpoint URL and that the server is running.`, network);
  }
  switch (name) {
    case 'NoSuchBucket':
      return new S3Error('NotFound', `Bucket "${context.bucket}" does not exist (${context.connectionName}).`, name);
    case 'NoSuchKey':
    case 'NotFound':
      return new S3Error('NotFound', `${target} does not exist.`, name);
    case 'AccessDenied':
    case 'Forbidden':
      return new S3Error('AccessDenied', `Access denied to ${target}. Check the IAM policy or bucket policy of this identity.`, name);
    case 'InvalidAccessKeyId':
      return new S3Error('InvalidCredentials', `The access key of "${context.connectionName}" is not known to the server. Check the access key id.`, name);
    case 'SignatureDoesNotMatch':
      return new S3Error('InvalidCredentials', `The secret key of "${context.connectionName}" is wrong (signature does not match).`, name);
    case 'ExpiredToken':
    case 'TokenRefreshRequired':
      return new S3Error('InvalidCredentials', `The session of "${context.connectionName}" has expired. Sign in again.`, name);
    case 'CredentialsProviderError':
    case 'TokenProviderError':
      if (context.usesSso) {
        return new S3Error('InvalidCredentials', `The SSO session of "${context.connectionName}" is missing or expired. Run "aws sso login --profile ${context.connectionName}".`, SSO_LOGIN_REQUIRED, context.connectionName);
      }
      return new S3Error('InvalidCredentials', `No usable credentials for "${context.connectionName}": ${safeCredentialMessage(error.message) ?? 'check the profile in the AWS config and credentials files.'}`, name);
    case 'BucketAlreadyExists':
      return new S3Error('Other', `The bucket name "${context.bucket}" is already taken by another account: bucket names are global across the service of "${context.connectionName}". Choose another name.`, name);
    case 'BucketAlreadyOwnedByYou':
      return alreadyOwnedError(context);
    case 'BucketNotEmpty':
      return new S3Error('Other', `Bucket "${context.bucket}" is not empty (it may hold old versions, delete markers or incomplete uploads) (${context.connectionName}).`, name);
    case 'IllegalLocationConstraintException':
    case 'InvalidLocationConstraint':
      return new S3Error('Other', `The region is not valid for bucket "${context.bucket}" on "${context.connectionName}". Pick the region the endpoint serves.`, name);
    case 'TooManyBuckets':
      return new S3Error('Other', `"${context.connectionName}" has reached its bucket limit; delete a bucket or ask for a higher quota.`, name);
    case 'PermanentRedirect':
      return new S3Error('Other', `${target} is in another region than "${context.connectionName}" is configured for. Set the connection's region to the bucket's region.`, name);
    case 'PreconditionFailed':
      return new S3Error('PreconditionFailed', `${target} was changed by someone else.`, name);
    case 'InvalidObjectState':
      return new S3Error(
        'Other',
        `${target} is archived (GLACIER or DEEP_ARCHIVE storage class): its bytes cannot be read or copied until it is restored. Run "S3: Restore from Archive…" on it, and open it once the restore has finished (its properties and tooltip say when).`,
        name,
      );
    case 'NotImplemented':
      return new S3Error('NotImplemented', `The server of "${context.connectionName}" does not implement this request for ${target}.`, name);
    case 'SlowDown':
    case 'ServiceUnavailable':
    case 'ThrottlingException':
      return new S3Error('Busy', `The S3 service is busy for ${target}. Try again in a moment.`, name);
  }
  if (status === 301) {
    return new S3Error('Other', `${target} is in another region than "${context.connectionName}" is configured for. Set the connection's region to the bucket's region.`, name || '301');
  }
  if (status === 404) {
    return new S3Error('NotFound', `${target} does not exist.`, name || '404');
  }
  if (status === 403) {
    return new S3Error('AccessDenied', `Access denied to ${target}.`, name || '403');
  }
  if (status === 412) {
    return new S3Error('PreconditionFailed', `${target} was changed by someone else.`, name || '412');
  }
  if (status === 501) {
    return new S3Error('NotImplemented', `The server of "${context.connectionName}" does not implement this request for ${target}.`, name || '501');
  }
  if (status === 503) {
    return new S3Error('Busy', `The S3 service is busy for ${target}. Try again in a moment.`, name || '503');
  }
  const detail = error.message && error.message !== 'UnknownError' ? error.message : name || 'unknown error';
  return new S3Error('Other', `S3 request failed for ${target}: ${detail}`, name || undefined);
}
