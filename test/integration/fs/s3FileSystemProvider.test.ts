import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { startFeatureProxy, type FeatureProxy } from '../../support/featureProxy';
import { IndependentClient, targetFromEnvironment } from '../../support/independentClient';
import { addEndpointConnection, extensionApi, fileSystemError, removeAllEndpoints } from '../extensionApi';
import { S3_SCHEME } from '../../../src/fs/s3Location';

const target = targetFromEnvironment();

function s3Uri(authority: string, key: string): vscode.Uri {
  return vscode.Uri.from({ scheme: S3_SCHEME, authority, path: `/${key}` });
}

suite('s3 FileSystemProvider', () => {
  const client = new IndependentClient();
  let bucket: string;

  suiteSetup(() => extensionApi());

  // Each test gets its own bucket, so no test sees another's objects.
  setup(async () => {
    bucket = await client.createBucket('fs');
  });

  teardown(async () => {
    if (proxy) {
      await removeAllEndpoints();
      await proxy.close();
      proxy = undefined;
    }
    await client.deleteBucket(bucket);
  });
  let proxy: FeatureProxy | undefined;

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
    const keys = ['odd dir/ünï cödé +%#?&.txt', 'a//b.txt', '/leading-slash.txt', 'plus+sign/100%.md', 'q?x=1&y=2#frag.txt', 'decomposed/e\u0301.txt'];
    for (const key of keys) {
      const reparsed = vscode.Uri.parse(s3Uri(bucket, key).toString());
      await vscode.workspace.fs.writeFile(reparsed, Buffer.from(key));
      assert.equal((await client.get(bucket, key)).toString('utf8'), key, `key ${JSON.stringify(key)}`);
      assert.equal(Buffer.from(await vscode.workspace.fs.readFile(reparsed)).toString('utf8'), key);
    }
    // Exactly these keys and no near-miss (a/b.txt, leading-slash.txt, a precomposed é) exist on the
    // server, plus the folder markers VS Code's file service creates for parents that did not exist.
    assert.deepEqual(await client.keys(bucket), [...keys, 'a/', 'decomposed/', 'odd dir/', 'plus+sign/'].sort());
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
    const unknown = await fileSystemError(() => vscode.workspace.fs.readFile(s3Uri(`no-such-profile@${bucket}`, 'x')));
    assert.equal(unknown.code, 'Unavailable');
    assert.match(unknown.message, /No AWS profile or S3 endpoint named "no-such-profile"/);
  });

  test('a key someone else creates between the existence check and the PUT makes the new file FileExists; theirs is kept', async () => {
    // The proxy lets the check (HEAD → 404) through, then creates the key just before passing the PUT on.
    proxy = await startFeatureProxy(target.endpoint, async (request) => {
      if (request.method === 'PUT' && request.url?.startsWith(`/${bucket}/race.txt`)) {
        await client.put(bucket, 'race.txt', 'theirs');
      }
      return undefined;
    });
    await addEndpointConnection('race', proxy.url);
    const error = await fileSystemError(() => vscode.workspace.fs.writeFile(s3Uri(`race@${bucket}`, 'race.txt'), Buffer.from('mine')));
    assert.equal(error.code, 'FileExists');
    assert.equal((await client.get(bucket, 'race.txt')).toString(), 'theirs');
    const sent = proxy.requests.filter((request) => request.includes('/race.txt')).map((request) => request.split(' ')[0]);
    assert.deepEqual(sent.slice(-2), ['HEAD', 'PUT'], `the key was absent at the check: ${sent.join()}`);
  });

  test('onDidChangeFile reports every change: create, change, createDirectory, rename (both ends) and delete', async () => {
    const provider = (await extensionApi()).fileSystem;
    const events: string[] = [];
    const names = { [vscode.FileChangeType.Created]: 'Created', [vscode.FileChangeType.Changed]: 'Changed', [vscode.FileChangeType.Deleted]: 'Deleted' };
    const subscription = provider.onDidChangeFile((changes) => events.push(...changes.map((change) => `${names[change.type]} ${change.uri.path}`)));
    try {
      await vscode.workspace.fs.createDirectory(s3Uri(bucket, 'ev/dir'));
      await vscode.workspace.fs.writeFile(s3Uri(bucket, 'ev/a.txt'), Buffer.from('1'));
      await vscode.workspace.fs.writeFile(s3Uri(bucket, 'ev/a.txt'), Buffer.from('2'));
      await vscode.workspace.fs.rename(s3Uri(bucket, 'ev/a.txt'), s3Uri(bucket, 'ev/dir/b.txt'));
      await vscode.workspace.fs.delete(s3Uri(bucket, 'ev/dir/b.txt'));
      await vscode.workspace.fs.delete(s3Uri(bucket, 'ev/dir'), { recursive: true });
    } finally {
      subscription.dispose();
    }
    // VS Code creates the missing parent first (ev/), each with its own event.
    assert.deepEqual(events, ['Created /ev', 'Created /ev/dir', 'Created /ev/a.txt', 'Changed /ev/a.txt', 'Deleted /ev/a.txt', 'Created /ev/dir/b.txt', 'Deleted /ev/dir/b.txt', 'Deleted /ev/dir']);
  });

  test('a DeleteObjects answer with a per-key error fails the folder delete, naming the key; the rest is deleted', async () => {
    await client.putMany(bucket, ['del/a.txt', 'del/b.txt', 'del/c.txt']);
    // S3 answers 200 to DeleteObjects and lists refused keys in the body: here a policy refuses one.
    await client.deny(bucket, 'del/b.txt', 's3:DeleteObject');
    const error = await fileSystemError(() => vscode.workspace.fs.delete(s3Uri(bucket, 'del'), { recursive: true }));
    assert.equal(error.code, 'NoPermissions');
    assert.match(error.message, /1 of 3 deletions .* failed, e\.g\. "del\/b\.txt": AccessDenied/);
    assert.deepEqual(await client.keys(bucket, 'del/'), ['del/b.txt']);
  });
});
