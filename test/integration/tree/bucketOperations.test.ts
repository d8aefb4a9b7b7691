import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { IndependentClient, targetFromEnvironment } from '../../support/independentClient';
import { waitFor } from '../../support/waitFor';
import { bucketNode, childNamed, extensionApi, label } from '../extensionApi';

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
    await vscode.commands.executeCommand('s3Browser.filter', node, undefined, 'dat');
    assert.deepEqual((await api.tree.getChildren(node)).map(label), ['data', 'data-old']);
    assert.equal(node.getTreeItem().description, 'filter: dat*');
    assert.match(node.getTreeItem().contextValue ?? '', /;filtered/);
    await vscode.commands.executeCommand('s3Browser.filter', node, undefined, 'nothing-here');
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
    await vscode.commands.executeCommand('s3Browser.goToS3Uri', `s3://${bucket}/deep/er/file-8.txt`);
    const selected = await waitFor('the selection', async () => (api.treeView.selection[0] && label(api.treeView.selection[0]) === 'file-8.txt' ? api.treeView.selection[0] : undefined));
    assert.equal(label(selected.parent!), 'er');
    assert.equal(label(selected.parent!.parent!), 'deep');

    const endpoint = targetFromEnvironment().endpoint;
    await vscode.commands.executeCommand('s3Browser.goToS3Uri', `${endpoint}/${bucket}/deep/er/`);
    const folder = await waitFor('the folder selection', async () => (api.treeView.selection[0] && label(api.treeView.selection[0]) === 'er' ? api.treeView.selection[0] : undefined));
    assert.equal(folder.getTreeItem().contextValue, 's3Browser.folder');
  });

  test('Create Bucket makes the bucket and shows it under its connection', async () => {
    const name = `s3b-created-${Date.now().toString(36)}`;
    created.push(name);
    const api = await extensionApi();
    const root = await childNamed(api, undefined, 'default');
    await vscode.commands.executeCommand('s3Browser.createBucket', root, undefined, { name });
    assert.equal(await client.bucketExists(name), true);
    assert.ok((await api.tree.getChildren(root)).map(label).includes(name));
  });

  test('Create Folder writes a zero-byte prefix/ marker and the folder appears', async () => {
    const api = await extensionApi();
    const node = await bucketNode(bucket);
    assert.deepEqual((await api.tree.getChildren(node)).map(label), ['Empty bucket']);
    await vscode.commands.executeCommand('s3Browser.createFolder', node, undefined, 'reports/2025');
    assert.deepEqual(await client.keys(bucket), ['reports/2025/']);
    assert.equal((await client.get(bucket, 'reports/2025/')).length, 0);
    const reports = await childNamed(api, node, 'reports');
    assert.deepEqual((await api.tree.getChildren(await childNamed(api, reports, '2025'))).map(label), ['Empty folder']);
  });

  test('a save through the file system refreshes only the loaded parent listing', async () => {
    await client.put(bucket, 'notes/old.txt', 'old');
    const api = await extensionApi();
    const notes = await childNamed(api, await bucketNode(bucket), 'notes');
    assert.deepEqual((await api.tree.getChildren(notes)).map(label), ['old.txt']);
    await vscode.workspace.fs.writeFile(vscode.Uri.from({ scheme: 's3', authority: bucket, path: '/notes/new.txt' }), Buffer.from('new'));
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
    await vscode.commands.executeCommand('s3Browser.deleteBucket', await bucketNode(bucket), undefined, { confirmation: bucket });
    assert.equal(await client.bucketExists(bucket), false);
    const api = await extensionApi();
    assert.ok(!(await api.tree.getChildren(await childNamed(api, undefined, 'default'))).map(label).includes(bucket));
  });

  test('deleting a non-empty unversioned bucket removes its objects, folder markers and uploads, then the bucket', async () => {
    await client.putMany(bucket, [...Array.from({ length: 1100 }, (_, i) => `many/${i}.txt`), 'marker/', 'top.txt']);
    await client.startIncompleteUpload(bucket, 'pending.bin');
    await vscode.commands.executeCommand('s3Browser.deleteBucket', await bucketNode(bucket), undefined, { confirmation: bucket });
    assert.equal(await client.bucketExists(bucket), false);
  });

  test('a mistyped confirmation deletes nothing', async () => {
    await client.put(bucket, 'keep.txt', 'keep');
    await vscode.commands.executeCommand('s3Browser.deleteBucket', await bucketNode(bucket), undefined, { confirmation: `${bucket}-typo` });
    assert.equal(await client.bucketExists(bucket), true);
    assert.deepEqual(await client.keys(bucket), ['keep.txt']);
  });
});
