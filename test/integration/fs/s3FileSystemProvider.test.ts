import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { IndependentClient } from '../../support/independentClient';
import { extensionApi, fileSystemError } from '../extensionApi';

function s3Uri(authority: string, key: string): vscode.Uri {
  return vscode.Uri.from({ scheme: 's3', authority, path: `/${key}` });
}

suite('s3 FileSystemProvider', () => {
  const client = new IndependentClient();
  let bucket: string;

  suiteSetup(() => extensionApi());

  // Each test gets its own bucket, so no test sees another's objects.
  setup(async () => {
    bucket = await client.createBucket('fs');
  });

  teardown(() => client.deleteBucket(bucket));

  suiteTeardown(() => client.dispose());

  test('readFile returns the exact bytes another client stored, with and without a profile in the URI', async () => {
    const bytes = randomBytes(70_000);
    await client.put(bucket, 'data/blob.bin', bytes);
    assert.deepEqual(Buffer.from(await vscode.workspace.fs.readFile(s3Uri(bucket, 'data/blob.bin'))), bytes);
    assert.deepEqual(Buffer.from(await vscode.workspace.fs.readFile(s3Uri(`rgw@${bucket}`, 'data/blob.bin'))), bytes);
  });

  test('writeFile stores bytes another client reads back', async () => {
    const text = 'id,name\n1,ünïcode\n';
    await vscode.workspace.fs.writeFile(s3Uri(bucket, 'new/table.csv'), Buffer.from(text));
    assert.equal((await client.get(bucket, 'new/table.csv')).toString('utf8'), text);
    const replacement = randomBytes(1234);
    await vscode.workspace.fs.writeFile(s3Uri(bucket, 'new/table.csv'), replacement);
    assert.deepEqual(await client.get(bucket, 'new/table.csv'), replacement);
  });

  test('keys with unicode, spaces, + % # ? & and // round-trip through the URI string', async () => {
    for (const key of ['odd dir/ünï cödé +%#?&.txt', 'a//b.txt', '/leading-slash.txt', 'plus+sign/100%.md']) {
      const reparsed = vscode.Uri.parse(s3Uri(bucket, key).toString());
      await vscode.workspace.fs.writeFile(reparsed, Buffer.from(key));
      assert.equal((await client.get(bucket, key)).toString('utf8'), key, `key ${JSON.stringify(key)}`);
      assert.equal(Buffer.from(await vscode.workspace.fs.readFile(reparsed)).toString('utf8'), key);
    }
  });

  test('stat gives size and mtime for objects and Directory for prefixes', async () => {
    await client.put(bucket, 'stat/one.txt', 'hello');
    const file = await vscode.workspace.fs.stat(s3Uri(bucket, 'stat/one.txt'));
    assert.equal(file.type, vscode.FileType.File);
    assert.equal(file.size, 5);
    assert.ok(Math.abs(file.mtime - Date.now()) < 10 * 60_000, `mtime ${new Date(file.mtime).toISOString()}`);
    assert.equal((await vscode.workspace.fs.stat(s3Uri(bucket, 'stat'))).type, vscode.FileType.Directory);
    assert.equal((await vscode.workspace.fs.stat(s3Uri(bucket, ''))).type, vscode.FileType.Directory);
    assert.equal((await fileSystemError(() => vscode.workspace.fs.stat(s3Uri(bucket, 'stat/missing.txt')))).code, 'FileNotFound');
  });

  test('readDirectory lists one level like an independent delimiter listing', async () => {
    await client.put(bucket, 'dir/x.txt', 'x');
    await client.put(bucket, 'dir/sub/y.txt', 'y');
    const entries = await vscode.workspace.fs.readDirectory(s3Uri(bucket, 'dir'));
    assert.deepEqual(entries.sort(), [
      ['sub', vscode.FileType.Directory],
      ['x.txt', vscode.FileType.File],
    ]);
  });

  test('writeFile honours create and overwrite exactly', async () => {
    await client.put(bucket, 'flags/existing.txt', 'original');
    const provider = (await extensionApi()).fileSystem;
    const missing = s3Uri(bucket, 'flags/missing.txt');
    const existing = s3Uri(bucket, 'flags/existing.txt');
    assert.equal((await fileSystemError(() => provider.writeFile(missing, Buffer.from('x'), { create: false, overwrite: true }))).code, 'FileNotFound');
    assert.equal((await fileSystemError(() => provider.writeFile(existing, Buffer.from('x'), { create: true, overwrite: false }))).code, 'FileExists');
    assert.equal((await client.get(bucket, 'flags/existing.txt')).toString(), 'original');
    assert.deepEqual(await client.keys(bucket, 'flags/'), ['flags/existing.txt']);
  });

  test('a missing object is FileNotFound and an unknown profile is a clear error', async () => {
    assert.equal((await fileSystemError(() => vscode.workspace.fs.readFile(s3Uri(bucket, 'nope.txt')))).code, 'FileNotFound');
    await assert.rejects(Promise.resolve(vscode.workspace.fs.readFile(s3Uri(`no-such-profile@${bucket}`, 'x'))), /No AWS profile or S3 endpoint named "no-such-profile"/);
  });
});
