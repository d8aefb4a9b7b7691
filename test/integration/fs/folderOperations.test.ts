import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { IndependentClient, targetFromEnvironment } from '../../support/independentClient';
import type { Prompts } from '../../../src/ui/prompts';
import { startFeatureProxy } from '../../support/featureProxy';
import { waitFor } from '../../support/waitFor';
import { addEndpointConnection, extensionApi, fileSystemError, removeAllEndpoints, withPrompts } from '../extensionApi';
import { S3_SCHEME } from '../../../src/fs/s3Location';

const target = targetFromEnvironment();

function s3Uri(authority: string, key: string, query = ''): vscode.Uri {
  return vscode.Uri.from({ scheme: S3_SCHEME, authority, path: `/${key}`, query });
}

suite('Rename, copy and delete: across connections, folders, attributes, clashes, size limit', () => {
  const client = new IndependentClient();
  let bucket: string;

  suiteSetup(() => extensionApi());

  setup(async () => {
    bucket = await client.createBucket('move');
  });

  teardown(async () => {
    await vscode.workspace.getConfiguration('s3Browser').update('openRefuseAboveMB', undefined, vscode.ConfigurationTarget.Global);
    await vscode.workspace.getConfiguration('s3Browser').update('transferConcurrency', undefined, vscode.ConfigurationTarget.Global);
    await client.deleteBucket(bucket);
  });

  suiteTeardown(() => client.dispose());

  test('a move between two connections with the same bucket name reads the source from its own server', async function () {
    if (!target.tenantUser) {
      this.skip(); // needs a second bucket namespace (the local Ceph's tenant user)
    }
    const tenant = new IndependentClient(target, target.tenantUser!);
    try {
      await tenant.createNamedBucket(bucket); // the same name, a different bucket
      await client.putWithAttributes({ ContentType: 'text/x-source', Metadata: { origin: 'default-tenant' }, Tagging: 'k=v' }, bucket, 'x.txt', 'from the source server');
      await tenant.put(bucket, 'x.txt', 'the destination server\'s own x');
      await tenant.deleteObject(bucket, 'x.txt'); // the destination has nothing at x.txt …
      await tenant.put(bucket, 'y.txt', 'decoy'); // … but holds other keys
      await vscode.workspace.fs.rename(s3Uri(`default@${bucket}`, 'x.txt'), s3Uri(`tenant2@${bucket}`, 'moved/x.txt'), { overwrite: false });
      assert.equal((await tenant.get(bucket, 'moved/x.txt')).toString(), 'from the source server');
      const attributes = await tenant.attributes(bucket, 'moved/x.txt');
      assert.equal(attributes.contentType, 'text/x-source');
      assert.deepEqual(attributes.metadata, { origin: 'default-tenant' });
      assert.deepEqual(attributes.tags, { k: 'v' });
      assert.equal(await client.exists(bucket, 'x.txt'), false, 'the source is deleted after the verified copy');
      assert.deepEqual(await client.keys(bucket), []);
    } finally {
      await tenant.deleteBucket(bucket);
      tenant.dispose();
    }
  });

  test('a cross-connection copy of an object above the part size goes multipart and leaves no incomplete upload', async function () {
    if (!target.tenantUser) {
      this.skip();
    }
    const tenant = new IndependentClient(target, target.tenantUser!);
    try {
      await tenant.createNamedBucket(bucket);
      const big = Buffer.alloc(12 * 1024 * 1024 + 5, 7);
      big.write('start', 0);
      await client.put(bucket, 'big.bin', big);
      await vscode.workspace.fs.copy(s3Uri(`default@${bucket}`, 'big.bin'), s3Uri(`tenant2@${bucket}`, 'big.bin'), { overwrite: false });
      assert.deepEqual(await tenant.get(bucket, 'big.bin'), big);
      assert.match(String((await tenant.s3.send(new (await import('@aws-sdk/client-s3')).HeadObjectCommand({ Bucket: bucket, Key: 'big.bin' }))).ETag), /-2"?$/, 'uploaded in two parts');
      assert.equal(await tenant.incompleteUploads(bucket), 0);
      assert.equal(await client.exists(bucket, 'big.bin'), true, 'a copy keeps the source');
    } finally {
      await tenant.deleteBucket(bucket);
      tenant.dispose();
    }
  });

  test('a folder move that fails half-way stops, reports exactly what moved, and loses nothing', async () => {
    const keys = Array.from({ length: 60 }, (_, i) => `src/${String(i).padStart(3, '0')}.txt`);
    await client.putMany(bucket, keys);
    // A key the identity may not read: its copy fails in the middle of the job.
    await client.deny(bucket, 'src/030.txt', 's3:GetObject');
    await vscode.workspace.getConfiguration('s3Browser').update('transferConcurrency', 1, vscode.ConfigurationTarget.Global);
    const error = await fileSystemError(() => vscode.workspace.fs.rename(s3Uri(bucket, 'src'), s3Uri(bucket, 'dst'), { overwrite: false }));
    assert.equal(error.code, 'NoPermissions', error.message);
    await client.removeBucketPolicy(bucket);
    const moved = await client.keys(bucket, 'dst/');
    const left = await client.keys(bucket, 'src/');
    assert.equal(moved.length + left.length, 60, 'every key is in exactly one place');
    assert.equal(moved.length, 30, 'stopped at the first failure (one at a time here)');
    assert.deepEqual(new Set(moved.map((key) => key.slice(4))).size, 30);
    assert.ok(moved.every((key) => !left.includes(`src/${key.slice(4)}`)), 'a moved key is no longer at the source');
    assert.match(error.message, /moved 30 of 60 keys; the rest are still at the source/);
    assert.match(error.message, /030\.txt/);
  });

  test('Cancel in the progress notification stops a folder move between keys and says exactly what moved', async () => {
    const keys = Array.from({ length: 40 }, (_, i) => `src/${String(i).padStart(3, '0')}.txt`);
    await client.putMany(bucket, keys);
    await vscode.workspace.getConfiguration('s3Browser').update('transferConcurrency', 1, vscode.ConfigurationTarget.Global);
    // The user presses Cancel once ten keys are reported moved.
    const cancelAfterTen: Prompts['withProgress'] = (title, options, task) => {
      assert.ok(options.cancellable, `"${title}" offers Cancel`);
      const cancel = new AbortController();
      let moved = 0;
      return task((message) => {
        if (/keys moved$/.test(message) && ++moved === 10) {
          cancel.abort();
        }
      }, cancel.signal);
    };
    const error = await withPrompts({ withProgress: cancelAfterTen }, () => fileSystemError(() => vscode.workspace.fs.rename(s3Uri(bucket, 'src'), s3Uri(bucket, 'dst'), { overwrite: false })));
    const moved = await client.keys(bucket, 'dst/');
    const left = await client.keys(bucket, 'src/');
    assert.equal(moved.length, 10, 'no key is started after Cancel (one at a time here)');
    assert.equal(moved.length + left.length, 40, 'every key is in exactly one place');
    assert.equal(error.code, 'Unavailable');
    assert.match(error.message, /was cancelled: moved 10 of 40 keys; the rest are still at the source/);
  });

  test('Cancel while a streamed folder copy checks a copy it has written removes that copy too: "nothing was copied" is what the server shows', async () => {
    await client.put(bucket, 'src/a.txt', 'a');
    const cancel = new AbortController();
    // The check of the written copy (its HEAD) is held until Cancel has been pressed.
    const proxy = await startFeatureProxy(target.endpoint, async (request) => {
      if (request.method === 'HEAD' && request.url?.startsWith(`/${bucket}/new/a.txt`) && !cancel.signal.aborted) {
        cancel.abort();
        await new Promise((resolve) => setTimeout(resolve, 300));
      }
      return undefined;
    });
    try {
      await addEndpointConnection('checkhold', proxy.url);
      const error = await withPrompts({ withProgress: (_title, _options, task) => task(() => undefined, cancel.signal) }, () =>
        fileSystemError(() => vscode.workspace.fs.copy(s3Uri(`default@${bucket}`, 'src'), s3Uri(`checkhold@${bucket}`, 'new'), { overwrite: false })),
      );
      assert.ok(cancel.signal.aborted, 'Cancel was pressed while the copy was checked');
      assert.deepEqual(await client.keys(bucket, 'new/'), [], 'nothing is there');
      assert.match(error.message, /nothing was copied/);
      assert.deepEqual(await client.keys(bucket, 'src/'), ['src/a.txt']);
    } finally {
      await removeAllEndpoints();
      await proxy.close();
    }
  });

  test('a server that dies mid-upload of a cross-connection copy leaves no parts behind and keeps the source', async () => {
    await vscode.workspace.getConfiguration('s3Browser').update('multipartPartSizeMB', 5, vscode.ConfigurationTarget.Global);
    await client.put(bucket, 'big.bin', randomBytes(12 * 1024 * 1024));
    // Every attempt at part 2 loses its connection, as if the destination server went away.
    const proxy = await startFeatureProxy(target.endpoint, (request) => (request.method === 'PUT' && /[?&]partNumber=2(&|$)/.test(request.url ?? '') ? 'cut' : undefined));
    try {
      await addEndpointConnection('dying', proxy.url);
      const error = await fileSystemError(() => vscode.workspace.fs.rename(s3Uri(`default@${bucket}`, 'big.bin'), s3Uri(`dying@${bucket}`, 'moved.bin'), { overwrite: false }));
      assert.equal(error.code, 'Unavailable', error.message);
      assert.ok(proxy.injected.length >= 1, 'part 2 was attempted');
      assert.equal(await client.incompleteUploads(bucket), 0, 'the multipart upload was aborted');
      assert.equal(await client.exists(bucket, 'moved.bin'), false);
      assert.equal((await client.get(bucket, 'big.bin')).length, 12 * 1024 * 1024, 'the source is kept');
    } finally {
      await vscode.workspace.getConfiguration('s3Browser').update('multipartPartSizeMB', undefined, vscode.ConfigurationTarget.Global);
      await removeAllEndpoints();
      await proxy.close();
    }
  });

  test('Cancel during a cross-connection folder copy aborts the multipart upload in flight', async () => {
    await vscode.workspace.getConfiguration('s3Browser').update('multipartPartSizeMB', 5, vscode.ConfigurationTarget.Global);
    await client.put(bucket, 'src/big.bin', randomBytes(12 * 1024 * 1024));
    const cancel = new AbortController();
    // The user presses Cancel while part 2 is on its way.
    const proxy = await startFeatureProxy(target.endpoint, (request) => {
      if (request.method === 'PUT' && /[?&]partNumber=2(&|$)/.test(request.url ?? '')) {
        cancel.abort();
      }
      return undefined;
    });
    try {
      await addEndpointConnection('cancelled', proxy.url);
      const withCancel: Prompts['withProgress'] = (_title, _options, task) => task(() => undefined, cancel.signal);
      const error = await withPrompts({ withProgress: withCancel }, () => fileSystemError(() => vscode.workspace.fs.copy(s3Uri(`default@${bucket}`, 'src'), s3Uri(`cancelled@${bucket}`, 'copy'), { overwrite: false })));
      assert.match(error.message, /was cancelled|stopped/);
      await waitFor('the abort to reach the server', async () => ((await client.incompleteUploads(bucket)) === 0 ? true : undefined));
      assert.deepEqual(await client.keys(bucket, 'copy/'), []);
    } finally {
      await vscode.workspace.getConfiguration('s3Browser').update('multipartPartSizeMB', undefined, vscode.ConfigurationTarget.Global);
      await removeAllEndpoints();
      await proxy.close();
    }
  });

  test('a folder copy into a new folder that fails removes its partial copies, so a retry is not "FileExists"', async () => {
    await client.putMany(bucket, Array.from({ length: 20 }, (_, i) => `data/${String(i).padStart(2, '0')}.csv`));
    await client.deny(bucket, 'data/10.csv', 's3:GetObject');
    await vscode.workspace.getConfiguration('s3Browser').update('transferConcurrency', 1, vscode.ConfigurationTarget.Global);
    const error = await fileSystemError(() => vscode.workspace.fs.copy(s3Uri(bucket, 'data'), s3Uri(bucket, 'backup'), { overwrite: false }));
    assert.equal(error.code, 'NoPermissions', error.message);
    assert.match(error.message, /copied 10 of 20 keys, then removed those copies again, so nothing was copied/);
    assert.deepEqual(await client.keys(bucket, 'backup/'), []);
    await client.removeBucketPolicy(bucket);
    await vscode.workspace.fs.copy(s3Uri(bucket, 'data'), s3Uri(bucket, 'backup'), { overwrite: false });
    assert.equal((await client.keys(bucket, 'backup/')).length, 20);
  });

  test('a folder rename whose new keys would exceed 1024 bytes is refused before anything is written', async () => {
    const longName = 'n'.repeat(1000);
    await client.putMany(bucket, ['f/short.txt', `f/${longName}`]);
    const error = await fileSystemError(() => vscode.workspace.fs.rename(s3Uri(bucket, 'f'), s3Uri(bucket, 'a-much-longer-folder-name'), { overwrite: false }));
    assert.equal(error.code, 'NoPermissions');
    assert.match(error.message, /Nothing was moved: .*1026 bytes of UTF-8; S3 keys are at most 1024/);
    assert.deepEqual((await client.keys(bucket)).sort(), [`f/${longName}`, 'f/short.txt']);
  });

  test('copying a ?versionId= URI copies that version, not the latest', async () => {
    await client.enableVersioning(bucket);
    await client.put(bucket, 'doc.txt', 'old words');
    await client.put(bucket, 'doc.txt', 'new words');
    const [older] = await client.versionIds(bucket, 'doc.txt');
    await vscode.workspace.fs.copy(s3Uri(bucket, 'doc.txt', `versionId=${older}`), s3Uri(bucket, 'restored.txt'), { overwrite: false });
    assert.equal((await client.get(bucket, 'restored.txt')).toString(), 'old words');
  });

  test('saves and renames keep public-read, Expires and the website redirect', async () => {
    const { PutObjectCommand } = await import('@aws-sdk/client-s3');
    const expires = new Date('2031-01-02T03:04:05Z');
    await client.s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'site/index.html', Body: '<p>hi</p>', ACL: 'public-read', Expires: expires, WebsiteRedirectLocation: '/elsewhere.html', ContentType: 'text/html' }));
    assert.equal(await client.anonymousGetStatus(bucket, 'site/index.html'), 200, 'public before');
    const before = await client.attributes(bucket, 'site/index.html');
    assert.ok(before.expires, 'the server keeps Expires');
    await vscode.workspace.fs.writeFile(s3Uri(bucket, 'site/index.html'), Buffer.from('<p>edited</p>'));
    assert.equal(await client.anonymousGetStatus(bucket, 'site/index.html'), 200, 'still public after an edit');
    const afterSave = await client.attributes(bucket, 'site/index.html');
    assert.equal(afterSave.expires, before.expires);
    assert.equal(afterSave.websiteRedirectLocation, before.websiteRedirectLocation);
    await vscode.workspace.fs.rename(s3Uri(bucket, 'site/index.html'), s3Uri(bucket, 'site/home.html'), { overwrite: false });
    assert.equal(await client.anonymousGetStatus(bucket, 'site/home.html'), 200, 'still public after a rename');
    assert.equal((await client.attributes(bucket, 'site/home.html')).expires, before.expires);
    await client.put(bucket, 'private.txt', 'secret');
    await vscode.workspace.fs.writeFile(s3Uri(bucket, 'private.txt'), Buffer.from('still secret'));
    assert.equal(await client.anonymousGetStatus(bucket, 'private.txt'), 403, 'a private object stays private');
  });

  test('an object next to a folder of the same name: both stay visible and ambiguous operations name the clash', async () => {
    await client.putMany(bucket, ['a', 'a/x.txt', 'b.txt']);
    const entries = await vscode.workspace.fs.readDirectory(s3Uri(bucket, ''));
    assert.deepEqual(entries.sort(), [['a', vscode.FileType.Directory], ['b.txt', vscode.FileType.File]].sort(), 'one entry per name; the folder is not lost');
    assert.deepEqual(await vscode.workspace.fs.readDirectory(s3Uri(bucket, 'a')), [['x.txt', vscode.FileType.File]]);
    assert.equal(Buffer.from(await vscode.workspace.fs.readFile(s3Uri(bucket, 'a'))).toString(), 'a', 'the object still reads by its URI');
    const deleteError = await fileSystemError(() => vscode.workspace.fs.delete(s3Uri(bucket, 'a'), { recursive: true }));
    assert.equal(deleteError.code, 'NoPermissions');
    assert.match(deleteError.message, /is both an object and a folder/);
    const renameError = await fileSystemError(() => vscode.workspace.fs.rename(s3Uri(bucket, 'a'), s3Uri(bucket, 'c'), { overwrite: false }));
    assert.equal(renameError.code, 'NoPermissions');
    assert.match(renameError.message, /is both an object and a folder/);
    assert.deepEqual((await client.keys(bucket)).sort(), ['a', 'a/x.txt', 'b.txt']);
    const api = await extensionApi();
    const root = (await api.tree.getChildren(undefined)).find((node) => node.getTreeItem().label === 'default')!;
    api.tree.refresh(root);
    const bucketNode = (await api.tree.getChildren(root)).find((node) => node.getTreeItem().label === bucket)!;
    const shown = (await api.tree.getChildren(bucketNode)).map((node) => `${node.getTreeItem().label}:${node.getTreeItem().contextValue}`);
    assert.deepEqual(shown, ['a:s3Browser.folder', 'a:s3Browser.object', 'b.txt:s3Browser.object'], 'the tree shows both');
  });

  test('a server-side copy of an object over 5 GB goes multipart (UploadPartCopy), and a part that fails aborts the upload: nothing is left (the size comes from a proxy: no 5 GB object here)', async () => {
    await client.put(bucket, 'huge.bin', 'small stand-in');
    const proxy = await startFeatureProxy(target.endpoint, (request) =>
      request.method === 'HEAD' && request.url?.startsWith(`/${bucket}/huge.bin`)
        ? { status: 200, body: '', headers: { 'content-length': String(6 * 1024 ** 3), etag: '"0123456789abcdef0123456789abcdef"', 'last-modified': new Date().toUTCString() } }
        : undefined,
    );
    try {
      await addEndpointConnection('huge', proxy.url);
      const error = await fileSystemError(() => vscode.workspace.fs.copy(s3Uri(`huge@${bucket}`, 'huge.bin'), s3Uri(`huge@${bucket}`, 'copy.bin'), { overwrite: false }));
      assert.equal(error.code, 'Unavailable', error.message);
      assert.ok(proxy.requests.some((request) => /^POST .*copy\.bin\?uploads/.test(request)), `a multipart upload was started: ${proxy.requests.join('\n')}`);
      assert.ok(proxy.requests.some((request) => /^PUT .*copy\.bin\?.*partNumber=1/.test(request)), 'UploadPartCopy was tried');
      assert.ok(!proxy.requests.some((request) => /^PUT .*copy\.bin(\?x-id=CopyObject)?$/.test(request)), 'no single CopyObject above 5 GB');
      assert.ok(proxy.requests.some((request) => /^DELETE .*copy\.bin\?uploadId=/.test(request)), 'the upload was aborted');
      assert.equal(await client.incompleteUploads(bucket), 0, 'no parts left to pay for');
      assert.equal(await client.exists(bucket, 'copy.bin'), false);
    } finally {
      await removeAllEndpoints();
      await proxy.close();
    }
  });

  test('readFile refuses an object above the size limit without reading it, with the size and what to do', async () => {
    await vscode.workspace.getConfiguration('s3Browser').update('openRefuseAboveMB', 1, vscode.ConfigurationTarget.Global);
    await client.put(bucket, 'big.log', Buffer.alloc(1024 * 1024 + 1, 97));
    await client.put(bucket, 'small.log', 'ok');
    const error = await fileSystemError(() => vscode.workspace.fs.readFile(s3Uri(bucket, 'big.log')));
    assert.equal(error.code, 'Unavailable');
    assert.match(error.message, /too large to open in an editor \(above 1\.0 MB, setting s3Browser\.openRefuseAboveMB\).*Download it instead/);
    assert.equal(Buffer.from(await vscode.workspace.fs.readFile(s3Uri(bucket, 'small.log'))).toString(), 'ok');
  });

  test('a folder delete pages through every key with per-request checks', async () => {
    await client.putMany(bucket, Array.from({ length: 2100 }, (_, i) => `logs/${i}.txt`));
    await client.put(bucket, 'logsfile.txt', 'not under logs/');
    await vscode.workspace.fs.delete(s3Uri(bucket, 'logs'), { recursive: true });
    assert.deepEqual(await client.keys(bucket), ['logsfile.txt']);
  });
});
