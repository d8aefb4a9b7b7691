import * as assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { HeadObjectCommand, ListPartsCommand } from '@aws-sdk/client-s3';
import * as vscode from 'vscode';
import type { ConnectionNode } from '../../../src/tree/nodes/connectionNode';
import type { Prompts } from '../../../src/ui/prompts';
import { s3ErrorXml, startFeatureProxy, type FeatureProxy } from '../../support/featureProxy';
import { IndependentClient, targetFromEnvironment } from '../../support/independentClient';
import { waitFor } from '../../support/waitFor';
import { addEndpointConnection, bucketNode, childNamed, extensionApi, label, notifications, removeAllEndpoints, withPrompts } from '../extensionApi';

const target = targetFromEnvironment();
const MiB = 1024 * 1024;

function sha256(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * A `pick` answering by title prefix (the longest that matches) with the item whose label starts
 * with the answer; any other question fails the test.
 */
function pickStartingWith(answers: Record<string, string>): Prompts['pick'] {
  return async (items, options) => {
    const title = options.title ?? '';
    const match = Object.keys(answers)
      .filter((prefix) => title.startsWith(prefix))
      .sort((a, b) => b.length - a.length)[0];
    const item = match === undefined ? undefined : items.find((candidate) => candidate.label.startsWith(answers[match]));
    if (!item) {
      throw new Error(`Unexpected quick pick or choice: ${title} (${items.map((candidate) => candidate.label).join(', ')})`);
    }
    return item;
  };
}

/** An `ask` answering by title prefix (the longest that matches), checked by the input box's own validation. */
function askStartingWith(answers: Record<string, string>): Prompts['ask'] {
  return async (options) => {
    const title = options.title ?? '';
    const match = Object.keys(answers)
      .filter((prefix) => title.startsWith(prefix))
      .sort((a, b) => b.length - a.length)[0];
    if (match === undefined) {
      throw new Error(`Unexpected input box: ${title}`);
    }
    const problem = await options.validateInput?.(answers[match]);
    if (problem) {
      throw new Error(`"${answers[match]}" was refused by "${title}": ${typeof problem === 'string' ? problem : problem.message}`);
    }
    return answers[match];
  };
}


/** Writes files (relative path → content) under a fresh temporary folder and returns it. */
async function localTree(files: Record<string, string | Uint8Array>): Promise<string> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 's3b-upload-'));
  for (const [relative, content] of Object.entries(files)) {
    const file = path.join(root, relative);
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, content);
  }
  return root;
}

