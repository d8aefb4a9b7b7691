import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { IndependentClient, targetFromEnvironment } from '../../support/independentClient';
import { waitFor } from '../../support/waitFor';
import type { Prompts } from '../../../src/ui/prompts';
import { answerByTitle, bucketNode, childNamed, extensionApi, label, treeSettled, withPrompts } from '../extensionApi';
import { S3_SCHEME } from '../../../src/fs/s3Location';

suite('Explorer: paging, filter, go to URI, bucket operations', () => {
  const client = new IndependentClient();
  const created: string[] = [];
  let bucket: string;

  setup(async () => {
    bucket = await client.createBucket('ops');
  });

  teardown(async () => {
    await vscode.workspace.getConfiguration('s3Browser').update('pageSize', undefined, vscode.ConfigurationTarget.Global);
    for (const name of [bucket, ...created.splice(0)]) {
      await client.deleteBucket(name);
    }
  });

  suiteTeardown(() => client.dispose());

  test('2,500 keys page as 1000, 1000, 500 with "Load more…", in the order S3 lists them', async () => {
    const keys = Array.from({ length: 2500 }, (_, i) => `big/key-${String(i).padStart(5, '0')}.txt`);
    await client.putMany(bucket, keys);
    const api = await extensionApi();
    const folder = await childNamed(api, await bucketNode(bucket), 'big');
    const objectsAndMore = async () => {
      const children = await api.tree.getChildren(folder);
      const more = children.filter((child) => child.getTreeItem().contextValue === 's3Browser.loadMore');
      return { objects: children.filter((child) => child.getTreeItem().contextValue === 's3Browser.object').map(label), more: more.length };
    };
    const pages: number[] = [];
    let state = await objectsAndMore();
    pages.push(state.objects.length);
    while (state.more) {
      await vscode.commands.executeCommand('s3Browser.loadMore', folder);
      state = await objectsAndMore();
      pages.push(state.objects.length);
    }
    assert.deepEqual(pages, [1000, 2000, 2500]);
    assert.deepEqual(state.objects, (await client.keys(bucket, 'big/')).map((key) => key.slice('big/'.length)));
  });

  test('a filter narrows a listing server-side and shows in the description until cleared', async () => {
    await client.putMany(bucket, ['docs/a.md', 'data/x.csv', 'data-old/y.csv', 'dump.sql']);
    const api = await extensionApi();
    const node = await bucketNode(bucket);
    await withPrompts({ ask: answerByTitle({ 'Filter ': 'dat' }) }, () => vscode.commands.executeCommand('s3Browser.filter', node));
    assert.deepEqual((await api.tree.getChildren(node)).map(label), ['data', 'data-old']);
    assert.equal(node.getTreeItem().description, 'filter: dat*');
    assert.match(node.getTreeItem().contextValue ?? '', /;filtered/);
    await withPrompts({ ask: answerByTitle({ 'Filter ': 'nothing-here' }) }, () => vscode.commands.executeCommand('s3Browser.filter', node));
    assert.deepEqual((await api.tree.getChildren(node)).map(label), [`No keys start with "nothing-here"`]);
    await vscode.commands.executeCommand('s3Browser.clearFilter', node);
    assert.deepEqual((await api.tree.getChildren(node)).map(label), ['data', 'data-old', 'docs', 'dump.sql']);
    assert.equal(node.getTreeItem().description, undefined);
  });

  test('"Go to S3 URI" reveals the node for s3:// and endpoint URLs, loading pages on the way', async () => {
    await vscode.workspace.getConfiguration('s3Browser').update('pageSize', 3, vscode.ConfigurationTarget.Global);
    const keys = Array.from({ length: 10 }, (_, i) => `deep/er/file-${i}.txt`);
    await client.putMany(bucket, [...keys, 'deep/a.txt', 'deep/b.txt', 'deep/c.txt', 'deep/d.txt']);
    const api = await extensionApi();
    await bucketNode(bucket);
    // The page size change refreshes the tree; a refresh landing after the reveal would replace the
    // revealed node and its selection (seen once in a fresh-clone run).
    await treeSettled();
    const { notified } = await withPrompts({ ask: answerByTitle({ 'Go to S3 URI': `s3://${bucket}/deep/er/file-8.txt` }) }, async (record) => {
      await vscode.commands.executeCommand('s3Browser.goToS3Uri');
      return record;
    });
    assert.deepEqual(notified, [], 'Go to S3 URI reported no error');
    const selected = await waitFor('the selection', async () => (api.treeView.selection[0] && label(api.treeView.selection[0]) === 'file-8.txt' ? api.treeView.selection[0] : undefined));
    assert.equal(label(selected.parent!), 'er');
    assert.equal(label(selected.parent!.parent!), 'deep');

    const endpoint = targetFromEnvironment().endpoint;
    await withPrompts({ ask: answerByTitle({ 'Go to S3 URI': `${endpoint}/${bucket}/deep/er/` }) }, () => vscode.commands.executeCommand('s3Browser.goToS3Uri'));
    const folder = await waitFor('the folder selection', async () => (api.treeView.selection[0] && label(api.treeView.selection[0]) === 'er' ? api.treeView.selection[0] : undefined));
    assert.equal(folder.getTreeItem().contextValue, 's3Browser.folder');
  });

  test('Create Bucket makes the bucket and shows it under its connection', async () => {
    const name = `s3b-created-${Date.now().toString(36)}`;
    created.push(name);
    const api = await extensionApi();
    const root = await childNamed(api, undefined, 'default');
    await withPrompts({ ask: answerByTitle({ 'New bucket': name }) }, () => vscode.commands.executeCommand('s3Browser.createBucket', root));
    assert.equal(await client.bucketExists(name), true);
    assert.ok((await api.tree.getChildren(root)).map(label).includes(name));
  });

  test('Create Folder writes a zero-byte prefix/ marker and the folder appears', async () => {
    const api = await extensionApi();
    const node = await bucketNode(bucket);
    assert.deepEqual((await api.tree.getChildren(node)).map(label), ['Empty bucket']);
    await withPrompts({ ask: answerByTitle({ 'New folder': 'reports/2025' }) }, () => vscode.commands.executeCommand('s3Browser.createFolder', node));
    assert.deepEqual(await client.keys(bucket), ['reports/2025/']);
    assert.equal((await client.get(bucket, 'reports/2025/')).length, 0);
    const reports = await childNamed(api, node, 'reports');
    assert.deepEqual((await api.tree.getChildren(await childNamed(api, reports, '2025'))).map(label), ['Empty folder']);
  });

  test('a save through the file system refreshes only the loaded parent listing', async () => {
    await client.put(bucket, 'notes/old.txt', 'old');
    // A full refresh landing mid-test (an earlier test's connection change) would replace `notes`.
    await treeSettled();
    const api = await extensionApi();
    const notes = await childNamed(api, await bucketNode(bucket), 'notes');
    assert.deepEqual((await api.tree.getChildren(notes)).map(label), ['old.txt']);
    await vscode.workspace.fs.writeFile(vscode.Uri.from({ scheme: S3_SCHEME, authority: bucket, path: '/notes/new.txt' }), Buffer.from('new'));
    await waitFor('the new object in the tree', async () => ((await api.tree.getChildren(notes)).map(label).includes('new.txt') ? true : undefined));
  });

  test('deleting a non-empty versioned bucket removes every version, marker and upload, then the bucket', async () => {
    await client.enableVersioning(bucket);
    await client.put(bucket, 'a.txt', 'v1');
    await client.put(bucket, 'a.txt', 'v2');
    await client.put(bucket, 'dir/b.txt', 'b');
    await client.deleteObject(bucket, 'dir/b.txt');
    await client.startIncompleteUpload(bucket, 'big.bin');
    assert.equal(await client.versionCount(bucket), 4);
    assert.equal(await client.incompleteUploads(bucket), 1);
    const node = await bucketNode(bucket);
    const record = await withPrompts({ ask: async () => bucket }, async (asked) => {
      await vscode.commands.executeCommand('s3Browser.deleteBucket', node);
      return asked;
    });
    assert.equal(record.confirmed.length, 0, 'a bucket with content never gets the light confirmation');
    assert.match(record.asked[0].prompt ?? '', /destroys 1 object, 2 older versions, 1 delete marker and 1 incomplete upload/);
    assert.equal(await client.bucketExists(bucket), false);
    const api = await extensionApi();
    assert.ok(!(await api.tree.getChildren(await childNamed(api, undefined, 'default'))).map(label).includes(bucket));
  });

  test('deleting a non-empty unversioned bucket removes its objects, folder markers and uploads, then the bucket', async () => {
    await client.putMany(bucket, [...Array.from({ length: 1100 }, (_, i) => `many/${i}.txt`), 'marker/', 'top.txt']);
    await client.startIncompleteUpload(bucket, 'pending.bin');
    const node = await bucketNode(bucket);
    const record = await withPrompts({ ask: async () => bucket }, async (asked) => {
      await vscode.commands.executeCommand('s3Browser.deleteBucket', node);
      return asked;
    });
    assert.match(record.asked[0].prompt ?? '', /destroys 1,102 objects, 0 older versions, 0 delete markers and 1 incomplete upload/);
    assert.equal(await client.bucketExists(bucket), false);
  });

  test('a versioned bucket whose objects are all deleted still needs the typed confirmation, which counts its history', async () => {
    await client.enableVersioning(bucket);
    await client.put(bucket, 'gone.txt', 'v1');
    await client.put(bucket, 'gone.txt', 'v2');
    await client.deleteObject(bucket, 'gone.txt');
    const node = await bucketNode(bucket);
    const api = await extensionApi();
    assert.deepEqual((await api.tree.getChildren(node)).map(label), ['Empty bucket'], 'it lists as empty');
    const record = await withPrompts({ ask: async () => `${bucket}-typo`, confirm: async () => undefined }, async (asked) => {
      await vscode.commands.executeCommand('s3Browser.deleteBucket', node);
      return asked;
    });
    assert.equal(record.confirmed.length, 0, 'no "Delete the empty bucket?" modal');
    assert.match(record.asked[0].prompt ?? '', /destroys 0 objects, 2 older versions, 1 delete marker and 0 incomplete uploads/);
    assert.equal(await client.versionCount(bucket), 3, 'a mistyped name destroys nothing');
  });

  test('a bucket holding only an incomplete upload is not "empty"', async () => {
    await client.startIncompleteUpload(bucket, 'pending.bin');
    const node = await bucketNode(bucket);
    const record = await withPrompts({ ask: async () => 'no' }, async (asked) => {
      await vscode.commands.executeCommand('s3Browser.deleteBucket', node);
      return asked;
    });
    assert.equal(record.confirmed.length, 0);
    assert.match(record.asked[0].prompt ?? '', /1 incomplete upload/);
    assert.equal(await client.incompleteUploads(bucket), 1);
  });

  test('an empty bucket gets the light confirmation and is deleted', async () => {
    const node = await bucketNode(bucket);
    const record = await withPrompts({ confirm: async () => undefined }, async (asked) => {
      await vscode.commands.executeCommand('s3Browser.deleteBucket', node);
      return asked;
    });
    assert.equal(record.asked.length, 0);
    assert.match(record.confirmed[0], /Delete the empty bucket/);
    assert.equal(await client.bucketExists(bucket), false);
  });

  test('Cancel half-way through Delete Bucket stops between requests, keeps the bucket and says exactly what was deleted', async () => {
    await client.putMany(bucket, Array.from({ length: 1200 }, (_, i) => `k/${String(i).padStart(4, '0')}`));
    await client.startIncompleteUpload(bucket, 'pending.bin');
    const node = await bucketNode(bucket);
    // The user presses Cancel as soon as the first batch is reported deleted.
    let reported: number | undefined;
    const cancelAfterFirstBatch: Prompts['withProgress'] = (title, options, task) => {
      if (!title.startsWith('Deleting bucket')) {
        return task(() => undefined, new AbortController().signal);
      }
      assert.ok(options.cancellable, 'Delete Bucket offers Cancel');
      const cancel = new AbortController();
      return task((message) => {
        reported ??= Number(/^([\d,]+) versions deleted/.exec(message)?.[1].replace(/,/g, ''));
        cancel.abort();
      }, cancel.signal);
    };
    const record = await withPrompts({ ask: async () => bucket, withProgress: cancelAfterFirstBatch }, async (record) => {
      await vscode.commands.executeCommand('s3Browser.deleteBucket', node);
      return record;
    });
    assert.equal(await client.bucketExists(bucket), true, 'the bucket remains');
    assert.ok(reported && reported < 1200, `one batch was reported: ${reported}`);
    assert.equal((await client.keys(bucket)).length, 1200 - reported, 'no request was started after Cancel');
    assert.equal(await client.incompleteUploads(bucket), 1);
    const warnings = record.notified.filter((notification) => notification.severity === 'warning').map((notification) => notification.message);
    assert.deepEqual(warnings, [`Deleting "${bucket}" was cancelled: the bucket remains; ${reported.toLocaleString('en-US')} object versions and delete markers and 0 incomplete uploads were already deleted.`]);
    assert.ok(!record.notified.some((notification) => notification.severity === 'error'), 'a cancel is not an error');
  });

  test('a mistyped confirmation deletes nothing', async () => {
    await client.put(bucket, 'keep.txt', 'keep');
    const node = await bucketNode(bucket);
    await withPrompts({ ask: async () => `${bucket}-typo` }, async () => vscode.commands.executeCommand('s3Browser.deleteBucket', node));
    assert.equal(await client.bucketExists(bucket), true);
    assert.deepEqual(await client.keys(bucket), ['keep.txt']);
  });
});
