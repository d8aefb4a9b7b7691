import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { IndependentClient, targetFromEnvironment } from '../../support/independentClient';
import { bucketNode as findBucketNode, bucketsOf, childNamed, extensionApi, label } from '../extensionApi';
import { S3_SCHEME } from '../../../src/fs/s3Location';
import { localAndUtc } from '../../../src/ui/format';

suite('S3 explorer tree', () => {
  const client = new IndependentClient();
  let bucket: string;

  // Each test gets its own bucket holding the same fixture keys.
  setup(async () => {
    bucket = await client.createBucket('tree');
    for (const key of ['a.txt', 'z.json', 'docs/readme.md', 'docs/guide/intro.md', 'only-folders/x/y.txt', 'only-folders/w/v.txt']) {
      await client.put(bucket, key, `content of ${key}`);
    }
  });

  teardown(async () => {
    await vscode.workspace.getConfiguration('s3Browser').update('pageSize', undefined, vscode.ConfigurationTarget.Global);
    await client.deleteBucket(bucket);
  });

  suiteTeardown(() => client.dispose());

  test('profiles from the shared config files are the roots, default first', async () => {
    const api = await extensionApi();
    api.tree.refresh(); // from the files and settings as they are now, not as an earlier test left the view
    const roots = (await api.tree.getChildren()).map(label);
    // `aaa` sorts before `default` and comes last in the config file: neither order puts default first.
    const profiles = ['default', 'aaa', 'aws-no-endpoint', 'process', 'readonly', 'rgw', ...(targetFromEnvironment().tenantUser ? ['tenant2'] : []), 'wrong-secret'];
    assert.deepEqual(roots, [...profiles, 'environment']);
  });

  test("a bucket's children equal an independent client's delimiter listing, folders first", async () => {
    const api = await extensionApi();
    const bucketNode = await findBucketNode(bucket);
    const expected = await client.listLevel(bucket, '');
    const children = await api.tree.getChildren(bucketNode);
    assert.deepEqual(children.map(label), [...expected.folders.map((prefix) => prefix.slice(0, -1)), ...expected.files]);
    assert.deepEqual(children.map(label), ['docs', 'only-folders', 'a.txt', 'z.json']);
    assert.deepEqual(
      children.map((child) => child.getTreeItem().contextValue),
      ['s3Browser.folder', 's3Browser.folder', 's3Browser.object', 's3Browser.object'],
    );
    const object = children[2].getTreeItem();
    assert.equal(object.resourceUri?.toString(), vscode.Uri.from({ scheme: S3_SCHEME, authority: `default@${bucket}`, path: '/a.txt' }).toString());
    assert.equal(object.description, `${'content of a.txt'.length} B`);
  });

  test('an object shows its size as the description and size, last-modified, storage class and ETag in the tooltip', async () => {
    await client.putWithAttributes({ StorageClass: 'STANDARD_IA' }, bucket, 'cold.csv', 'x'.repeat(1500));
    const api = await extensionApi();
    const item = (await childNamed(api, await findBucketNode(bucket), 'cold.csv')).getTreeItem();
    const head = await client.attributes(bucket, 'cold.csv');
    assert.equal(item.description, '1.5 KB');
    const tooltip = item.tooltip instanceof vscode.MarkdownString ? item.tooltip.value : String(item.tooltip);
    assert.match(tooltip, /Size: 1\.5 KB \(1,500 bytes\)/);
    assert.match(tooltip, /Storage class: STANDARD_IA/);
    assert.ok(tooltip.includes(String(head.etag).replace(/"/g, '')), `ETag ${head.etag} in ${tooltip}`);
    // In the display language, local and UTC, to the minute (so HEAD's whole seconds and the listing's milliseconds agree).
    assert.ok(tooltip.includes(`Last modified: ${localAndUtc(new Date(String(head.lastModified)))}`), `last-modified ${head.lastModified} in ${tooltip}`);
    assert.equal(item.resourceUri?.path, '/cold.csv', 'the key gives the file-type icon');
  });

  test('a folder holding only sub-folders lists them', async () => {
    const api = await extensionApi();
    const bucketNode = await findBucketNode(bucket);
    const folder = await childNamed(api, bucketNode, 'only-folders');
    const expected = await client.listLevel(bucket, 'only-folders/');
    assert.deepEqual(expected, { folders: ['only-folders/w/', 'only-folders/x/'], files: [] });
    assert.deepEqual((await api.tree.getChildren(folder)).map(label), ['w', 'x']);
  });

  test('pages with a "Load more…" node that appends the next page', async () => {
    await vscode.workspace.getConfiguration('s3Browser').update('pageSize', 3, vscode.ConfigurationTarget.Global);
    const api = await extensionApi();
    const bucketNode = await findBucketNode(bucket);
    api.tree.refresh(bucketNode);
    const firstPage = await api.tree.getChildren(bucketNode);
    assert.equal(firstPage.length, 4);
    // The extension runs from its bundle, so nodes are recognised by contextValue, not instanceof.
    assert.equal(firstPage[3].getTreeItem().contextValue, 's3Browser.loadMore', `last child: ${label(firstPage[3])}`);
    await vscode.commands.executeCommand('s3Browser.loadMore', bucketNode);
    assert.deepEqual((await api.tree.getChildren(bucketNode)).map(label), ['docs', 'only-folders', 'a.txt', 'z.json']);
  });

  test('a profile with a wrong secret shows an error node, not an exception, and the others still work', async () => {
    const api = await extensionApi();
    const children = await api.tree.getChildren(await childNamed(api, undefined, 'wrong-secret'));
    assert.equal(children.length, 1);
    assert.equal(children[0].getTreeItem().contextValue, 's3Browser.error');
    assert.match(label(children[0]), /secret key of "wrong-secret" is wrong/);
    assert.doesNotMatch(label(children[0]), /definitely-not-the-secret/);
    assert.ok((await bucketsOf('rgw')).includes(bucket));
  });
});
