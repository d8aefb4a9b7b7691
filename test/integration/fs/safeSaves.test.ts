import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { IndependentClient, targetFromEnvironment } from '../../support/independentClient';
import { extensionApi, fileSystemError } from '../extensionApi';

const target = targetFromEnvironment();

function s3Uri(bucket: string, key: string, query = ''): vscode.Uri {
  return vscode.Uri.from({ scheme: 's3', authority: bucket, path: `/${key}`, query });
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

  test('a document edited while another client changes the object is not saved over their change', async () => {
    await client.put(bucket, 'shared.txt', 'original\n');
    const document = await vscode.workspace.openTextDocument(s3Uri(bucket, 'shared.txt'));
    await vscode.window.showTextDocument(document);
    const edit = new vscode.WorkspaceEdit();
    edit.insert(document.uri, new vscode.Position(1, 0), 'my edit\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await client.put(bucket, 'shared.txt', 'their change\n');
    const saved = await document.save();
    assert.equal(saved, false, 'the save must be refused');
    assert.equal((await client.get(bucket, 'shared.txt')).toString(), 'their change\n', '0 lost updates');
  });

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

  test('a save keeps content type, caching, disposition, encoding, language, metadata, storage class and tags', async () => {
    await client.putWithAttributes(
      {
        ContentType: 'text/x-report; charset=utf-8',
        CacheControl: 'max-age=60',
        ContentDisposition: 'attachment; filename="report.txt"',
        ContentEncoding: 'identity',
        ContentLanguage: 'fr',
        Metadata: { owner: 'team-a', 'source-system': 'etl' },
        Tagging: 'env=prod&team=a%20b',
      },
      bucket,
      'report.txt',
      'before',
    );
    const before = await client.attributes(bucket, 'report.txt');
    await vscode.workspace.fs.writeFile(s3Uri(bucket, 'report.txt'), Buffer.from('after'));
    assert.equal((await client.get(bucket, 'report.txt')).toString(), 'after');
    assert.deepEqual(await client.attributes(bucket, 'report.txt'), before);
    assert.deepEqual(before.tags, { env: 'prod', team: 'a b' });
  });

  test('a save keeps SSE-KMS encryption with its key', async function () {
    if (!target.kmsKeyId) {
      this.skip(); // needs a KMS key the server accepts (the local Ceph has a test key)
    }
    await client.putWithAttributes({ ServerSideEncryption: 'aws:kms', SSEKMSKeyId: target.kmsKeyId, Metadata: { owner: 'team-a' } }, bucket, 'secret.txt', 'before');
    const before = await client.attributes(bucket, 'secret.txt');
    assert.equal(before.serverSideEncryption, 'aws:kms');
    assert.equal(before.kmsKeyId, target.kmsKeyId);
    await vscode.workspace.fs.writeFile(s3Uri(bucket, 'secret.txt'), Buffer.from('after'));
    assert.equal((await client.get(bucket, 'secret.txt')).toString(), 'after');
    assert.deepEqual(await client.attributes(bucket, 'secret.txt'), before);
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