suite('Upload: files and folders into buckets, options, existing keys, cancel, denied keys', () => {
  const client = new IndependentClient();
  let bucket: string;
  const localRoots: string[] = [];
  const proxies: FeatureProxy[] = [];

  suiteSetup(() => extensionApi());

  setup(async () => {
    bucket = await client.createBucket('upload');
  });

  teardown(async () => {
    const configuration = vscode.workspace.getConfiguration('s3Browser');
    for (const name of ['multipartPartSizeMB', 'multipartQueueSize', 'transferConcurrency', 'readOnlyConnections', 'upload.storageClass', 'upload.cacheControl']) {
      await configuration.update(name, undefined, vscode.ConfigurationTarget.Global);
    }
    await removeAllEndpoints();
    for (const proxy of proxies.splice(0)) {
      await proxy.close();
    }
    await client.deleteBucket(bucket);
    for (const root of localRoots.splice(0)) {
      await fs.rm(root, { recursive: true, force: true });
    }
  });

  suiteTeardown(() => client.dispose());

  async function ownTree(files: Record<string, string | Uint8Array>): Promise<string> {
    const root = await localTree(files);
    localRoots.push(root);
    return root;
  }

  test('Upload Folder on a bucket keeps the layout and the bytes: nested folders, unicode and "+ % #" names, a 0-byte file, a multipart file; a symlink loop is skipped, an empty folder gives nothing', async () => {
    await vscode.workspace.getConfiguration('s3Browser').update('multipartPartSizeMB', 5, vscode.ConfigurationTarget.Global);
    const big = randomBytes(12 * MiB + 3);
    const files: Record<string, string | Uint8Array> = {
      'photos/a/b.jpg': randomBytes(70_000),
      'photos/a/c d+e%20f#g.txt': 'plus, percent, hash and a space',
      'photos/ünïcödé/日本語.txt': 'unicode',
      'photos/empty.bin': new Uint8Array(),
      'photos/big.bin': big,
      'photos/top.csv': 'a,b\n1,2\n',
    };
    const root = await ownTree(files);
    await fs.mkdir(path.join(root, 'photos', 'nothing-inside', 'deeper'), { recursive: true });
    await fs.symlink(path.join(root, 'photos'), path.join(root, 'photos', 'a', 'loop'));
    const api = await extensionApi();
    const node = await bucketNode(bucket);
    await api.tree.getChildren(node); // loaded, so the upload must refresh it

    const told = await withPrompts(
      {
        openDialog: async (options) => {
          assert.equal(options.canSelectFolders, true);
          assert.equal(options.canSelectMany, true);
          return [vscode.Uri.file(path.join(root, 'photos'))];
        },
      },
      async (record) => {
        await vscode.commands.executeCommand('s3Browser.uploadFolder', node);
        assert.deepEqual(record.progress, [`Uploading to s3://${bucket}/`], 'reading the files and checking the keys are phases of the upload\'s one progress notification');
        return notifications(record);
      },
    );
    assert.deepEqual(told, [`info: Upload to s3://${bucket}/: 6 succeeded, 0 failed, 1 skipped.`]);
    assert.deepEqual((await client.keys(bucket)).sort(), Object.keys(files).sort());
    for (const [relative, content] of Object.entries(files)) {
      assert.equal(sha256(await client.get(bucket, relative)), sha256(typeof content === 'string' ? Buffer.from(content) : content), relative);
    }
    const head = await client.s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'photos/big.bin' }));
    assert.match(String(head.ETag), /-3"?$/, 'the 12 MiB file went up in three 5 MiB parts');
    assert.equal(await client.incompleteUploads(bucket), 0);
    assert.equal((await client.attributes(bucket, 'photos/top.csv')).contentType, 'text/csv; charset=utf-8');
    await waitFor('the uploaded folder in the tree', async () => ((await api.tree.getChildren(node)).some((child) => label(child) === 'photos') ? true : undefined));
  });

  test('Upload with Options from the palette (connection → bucket → prefix, ".." and empty segments refused) with chosen options: SSE aws:kms with testkey-1, STANDARD_IA, Cache-Control, and Content-Type from the name, as HeadObject shows', async function () {
    if (!target.kmsKeyId) {
      this.skip(); // needs a KMS key on the server (the local Ceph has testkey-1)
    }
    const root = await ownTree({ 'report.csv': 'x,y\n', 'logo.png': randomBytes(2000) });
    const answers = {
      openDialog: async () => [vscode.Uri.file(path.join(root, 'report.csv')), vscode.Uri.file(path.join(root, 'logo.png'))],
      pick: pickStartingWith({
        'Upload with Options: which connection?': 'default',
        'Upload with Options: which bucket': bucket,
        'Upload options: storage class': 'STANDARD_IA',
        'Upload options: server-side encryption': 'aws:kms',
        'Upload options: ACL': 'private',
      }),
      ask: async (options: vscode.InputBoxOptions) => {
        if (options.title?.startsWith('Upload with Options: folder in')) {
          for (const hostile of ['../x', 'a/./b', 'a//b']) {
            assert.ok(await options.validateInput?.(hostile), `the prefix ${hostile} is refused`);
          }
        }
        return askStartingWith({
          'Upload with Options: folder in': 'reports/2025',
          'Upload options: KMS key id': target.kmsKeyId!,
          'Upload options: Cache-Control': 'max-age=60',
        })(options);
      },
    };
    const told = await withPrompts(answers, async (record) => {
      await vscode.commands.executeCommand('s3Browser.uploadWithOptions');
      return notifications(record);
    });
    assert.deepEqual(told, [`info: Upload to s3://${bucket}/reports/2025/: 2 succeeded, 0 failed.`]);
    for (const [key, contentType] of [['reports/2025/report.csv', 'text/csv; charset=utf-8'], ['reports/2025/logo.png', 'image/png']]) {
      const attributes = await client.attributes(bucket, key);
      assert.equal(attributes.contentType, contentType, key);
      assert.equal(attributes.storageClass, 'STANDARD_IA', key);
      assert.equal(attributes.serverSideEncryption, 'aws:kms', key);
      assert.equal(attributes.kmsKeyId, target.kmsKeyId, key);
      assert.equal(attributes.cacheControl, 'max-age=60', key);
    }
    assert.deepEqual(await client.grants(bucket, 'reports/2025/report.csv'), ['FULL_CONTROL owner']);
  });

  test('Cancel half-way through a 64 MiB multipart upload leaves no incomplete upload and no object', async () => {
    await vscode.workspace.getConfiguration('s3Browser').update('multipartPartSizeMB', 5, vscode.ConfigurationTarget.Global);
    const root = await ownTree({ 'huge.bin': randomBytes(64 * MiB) });
    // The user presses Cancel once the server holds parts of the upload. Parts 3 and later wait at a
    // proxy until parts 1 and 2 are stored, so the upload cannot end before Cancel; then they are cut.
    const cancel = new AbortController();
    let percent = 0;
    let partsSeenOnServer = 0;
    let percentAtCancel = 0;
    let cancelling: Promise<void> | undefined;
    let watchFailure: unknown;
    const proxy = await startFeatureProxy(target.endpoint, async (request) => {
      const part = request.method === 'PUT' ? /[?&]partNumber=(\d+)/.exec(request.url ?? '') : null;
      if (!part || Number(part[1]) < 3) {
        return undefined;
      }
      cancelling ??= (async () => {
        const uploadId = new URL(request.url ?? '', 'http://proxy').searchParams.get('uploadId') ?? '';
        partsSeenOnServer = await waitFor('parts 1 and 2 of huge.bin on the server', async () => {
          const parts = (await client.s3.send(new ListPartsCommand({ Bucket: bucket, Key: 'huge.bin', UploadId: uploadId }))).Parts ?? [];
          return parts.length >= 2 ? parts.length : undefined;
        });
        percentAtCancel = percent;
        cancel.abort();
      })().catch((error: unknown) => {
        // Not seen in time: the held parts are cut, so the upload fails at once and the test says why.
        watchFailure = error;
      });
      await cancelling;
      return 'cut';
    });
    proxies.push(proxy);
    await addEndpointConnection('upload-cancel', proxy.url);
    const told = await withPrompts(
      {
        openDialog: async () => [vscode.Uri.file(path.join(root, 'huge.bin'))],
        withProgress: async (title, options, task) => {
          if (!title.startsWith('Uploading')) {
            return task(() => undefined, new AbortController().signal);
          }
          assert.equal(options.cancellable, true);
          return task((_message, increment) => (percent += increment ?? 0), cancel.signal);
        },
      },
      async (record) => {
        await vscode.commands.executeCommand('s3Browser.uploadFiles', await bucketNode(bucket, 'upload-cancel'));
        return notifications(record);
      },
    );
    if (watchFailure) {
      throw watchFailure;
    }
    assert.ok(cancel.signal.aborted, `Cancel was never pressed: no part after the second reached the proxy. Told: ${told.join(' | ')}`);
    assert.ok(partsSeenOnServer >= 2 && percentAtCancel < 100, `cancelled half-way: ${partsSeenOnServer} parts on the server, ${percentAtCancel.toFixed(0)}% read`);
    assert.deepEqual(told, [`warning: Upload to s3://${bucket}/ was cancelled: 0 succeeded, 0 failed, 1 not done.`]);
    assert.equal(await client.incompleteUploads(bucket), 0, 'the multipart upload was aborted');
    assert.deepEqual(await client.keys(bucket), [], 'no object');
  });

  test('a 3-file batch where the server denies one key reports 2 succeeded, 1 failed, naming the file and the key, and uploads the two others', async () => {
    const root = await ownTree({ 'a.txt': 'a', 'b.txt': 'b', 'c.txt': 'c' });
    await client.deny(bucket, 'b.txt', 's3:PutObject');
    const told = await withPrompts(
      {
        openDialog: async () => ['a.txt', 'b.txt', 'c.txt'].map((name) => vscode.Uri.file(path.join(root, name))),
      },
      async (record) => {
        await vscode.commands.executeCommand('s3Browser.uploadFiles', await bucketNode(bucket));
        return record.notified;
      },
    );
    assert.equal(told.length, 1, JSON.stringify(told));
    assert.equal(told[0].severity, 'warning');
    assert.ok(told[0].message.startsWith(`Upload to s3://${bucket}/: 2 succeeded, 1 failed. ${path.join(root, 'b.txt')} → s3://${bucket}/b.txt: `), told[0].message);
    assert.match(told[0].message, /denied/i);
    assert.deepEqual(told[0].actions, ['Show Details']);
    await client.removeBucketPolicy(bucket);
    assert.deepEqual((await client.keys(bucket)).sort(), ['a.txt', 'c.txt']);
  });

  test('existing keys are asked about once: "Skip Unchanged" skips an identical file and uploads a changed one of the same size', async () => {
    await client.enableVersioning(bucket);
    await client.put(bucket, 'in/same.txt', 'identical content');
    await client.put(bucket, 'in/changed.txt', 'old content 1234');
    const root = await ownTree({ 'same.txt': 'identical content', 'changed.txt': 'new content 5678', 'fresh.txt': 'new file' });
    const api = await extensionApi();
    const folder = await childNamed(api, await bucketNode(bucket), 'in');
    const questions: string[] = [];
    const pick = pickStartingWith({ '2 of 3 files already exist': 'Skip Unchanged' });
    const told = await withPrompts(
      {
        openDialog: async () => ['same.txt', 'changed.txt', 'fresh.txt'].map((name) => vscode.Uri.file(path.join(root, name))),
        pick: async (items, options) => {
          questions.push(options.title ?? '');
          return pick(items, options);
        },
      },
      async (record) => {
        await vscode.commands.executeCommand('s3Browser.uploadFiles', folder);
        return notifications(record);
      },
    );
    assert.equal(questions.filter((title) => title.includes('already exist')).length, 1, `asked once: ${questions.join(' | ')}`);
    assert.deepEqual(told, [`info: Upload to s3://${bucket}/in/: 2 succeeded, 0 failed, 1 skipped.`]);
    assert.equal((await client.get(bucket, 'in/changed.txt')).toString(), 'new content 5678');
    assert.equal((await client.versionIds(bucket, 'in/same.txt')).length, 1, 'the identical file was not written again');
    assert.equal((await client.versionIds(bucket, 'in/changed.txt')).length, 2);
    assert.equal((await client.get(bucket, 'in/fresh.txt')).toString(), 'new file');
  });

  test('Upload to S3… from the Explorer convention (uri, uris) with file: URIs uploads the selection (a file and a folder) into the prefix asked for', async () => {
    const root = await ownTree({ 'notes.md': '# notes', 'assets/x/y.svg': '<svg/>' });
    const file = vscode.Uri.file(path.join(root, 'notes.md'));
    const folder = vscode.Uri.file(path.join(root, 'assets'));
    const told = await withPrompts(
      {
        pick: pickStartingWith({ 'Upload to S3: which connection?': 'default', 'Upload to S3: which bucket': bucket}),
        ask: askStartingWith({ 'Upload to S3: folder in': 'site/' }),
      },
      async (record) => {
        await vscode.commands.executeCommand('s3Browser.uploadToS3', file, [file, folder]);
        return notifications(record);
      },
    );
    assert.deepEqual(told, [`info: Upload to s3://${bucket}/site/: 2 succeeded, 0 failed.`]);
    assert.deepEqual((await client.keys(bucket)).sort(), ['site/assets/x/y.svg', 'site/notes.md']);
    assert.equal((await client.attributes(bucket, 'site/assets/x/y.svg')).contentType, 'image/svg+xml');
    assert.equal((await client.get(bucket, 'site/notes.md')).toString(), '# notes');
  });

  test('a read-only connection is refused before anything is asked, from the tree and from the Explorer', async () => {
    await vscode.workspace.getConfiguration('s3Browser').update('readOnlyConnections', ['upload-ro'], vscode.ConfigurationTarget.Global);
    await addEndpointConnection('upload-ro', target.endpoint);
    const api = await extensionApi();
    await waitFor('the read-only flag', async () => ((await childNamed(api, undefined, 'upload-ro')) as ConnectionNode).connection.settings.readOnly || undefined);
    const root = await ownTree({ 'a.txt': 'a' });
    const node = await bucketNode(bucket, 'upload-ro');
    const told = await withPrompts({ pick: pickStartingWith({ 'Upload to S3: which connection?': 'upload-ro' }) }, async (record) => {
      // No open dialog and no option is answered: being asked would fail the test.
      await vscode.commands.executeCommand('s3Browser.uploadFiles', node);
      await vscode.commands.executeCommand('s3Browser.uploadFolder', node);
      await vscode.commands.executeCommand('s3Browser.uploadToS3', vscode.Uri.file(path.join(root, 'a.txt')));
      return notifications(record);
    });
    assert.equal(told.length, 3, told.join('\n'));
    for (const message of told) {
      assert.match(message, /^error: "upload-ro" is read-only: writing .* was refused/);
    }
    assert.deepEqual(await client.keys(bucket), []);
  });

  test('a part refused in the middle of a multipart upload fails that file alone, naming it and its key, and aborts its upload (no parts left, no object)', async () => {
    await vscode.workspace.getConfiguration('s3Browser').update('multipartPartSizeMB', 5, vscode.ConfigurationTarget.Global);
    const proxy = await startFeatureProxy(target.endpoint, (request) =>
      request.method === 'PUT' && /[?&]partNumber=2(&|$)/.test(request.url ?? '') ? { status: 403, body: s3ErrorXml('AccessDenied', 'Access Denied') } : undefined,
    );
    proxies.push(proxy);
    await addEndpointConnection('upload-proxy', proxy.url);
    const root = await ownTree({ 'big.bin': randomBytes(12 * MiB), 'small.txt': 'small' });
    const told = await withPrompts(
      {
        openDialog: async () => [vscode.Uri.file(path.join(root, 'big.bin')), vscode.Uri.file(path.join(root, 'small.txt'))],
      },
      async (record) => {
        await vscode.commands.executeCommand('s3Browser.uploadFiles', await bucketNode(bucket, 'upload-proxy'));
        return notifications(record);
      },
    );
    assert.equal(told.length, 1, told.join('\n'));
    assert.ok(told[0].startsWith(`warning: Upload to s3://${bucket}/: 1 succeeded, 1 failed. ${path.join(root, 'big.bin')} → s3://${bucket}/big.bin: `), told[0]);
    assert.ok(proxy.injected.some((request) => request.includes('partNumber=2')), 'the part was refused');
    assert.equal(await client.incompleteUploads(bucket), 0, 'the multipart upload was aborted');
    assert.deepEqual(await client.keys(bucket), ['small.txt']);
  });

  test('a folder of 120 files goes up over kept-alive connections, a few per request slot, though VS Code\'s proxy support would open one per request', async () => {
    await vscode.workspace.getConfiguration('s3Browser').update('transferConcurrency', 8, vscode.ConfigurationTarget.Global);
    const proxy = await startFeatureProxy(target.endpoint);
    proxies.push(proxy);
    await addEndpointConnection('keep-alive-proxy', proxy.url);
    const files = Object.fromEntries(Array.from({ length: 120 }, (_, index) => [`many/file-${String(index).padStart(3, '0')}.txt`, `file ${index}`]));
    const root = await ownTree(files);
    const told = await withPrompts(
      {
        openDialog: async () => [vscode.Uri.file(path.join(root, 'many'))],
      },
      async (record) => {
        await vscode.commands.executeCommand('s3Browser.uploadFolder', await bucketNode(bucket, 'keep-alive-proxy'));
        return notifications(record);
      },
    );
    assert.deepEqual(told, [`info: Upload to s3://${bucket}/: 120 succeeded, 0 failed.`]);
    assert.equal((await client.keys(bucket)).length, 120);
    const puts = proxy.requests.filter((request) => request.startsWith('PUT ')).length;
    assert.equal(puts, 120);
    // 8 in flight: a connection each, and a few more where a request started before a finished one's connection was free again.
    assert.ok(proxy.connections <= 16, `${proxy.connections} connections for ${proxy.requests.length} requests`);
  });

  test('many big files at a high concurrency run only as many multipart uploads at once as fit the 128 MiB part-buffer budget, and all arrive', async () => {
    const configuration = vscode.workspace.getConfiguration('s3Browser');
    // 5 MiB parts, 12 in flight each: 60 MiB per upload, so two at once fit 128 MiB.
    await configuration.update('multipartPartSizeMB', 5, vscode.ConfigurationTarget.Global);
    await configuration.update('multipartQueueSize', 12, vscode.ConfigurationTarget.Global);
    await configuration.update('transferConcurrency', 32, vscode.ConfigurationTarget.Global);
    let open = 0;
    let most = 0;
    const proxy = await startFeatureProxy(target.endpoint, (request) => {
      const url = request.url ?? '';
      if (request.method === 'POST' && /[?&]uploads(=|&|$)/.test(url)) {
        most = Math.max(most, ++open);
      } else if ((request.method === 'POST' || request.method === 'DELETE') && /[?&]uploadId=/.test(url)) {
        open--;
      }
      return undefined;
    });
    proxies.push(proxy);
    await addEndpointConnection('upload-budget', proxy.url);
    const files = Object.fromEntries(Array.from({ length: 6 }, (_, index) => [`big-${index}.bin`, randomBytes(11 * MiB)]));
    const root = await ownTree(files);
    const told = await withPrompts(
      {
        openDialog: async () => Object.keys(files).map((name) => vscode.Uri.file(path.join(root, name))),
      },
      async (record) => {
        await vscode.commands.executeCommand('s3Browser.uploadFiles', await bucketNode(bucket, 'upload-budget'));
        return notifications(record);
      },
    );
    assert.deepEqual(told, [`info: Upload to s3://${bucket}/: 6 succeeded, 0 failed.`]);
    assert.equal(most, 2, 'two multipart uploads in flight at most (and the budget allowed two)');
    for (const [name, content] of Object.entries(files)) {
      assert.equal(sha256(await client.get(bucket, name)), sha256(content), name);
    }
  });

  test('a public canned ACL is confirmed naming who can read what; declined, nothing is uploaded; confirmed, the files are public', async () => {
    const root = await ownTree({ 'page.html': '<p>hi</p>' });
    const answers = (confirm: Prompts['confirm']): Partial<Prompts> => ({
      openDialog: async () => [vscode.Uri.file(path.join(root, 'page.html'))],
      pick: pickStartingWith({ 'Upload options: storage class': 'Server default', 'Upload options: server-side encryption': 'None', 'Upload options: ACL': 'public-read' }),
      ask: askStartingWith({ 'Upload options: Cache-Control': '' }),
      confirm,
    });
    const declined = await withPrompts(
      answers(async () => {
        throw new vscode.CancellationError();
      }),
      async (record) => {
        await vscode.commands.executeCommand('s3Browser.uploadWithOptions', await bucketNode(bucket));
        return record;
      },
    );
    assert.deepEqual(declined.confirmed, [`Make 1 file public?\nThe ACL "public-read" lets anyone on the internet read every file uploaded to s3://${bucket}/ — they become public.`]);
    assert.deepEqual(declined.notified, [], 'a cancel is silent');
    assert.deepEqual(await client.keys(bucket), []);

    await withPrompts(
      answers(async () => undefined),
      async () => vscode.commands.executeCommand('s3Browser.uploadWithOptions', await bucketNode(bucket)),
    );
    assert.equal(await client.anonymousGetStatus(bucket, 'page.html'), 200);
    assert.equal((await client.attributes(bucket, 'page.html')).contentType, 'text/html; charset=utf-8');
  });

  test('a file whose key would pass 1024 bytes fails alone, before any request; the others are uploaded', async () => {
    const longName = `${'n'.repeat(200)}.txt`;
    const root = await ownTree({ [longName]: 'too long', 'ok.txt': 'fits' });
    const prefix = `${'p'.repeat(850)}/`;
    const told = await withPrompts(
      {
        openDialog: async () => [vscode.Uri.file(path.join(root, longName)), vscode.Uri.file(path.join(root, 'ok.txt'))],
        pick: pickStartingWith({ 'Upload Files: which connection?': 'default', 'Upload Files: which bucket': bucket}),
        ask: askStartingWith({ 'Upload Files: folder in': prefix }),
      },
      async (record) => {
        await vscode.commands.executeCommand('s3Browser.uploadFiles');
        return notifications(record);
      },
    );
    assert.equal(told.length, 1, told.join('\n'));
    assert.match(told[0], /^warning: Upload to s3:\/\/.*: 1 succeeded, 1 failed\. .* is 1055 bytes of UTF-8; S3 keys are at most 1024/);
    assert.deepEqual(await client.keys(bucket), [`${prefix}ok.txt`]);
  });
});
