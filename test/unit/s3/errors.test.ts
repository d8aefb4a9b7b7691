import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { readOnlyError, S3Error, SSO_LOGIN_REQUIRED, toS3Error } from '../../../src/s3/errors';

const context = { connectionName: 'dev', bucket: 'photos', key: 'cat.jpg' };

function sdkError(name: string, status?: number, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(`raw ${name}`), { name, $metadata: { httpStatusCode: status }, ...extra });
}

test('S3 error codes become actionable messages naming the connection and target', () => {
  const cases: Array<[Error, S3Error['kind'], RegExp]> = [
    [sdkError('NoSuchKey', 404), 'NotFound', /s3:\/\/photos\/cat\.jpg \(dev\) does not exist/],
    [sdkError('NoSuchBucket', 404), 'NotFound', /Bucket "photos" does not exist \(dev\)/],
    [sdkError('AccessDenied', 403), 'AccessDenied', /Access denied to s3:\/\/photos\/cat\.jpg/],
    [sdkError('InvalidAccessKeyId', 403), 'InvalidCredentials', /access key of "dev"/],
    [sdkError('SignatureDoesNotMatch', 403), 'InvalidCredentials', /secret key of "dev" is wrong/],
    [sdkError('ExpiredToken', 400), 'InvalidCredentials', /session of "dev" has expired/],
    [sdkError('SlowDown', 503), 'Busy', /busy/],
    [sdkError('PreconditionFailed', 412), 'PreconditionFailed', /changed by someone else/],
    [sdkError('UnknownError', 404), 'NotFound', /does not exist/],
    [sdkError('AbortError'), 'Cancelled', /Cancelled/],
  ];
  for (const [raw, kind, message] of cases) {
    const mapped = toS3Error(raw, context);
    assert.equal(mapped.kind, kind, raw.name);
    assert.match(mapped.message, message, raw.name);
  }
});

test('network failures, also when nested as a cause, say the endpoint is unreachable', () => {
  const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });
  const wrapped = Object.assign(new Error('socket hang up'), { name: 'Error', cause: refused });
  for (const raw of [refused, wrapped]) {
    const mapped = toS3Error(raw, context);
    assert.equal(mapped.kind, 'Unreachable');
    assert.match(mapped.message, /Cannot reach the S3 endpoint of "dev" \(ECONNREFUSED\)/);
  }
});

test('an unreachable server is named by its endpoint (without user info or path), with the key being worked on', () => {
  const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
  assert.equal(
    toS3Error(reset, { ...context, endpoint: 'http://user:pass@127.0.0.1:9000/prefix' }).message,
    'Cannot reach the S3 endpoint of "dev" (ECONNRESET) at http://127.0.0.1:9000 for s3://photos/cat.jpg. Check the endpoint URL and that the server is running.',
  );
  assert.equal(toS3Error(reset, { connectionName: 'dev' }).message, 'Cannot reach the S3 endpoint of "dev" (ECONNRESET). Check the endpoint URL and that the server is running.');
});

test('a credentials failure of an SSO profile (known from its settings) says to run aws sso login for it', () => {
  const raw = Object.assign(new Error('The SSO session associated with this profile is invalid. To refresh this SSO session run aws sso login'), { name: 'CredentialsProviderError' });
  const mapped = toS3Error(raw, { ...context, usesSso: true });
  assert.equal(mapped.code, SSO_LOGIN_REQUIRED);
  assert.equal(mapped.connectionName, 'dev');
  assert.match(mapped.message, /Run "aws sso login --profile dev"/);
  const other = toS3Error(Object.assign(new Error('Could not resolve credentials using profile: [dev]'), { name: 'CredentialsProviderError' }), context);
  assert.equal(other.kind, 'InvalidCredentials');
  assert.match(other.message, /No usable credentials for "dev"/);
});

test('a profile whose name or message mentions "sso" is not taken for an SSO profile', () => {
  const raw = Object.assign(new Error('Profile sso-admin could not be found in shared credentials file.'), { name: 'CredentialsProviderError' });
  const mapped = toS3Error(raw, { ...context, connectionName: 'sso-admin' });
  assert.notEqual(mapped.code, SSO_LOGIN_REQUIRED);
  assert.doesNotMatch(mapped.message, /aws sso login/);
});

test('a failing credential_process never shows its command line, only the first line of what it said', () => {
  const raw = Object.assign(new Error('Command failed: /opt/bin/get-creds --token s3cr3t-T0KEN\nerror: vault is sealed\nstack trace line'), { name: 'CredentialsProviderError' });
  const mapped = toS3Error(raw, context);
  assert.equal(mapped.kind, 'InvalidCredentials');
  assert.doesNotMatch(mapped.message, /s3cr3t|get-creds|Command failed|stack trace/);
  assert.match(mapped.message, /No usable credentials for "dev": error: vault is sealed$/);
  const silent = toS3Error(Object.assign(new Error('Command failed: /opt/bin/get-creds --token s3cr3t\n'), { name: 'CredentialsProviderError' }), context);
  assert.doesNotMatch(silent.message, /s3cr3t/);
  assert.match(silent.message, /credential_process command failed/);
});

test('a cancelled prompt (MFA code) maps to a silent cancellation', () => {
  assert.equal(toS3Error(Object.assign(new Error('Canceled'), { name: 'Canceled' }), context).kind, 'Cancelled');
});

test('a bucket in another region and a read-only refusal are explained', () => {
  assert.match(toS3Error(sdkError('PermanentRedirect', 301), context).message, /in another region than "dev"/);
  const refused = readOnlyError(context);
  assert.equal(refused.kind, 'ReadOnly');
  assert.match(refused.message, /"dev" is read-only: writing s3:\/\/photos\/cat\.jpg \(dev\) was refused.*s3Browser\.readOnlyConnections/);
});

test('an S3Error passes through unchanged and unknown errors keep their message', () => {
  const original = new S3Error('Busy', 'x');
  assert.equal(toS3Error(original, context), original);
  const other = toS3Error(sdkError('InternalError', 500), context);
  assert.equal(other.kind, 'Other');
  assert.match(other.message, /S3 request failed for s3:\/\/photos\/cat\.jpg \(dev\): raw InternalError/);
});
