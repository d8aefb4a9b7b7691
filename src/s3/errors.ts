import { l10n } from '../l10n';
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
    return /^Command failed:/i.test(message ?? '') ? l10n.t('the credential_process command failed') : undefined;
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
  return bytes > MAX_KEY_BYTES ? l10n.t('The key "{0}" is {1} bytes of UTF-8; S3 keys are at most {2}. Use a shorter name; nothing was written.', key.length > 60 ? `${key.slice(0, 60)}…` : key, bytes, MAX_KEY_BYTES) : undefined;
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
    l10n.t('"{0}" is read-only: writing {1} was refused. Remove it from the setting "s3Browser.readOnlyConnections" to allow writes.', context.connectionName, describeTarget(context)),
  );
}

/** Creating a bucket the identity already owns (also when the server would answer 200, as RGW and AWS in us-east-1 do). */
export function alreadyOwnedError(context: S3ErrorContext): S3Error {
  return new S3Error('Other', l10n.t('You already own a bucket named "{0}" ({1}); it was not changed.', String(context.bucket), context.connectionName), 'BucketAlreadyOwnedByYou');
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
    return new S3Error('Cancelled', l10n.t('Cancelled.'), name);
  }
  const network = networkCode(error);
  if (network) {
    const at = endpointOrigin(context.endpoint);
    const during = context.bucket ? (context.key !== undefined ? l10n.t(' for s3://{0}/{1}', context.bucket, context.key) : l10n.t(' for bucket "{0}"', context.bucket)) : '';
    const message = at
      ? l10n.t('Cannot reach the S3 endpoint of "{0}" ({1}) at {2}{3}. Check the endpoint URL and that the server is running.', context.connectionName, network, at, during)
      : l10n.t('Cannot reach the S3 endpoint of "{0}" ({1}){2}. Check the endpoint URL and that the server is running.', context.connectionName, network, during);
    return new S3Error('Unreachable', message, network);
  }
  switch (name) {
    case 'NoSuchBucket':
      return new S3Error('NotFound', l10n.t('Bucket "{0}" does not exist ({1}).', String(context.bucket), context.connectionName), name);
    case 'NoSuchKey':
    case 'NotFound':
      return new S3Error('NotFound', l10n.t('{0} does not exist.', target), name);
    case 'AccessDenied':
    case 'Forbidden':
      return new S3Error('AccessDenied', l10n.t('Access denied to {0}. Check the IAM policy or bucket policy of this identity.', target), name);
    case 'InvalidAccessKeyId':
      return new S3Error('InvalidCredentials', l10n.t('The access key of "{0}" is not known to the server. Check the access key id.', context.connectionName), name);
    case 'SignatureDoesNotMatch':
      return new S3Error('InvalidCredentials', l10n.t('The secret key of "{0}" is wrong (signature does not match).', context.connectionName), name);
    case 'ExpiredToken':
    case 'TokenRefreshRequired':
      return new S3Error('InvalidCredentials', l10n.t('The session of "{0}" has expired. Sign in again.', context.connectionName), name);
    case 'CredentialsProviderError':
    case 'TokenProviderError':
      if (context.usesSso) {
        return new S3Error('InvalidCredentials', l10n.t('The SSO session of "{0}" is missing or expired. Run "aws sso login --profile {0}".', context.connectionName), SSO_LOGIN_REQUIRED, context.connectionName);
      }
      return new S3Error('InvalidCredentials', l10n.t('No usable credentials for "{0}": {1}', context.connectionName, safeCredentialMessage(error.message) ?? l10n.t('check the profile in the AWS config and credentials files.')), name);
    case 'BucketAlreadyExists':
      return new S3Error('Other', l10n.t('The bucket name "{0}" is already taken by another account: bucket names are global across the service of "{1}". Choose another name.', String(context.bucket), context.connectionName), name);
    case 'BucketAlreadyOwnedByYou':
      return alreadyOwnedError(context);
    case 'BucketNotEmpty':
      return new S3Error('Other', l10n.t('Bucket "{0}" is not empty (it may hold old versions, delete markers or incomplete uploads) ({1}).', String(context.bucket), context.connectionName), name);
    case 'IllegalLocationConstraintException':
    case 'InvalidLocationConstraint':
      return new S3Error('Other', l10n.t('The region is not valid for bucket "{0}" on "{1}". Pick the region the endpoint serves.', String(context.bucket), context.connectionName), name);
    case 'TooManyBuckets':
      return new S3Error('Other', l10n.t('"{0}" has reached its bucket limit; delete a bucket or ask for a higher quota.', context.connectionName), name);
    case 'PermanentRedirect':
      return new S3Error('Other', l10n.t('{0} is in another region than "{1}" is configured for. Set the connection\'s region to the bucket\'s region.', target, context.connectionName), name);
    case 'PreconditionFailed':
      return new S3Error('PreconditionFailed', l10n.t('{0} was changed by someone else.', target), name);
    case 'InvalidObjectState':
      return new S3Error(
        'Other',
        l10n.t('{0} is archived (GLACIER or DEEP_ARCHIVE storage class): its bytes cannot be read or copied until it is restored. Run "S3: Restore from Archive…" on it, and open it once the restore has finished (its properties and tooltip say when).', target),
        name,
      );
    case 'NotImplemented':
      return new S3Error('NotImplemented', l10n.t('The server of "{0}" does not implement this request for {1}.', context.connectionName, target), name);
    case 'SlowDown':
    case 'ServiceUnavailable':
    case 'ThrottlingException':
      return new S3Error('Busy', l10n.t('The S3 service is busy for {0}. Try again in a moment.', target), name);
  }
  if (status === 301) {
    return new S3Error('Other', l10n.t('{0} is in another region than "{1}" is configured for. Set the connection\'s region to the bucket\'s region.', target, context.connectionName), name || '301');
  }
  if (status === 404) {
    return new S3Error('NotFound', l10n.t('{0} does not exist.', target), name || '404');
  }
  if (status === 403) {
    return new S3Error('AccessDenied', l10n.t('Access denied to {0}.', target), name || '403');
  }
  if (status === 412) {
    return new S3Error('PreconditionFailed', l10n.t('{0} was changed by someone else.', target), name || '412');
  }
  if (status === 501) {
    return new S3Error('NotImplemented', l10n.t('The server of "{0}" does not implement this request for {1}.', context.connectionName, target), name || '501');
  }
  if (status === 503) {
    return new S3Error('Busy', l10n.t('The S3 service is busy for {0}. Try again in a moment.', target), name || '503');
  }
  const detail = error.message && error.message !== 'UnknownError' ? error.message : name || l10n.t('unknown error');
  return new S3Error('Other', l10n.t('S3 request failed for {0}: {1}', target, detail), name || undefined);
}
