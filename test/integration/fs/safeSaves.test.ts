import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { IndependentClient, targetFromEnvironment } from '../../support/independentClient';
import { startFeatureProxy } from '../../support/featureProxy';
import { addEndpointConnection, extensionApi, fileSystemError, removeAllEndpoints } from '../extensionApi';
import { S3_SCHEME } from '../../../src/fs/s3Location';

const target = targetFromEnvironment();

function s3Uri(bucket: string, key: string, query = ''): vscode.Uri {
  return vscode.Uri.from({ scheme: S3_SCHEME, authority: bucket, path: `/${key}`, query });
}

suite('Safe saves, metadata, versions, rename/copy/delete', () => {
  const client = new IndependentClient();
  let bucket: string;

  suiteSetup(() => extensionApi());

  setup(async () => {
    bucket = await client.createBucket('safe');
  });

  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await client.deleteBucket(bucket);
  });

  suiteTeardown(() => client.dispose());

  test('a save keeps Object Lock mode, retain-until date and legal hold', async () => {
    const locked = await client.createLockedBucket('lock');
    try {
      const retainUntil = new Date(Math.ceil((Date.now() + 3_600_000) / 1000) * 1000);
      await client.putWithAttributes({ ObjectLockMode: 'GOVERNANCE', ObjectLockRetainUntilDate: retainUntil, ObjectLockLegalHoldStatus: 'ON' }, locked, 'record.txt', 'v1');
      const before = await client.objectLock(locked, 'record.txt');
      assert.deepEqual(before, { mode: 'GOVERNANCE', retainUntil: retainUntil.toISOString(), legalHold: 'ON' });
      await vscode.workspace.fs.readFile(s3Uri(locked, 'record.txt'));
      await vscode.workspace.fs.writeFile(s3Uri(locked, 'record.txt'), Buffer.from('v2'));
      assert.equal((await client.get(locked, 'record.txt')).toString(), 'v2');
      assert.deepEqual(await client.objectLock(locked, 'record.txt'), before, 'the new version is locked like the old one');
    } finally {
      await client.deleteLockedBucket(locked);
    }
  });

  test('a rename within a connection keeps Object Lock mode, retain-until date and legal hold', async () => {
    const locked = await client.createLockedBucket('lockmove');
    try {
      const retainUntil = new Date(Math.ceil((Date.now() + 3_600_000) / 1000) * 1000);
      await client.putWithAttributes({ ObjectLockMode: 'GOVERNANCE', ObjectLockRetainUntilDate: retainUntil, ObjectLockLegalHoldStatus: 'ON' }, locked, 'record.txt', 'v1');
      const before = await client.objectLock(locked, 'record.txt');
      await vscode.workspace.fs.rename(s3Uri(locked, 'record.txt'), s3Uri(locked, 'moved.txt'));
      assert.equal((await client.get(locked, 'moved.txt')).toString(), 'v1');
      assert.deepEqual(await client.objectLock(locked, 'moved.txt'), before, 'the moved object is locked like the original');
    } finally {
      await client.deleteLockedBucket(locked);
    }
  });

  test('an object whose Object Lock retention has passed saves and renames without sending the past date (only the legal hold stays)', async () => {
    const locked = await client.createLockedBucket('lockpast');
    try {
      const retainUntil = new Date(Math.ceil((Date.now() + 2_000) / 1000) * 1000);
      await client.putWithAttributes({ ObjectLockMode: 'GOVERNANCE', ObjectLockRetainUntilDate: retainUntil, ObjectLockLegalHoldStatus: 'ON' }, locked, 'past.txt', 'v1');
      // The retention is over once its date has passed, with a margin for the server's clock.
      await new Promise((resolve) => setTimeout(resolve, retainUntil.getTime() - Date.now() + 1_500));
      await vscode.workspace.fs.readFile(s3Uri(locked, 'past.txt'));
      await vscode.workspace.fs.writeFile(s3Uri(locked, 'past.txt'), Buffer.from('v2'));
      assert.equal((await client.get(locked, 'past.txt')).toString(), 'v2');
      assert.equal((await client.objectLock(locked, 'past.txt')).legalHold, 'ON', 'the legal hold is kept');
      await vscode.workspace.fs.rename(s3Uri(locked, 'past.txt'), s3Uri(locked, 'renamed.txt'));
      assert.equal((await client.get(locked, 'renamed.txt')).toString(), 'v2');
    } finally {
      await client.deleteLockedBucket(locked);
    }
  });

  test('a save keeps every attribute set to a non-default value: content headers, Expires, redirect, metadata, storage class, SSE-KMS key and tags', async function () {
    if (!target.kmsKeyId) {
      this.skip(); // the server has no KMS key to encrypt with (S3_TEST_KMS_KEY_ID)
    }
    const expires = new Date('2031-05-06T07:08:09Z');
    const written = {
      contentType: 'text/x-report; charset=utf-8',
      cacheControl: 'max-age=60',
      contentDisposition: 'attachment; filename="report.txt"',
      contentEncoding: 'identity',
      contentLanguage: 'fr',
      metadata: { owner: 'team-a', 'source-system': 'etl' },
      storageClass: 'STANDARD_IA',
      serverSideEncryption: 'aws:kms',
      kmsKeyId: target.kmsKeyId,
      tags: { env: 'prod', team: 'a b' },
      expires: expires.toUTCString(),
      websiteRedirectLocation: '/elsewhere.html',
    };
    await client.putWithAttributes(
      {
        ContentType: written.contentType,
        CacheControl: written.cacheControl,
        ContentDisposition: written.contentDisposition,
        ContentEncoding: written.contentEncoding,
        ContentLanguage: written.contentLanguage,
        Metadata: written.metadata,
        StorageClass: 'STANDARD_IA',
        ServerSideEncryption: 'aws:kms',
        SSEKMSKeyId: target.kmsKeyId,
        Tagging: 'env=prod&team=a%20b',
        Expires: expires,
        WebsiteRedirectLocation: written.websiteRedirectLocation,
      },
      bucket,
      'report.txt',
      'before',
    );
    await vscode.workspace.fs.readFile(s3Uri(bucket, 'report.txt'));
    await vscode.workspace.fs.writeFile(s3Uri(bucket, 'report.txt'), Buffer.from('after'));
    assert.equal((await client.get(bucket, 'report.txt')).toString(), 'after');
    // Compared with what was PUT, field by field, so an attribute the server dropped on the first PUT cannot hide.
    const after = await client.attributes(bucket, 'report.txt');
    for (const [field, value] of Object.entries(written)) {
      assert.deepEqual(after[field], value, field);
    }
  });

  test('a save sends SSE-S3 (AES256) again (RGW 16 does not report it, so a proxy adds the header to its answers)', async () => {
    await client.put(bucket, 'sse-s3.txt', 'before');
    const puts: Array<string | undefined> = [];
    const proxy = await startFeatureProxy(
      target.endpoint,
      (request) => {
        if (request.method === 'PUT' && request.url?.includes('/sse-s3.txt')) {
          puts.push(String(request.headers['x-amz-server-side-encryption']));
        }
        return undefined;
      },
      (request) => (request.url?.includes('/sse-s3.txt') && (request.method === 'HEAD' || request.method === 'GET') ? { 'x-amz-server-side-encryption': 'AES256' } : undefined),
    );
    try {
      await addEndpointConnection('sse-s3', proxy.url);
      const uri = vscode.Uri.from({ scheme: S3_SCHEME, authority: `sse-s3@${bucket}`, path: '/sse-s3.txt' });
      await vscode.workspace.fs.readFile(uri);
      await vscode.workspace.fs.writeFile(uri, Buffer.from('after'));
      assert.equal((await client.get(bucket, 'sse-s3.txt')).toString(), 'after');
      assert.ok(puts.length > 0 && puts.every((header) => header === 'AES256'), `every PUT asked for AES256: ${puts.join()}`);
    } finally {
      await removeAllEndpoints();
      await proxy.close();
    }
  });

  test('a new object gets If-None-Match and a content type from its extension', async () => {
    await vscode.workspace.fs.writeFile(s3Uri(bucket, 'data/new.json'), Buffer.from('{}'));
    assert.equal((await client.attributes(bucket, 'data/new.json')).contentType, 'application/json');
  });

  test('a 1024-byte key round-trips and a 1025-byte key is refused before any request', async () => {
    const exact = `${'é'.repeat(510)}.txt`; // 1020 + 4 bytes
    assert.equal(Buffer.byteLength(exact), 1024);
    await vscode.workspace.fs.writeFile(s3Uri(bucket, exact), Buffer.from('max'));
    assert.equal((await client.get(bucket, exact)).toString(), 'max');
    assert.equal(Buffer.from(await vscode.workspace.fs.readFile(vscode.Uri.parse(s3Uri(bucket, exact).toString()))).toString(), 'max');
    const tooLong = `${'é'.repeat(510)}.txt1`;
    const error = await fileSystemError(() => vscode.workspace.fs.writeFile(s3Uri(bucket, tooLong), Buffer.from('x')));
    assert.equal(error.code, 'NoPermissions');
    assert.match(error.message, /1025 bytes of UTF-8; S3 keys are at most 1024/);
    assert.deepEqual(await client.keys(bucket), [exact]);
  });

  test('renaming a prefix moves every key server-side, nested ones included', async () => {
    const keys = ['old/a.txt', 'old/b.txt', 'old/sub/c.txt', 'old/sub/deeper/d.txt', 'other/keep.txt'];
    for (const key of keys) {
      await client.put(bucket, key, `content ${key}`);
    }
    await vscode.workspace.fs.rename(s3Uri(bucket, 'old'), s3Uri(bucket, 'new'), { overwrite: false });
    assert.deepEqual((await client.keys(bucket)).sort(), ['new/a.txt', 'new/b.txt', 'new/sub/c.txt', 'new/sub/deeper/d.txt', 'other/keep.txt']);
    assert.equal((await client.get(bucket, 'new/sub/deeper/d.txt')).toString(), 'content old/sub/deeper/d.txt');
    const error = await fileSystemError(() => vscode.workspace.fs.rename(s3Uri(bucket, 'other'), s3Uri(bucket, 'new'), { overwrite: false }));
    assert.equal(error.code, 'FileExists');
  });

  test('copy keeps the source, delete removes a file or a whole prefix', async () => {
    await client.putWithAttributes({ ContentType: 'text/csv', Metadata: { origin: 'copy-test' } }, bucket, 'src/table.csv', 'a,b');
    await vscode.workspace.fs.copy(s3Uri(bucket, 'src/table.csv'), s3Uri(bucket, 'dst/table.csv'), { overwrite: false });
    assert.equal((await client.get(bucket, 'dst/table.csv')).toString(), 'a,b');
    assert.deepEqual((await client.attributes(bucket, 'dst/table.csv')).metadata, { origin: 'copy-test' });
    assert.equal(await client.exists(bucket, 'src/table.csv'), true);
    await vscode.workspace.fs.delete(s3Uri(bucket, 'dst/table.csv'));
    assert.equal(await client.exists(bucket, 'dst/table.csv'), false);
    await client.putMany(bucket, Array.from({ length: 1205 }, (_, i) => `bulk/${i}.txt`));
    await vscode.workspace.fs.delete(s3Uri(bucket, 'bulk'), { recursive: true });
    assert.deepEqual(await client.keys(bucket, 'bulk/'), []);
    assert.equal((await fileSystemError(() => vscode.workspace.fs.delete(s3Uri(bucket, 'bulk'), { recursive: true }))).code, 'FileNotFound');
  });

  test('an older version opens read-only with ?versionId= and cannot be written', async () => {
    await client.enableVersioning(bucket);
    await client.put(bucket, 'doc.md', 'first');
    await client.put(bucket, 'doc.md', 'second');
    const [older, latest] = await client.versionIds(bucket, 'doc.md');
    assert.ok(older && latest);
    const olderUri = s3Uri(bucket, 'doc.md', `versionId=${older}`);
    assert.equal(Buffer.from(await vscode.workspace.fs.readFile(olderUri)).toString(), 'first');
    assert.equal((await vscode.workspace.fs.stat(olderUri)).permissions, vscode.FilePermission.Readonly);
    const error = await fileSystemError(() => vscode.workspace.fs.writeFile(olderUri, Buffer.from('nope')));
    assert.equal(error.code, 'NoPermissions');
    assert.match(error.message, /older version/);
    assert.equal((await client.get(bucket, 'doc.md')).toString(), 'second');
  });
});
