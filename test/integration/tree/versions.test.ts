import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { GetBucketVersioningCommand } from '@aws-sdk/client-s3';
import * as vscode from 'vscode';
import type { S3Node } from '../../../src/tree/nodes/s3Node';
import { startFeatureProxy } from '../../support/featureProxy';
import { IndependentClient, targetFromEnvironment } from '../../support/independentClient';
import { addEndpointConnection, bucketNode, extensionApi, label, nodeIn, notifications, removeAllEndpoints, withPrompts } from '../extensionApi';
import { S3_SCHEME } from '../../../src/fs/s3Location';


/** The children of a node, as "label | description | contextValue". */
async function shown(node: S3Node): Promise<string[]> {
  const api = await extensionApi();
  return (await api.tree.getChildren(node)).map((child) => {
    const item = child.getTreeItem();
    return `${typeof item.label === 'string' ? item.label : item.label?.label} | ${item.description ?? ''} | ${item.contextValue ?? ''}`;
  });
}

async function childLabelled(parent: S3Node, name: string): Promise<S3Node> {
  const api = await extensionApi();
  const node = (await api.tree.getChildren(parent)).find((child) => label(child) === name);
  assert.ok(node, `"${name}" is listed: ${(await shown(parent)).join(' / ')}`);
  return node;
}

suite('Versions in the tree: versions and delete markers, open, compare, restore, undelete, versioning on and off', () => {
  const client = new IndependentClient();
  let bucket: string;

  suiteSetup(() => extensionApi());

  setup(async () => {
    bucket = await client.createBucket('versions');
  });

  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await client.deleteBucket(bucket);
  });

  suiteTeardown(() => client.dispose());

  test('an object on a versioned bucket expands into its versions newest first; an old one opens with its old bytes, compares with the current one or another selected version, and Restore This Version makes it current with its metadata', async () => {
    await client.enableVersioning(bucket);
    await client.putWithAttributes({ ContentType: 'text/plain', Metadata: { edition: 'first' } }, bucket, 'notes.txt', 'first words\n');
    await client.putWithAttributes({ ContentType: 'text/plain', Metadata: { edition: 'second' } }, bucket, 'notes.txt', 'second words, longer\n');
    const [firstId, secondId] = await client.versionIds(bucket, 'notes.txt');
    const root = await bucketNode(bucket);
    assert.equal((await shown(root)).length, 1);
    assert.equal(root.getTreeItem().description, 'versioned', 'the bucket says it is versioned');
    const object = await childLabelled(root, 'notes.txt');
    assert.equal(object.getTreeItem().collapsibleState, vscode.TreeItemCollapsibleState.Collapsed, 'the object expands');
    const versions = await shown(object);
    assert.equal(versions.length, 2);
    assert.match(versions[0], /^[A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d\d:\d\d\s[AP]M \| 21 B · latest \| s3Browser\.version;latest$/);
    assert.match(versions[1], /\| 12 B \| s3Browser\.version$/);
    const api = await extensionApi();
    const [latestNode, oldNode] = await api.tree.getChildren(object);

    const opened = oldNode.getTreeItem().command!;
    await vscode.commands.executeCommand(opened.command, ...(opened.arguments ?? []));
    const document = vscode.window.activeTextEditor?.document;
    assert.equal(document?.getText(), 'first words\n', 'the old version opens with its old bytes');
    assert.equal(new URLSearchParams(document?.uri.query).get('versionId'), firstId);

    await vscode.commands.executeCommand('s3Browser.compareVersionWithCurrent', oldNode);
    const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
    assert.ok(tab?.input instanceof vscode.TabInputTextDiff, 'a diff opened');
    assert.equal(new URLSearchParams(tab.input.original.query).get('versionId'), firstId);
    assert.equal(tab.input.modified.query, '', 'against the current object');

    // Two versions selected: the older on the left, whichever was clicked.
    await vscode.commands.executeCommand('s3Browser.compareVersionWithCurrent', latestNode, [oldNode, latestNode]);
    const pair = vscode.window.tabGroups.activeTabGroup.activeTab;
    assert.ok(pair?.input instanceof vscode.TabInputTextDiff);
    assert.equal(new URLSearchParams(pair.input.original.query).get('versionId'), firstId);
    assert.equal(new URLSearchParams(pair.input.modified.query).get('versionId'), secondId);

    const told = await withPrompts({}, async (record) => {
      await vscode.commands.executeCommand('s3Browser.restoreVersion', oldNode);
      return notifications(record);
    });
    assert.equal(told.length, 1);
    assert.match(told[0], new RegExp(`^info: Restored s3://${bucket}/notes\\.txt to the version of .*: it is the latest version now`));
    assert.equal((await client.get(bucket, 'notes.txt')).toString(), 'first words\n', 'the old bytes are current');
    assert.deepEqual((await client.attributes(bucket, 'notes.txt')).metadata, { edition: 'first' }, 'with the old version\'s metadata');
    const ids = await client.versionIds(bucket, 'notes.txt');
    assert.equal(ids.length, 3, 'the versions in between are kept');
    assert.deepEqual(ids.slice(0, 2), [firstId, secondId]);
    assert.ok(latestNode);
  });

  test('Restore This Version brings back what the old version had and the current one lacks: tags, the public-read ACL, Cache-Control and the KMS key', async function () {
    const { kmsKeyId } = targetFromEnvironment();
    if (!kmsKeyId) {
      this.skip(); // the server has no KMS key to encrypt with (the local Ceph has testkey-1)
    }
    await client.enableVersioning(bucket);
    await client.putWithAttributes({ Tagging: 'team=blue', ACL: 'public-read', CacheControl: 'max-age=60', ServerSideEncryption: 'aws:kms', SSEKMSKeyId: kmsKeyId, ContentType: 'text/plain' }, bucket, 'r.txt', 'old bytes');
    const [oldId] = await client.versionIds(bucket, 'r.txt');
    await client.putWithAttributes({ ContentType: 'text/plain' }, bucket, 'r.txt', 'current bytes');
    assert.equal(await client.anonymousGetStatus(bucket, 'r.txt'), 403, 'the current version is private');
    await withPrompts({}, () => vscode.commands.executeCommand('s3Browser.restoreVersion', vscode.Uri.from({ scheme: S3_SCHEME, authority: bucket, path: '/r.txt', query: `versionId=${oldId}` })));
    assert.equal((await client.get(bucket, 'r.txt')).toString(), 'old bytes');
    const after = await client.attributes(bucket, 'r.txt');
    assert.deepEqual(after.tags, { team: 'blue' });
    assert.equal(after.cacheControl, 'max-age=60');
    assert.equal(after.serverSideEncryption, 'aws:kms');
    assert.equal(after.kmsKeyId, kmsKeyId);
    assert.equal(await client.anonymousGetStatus(bucket, 'r.txt'), 200, 'public-read again');
  });

  test('on a bucket with versioning suspended, Restore This Version asks in a modal before it replaces the "null" version for good (declined: nothing changes) and does not claim the versions in between are kept', async () => {
    await client.enableVersioning(bucket);
    await client.put(bucket, 'n.txt', 'kept version');
    const [keptId] = await client.versionIds(bucket, 'n.txt');
    await client.setVersioning(bucket, 'Suspended');
    await client.put(bucket, 'n.txt', 'written while suspended');
    const uri = vscode.Uri.from({ scheme: S3_SCHEME, authority: bucket, path: '/n.txt', query: `versionId=${keptId}` });
    const declined = await withPrompts({ confirm: async () => Promise.reject(new vscode.CancellationError()) }, async (record) => {
      await vscode.commands.executeCommand('s3Browser.restoreVersion', uri);
      return record;
    });
    assert.equal(declined.confirmed.length, 1, 'asked before anything is written');
    assert.match(declined.confirmed[0], /versioning suspended/);
    assert.match(declined.confirmed[0], /"null" version .*for good/);
    assert.equal((await client.get(bucket, 'n.txt')).toString(), 'written while suspended', 'declined: unchanged');
    const told = await withPrompts({ confirm: async () => undefined }, async (record) => {
      await vscode.commands.executeCommand('s3Browser.restoreVersion', uri);
      return notifications(record);
    });
    assert.equal((await client.get(bucket, 'n.txt')).toString(), 'kept version');
    assert.equal(told.length, 1);
    assert.doesNotMatch(told[0], /versions in between are kept/);
    assert.match(told[0], /"null" version/);
    assert.deepEqual((await client.versionIds(bucket, 'n.txt')).sort(), [keptId, 'null'].sort(), 'the suspended-time bytes are gone: the null version holds the restored ones');
    assert.equal((await client.get(bucket, 'n.txt', 'null')).toString(), 'kept version');
  });

  test('commands run from the palette on an older version\'s editor act on that version (Copy Presigned URL, Download, Properties) or refuse and change nothing (Delete, Set Encryption)', async () => {
    await client.enableVersioning(bucket);
    await client.put(bucket, 'v.txt', 'old bytes');
    const [oldId] = await client.versionIds(bucket, 'v.txt');
    await client.put(bucket, 'v.txt', 'the current bytes');
    const versionUri = vscode.Uri.from({ scheme: S3_SCHEME, authority: bucket, path: '/v.txt', query: `versionId=${oldId}` });
    const fromVersionEditor = async (command: string, answers: Parameters<typeof withPrompts>[0] = {}) => {
      await vscode.window.showTextDocument(versionUri);
      return withPrompts(answers, async (record) => {
        await vscode.commands.executeCommand(command);
        return notifications(record);
      });
    };

    await vscode.env.clipboard.writeText('');
    const presigned = await fromVersionEditor('s3Browser.copyPresignedUrl', {
      pick: async (items, options) => items.find((item) => item.label.startsWith(options.title?.endsWith('valid for') ? '1 hour' : 'Open as the browser decides'))!,
    });
    assert.equal(presigned.length, 1, presigned.join(' / '));
    const url = await vscode.env.clipboard.readText();
    assert.equal(await (await fetch(url)).text(), 'old bytes', 'the URL serves the version shown');

    const folder = await fs.mkdtemp(path.join(os.tmpdir(), 's3b-version-download-'));
    try {
      await fromVersionEditor('s3Browser.download', { openDialog: async () => [vscode.Uri.file(folder)] });
      assert.equal(await fs.readFile(path.join(folder, 'v.txt'), 'utf8'), 'old bytes', 'Download saves the version shown');
    } finally {
      await fs.rm(folder, { recursive: true, force: true });
    }

    await fromVersionEditor('s3Browser.showProperties');
    const properties = JSON.parse(vscode.window.activeTextEditor!.document.getText()) as { versionId: string; size: string };
    assert.equal(properties.versionId, oldId, 'Properties shows the version shown');
    assert.match(properties.size, /\(9 bytes\)/);

    for (const command of ['s3Browser.delete', 's3Browser.setEncryption']) {
      const told = await fromVersionEditor(command, { confirm: async () => undefined, pick: async (items) => items[0] });
      assert.equal(told.length, 1, `${command}: ${told.join(' / ')}`);
      assert.match(told[0], new RegExp(`^error: .*older version.*s3://${bucket}/v\\.txt`), command);
    }
    assert.equal((await client.get(bucket, 'v.txt')).toString(), 'the current bytes', 'the current object is untouched');
    assert.equal((await client.versionIds(bucket, 'v.txt')).length, 2, 'no version was added or removed');
  });

  test('expanding the versions of object `a` next to 2,500 keys under `a/` asks for one page of versions, not the whole prefix', async () => {
    await client.enableVersioning(bucket);
    await client.put(bucket, 'a', 'one');
    await client.put(bucket, 'a', 'two, longer');
    await client.putMany(bucket, Array.from({ length: 2500 }, (_, index) => `a/${String(index).padStart(4, '0')}`));
    const proxy = await startFeatureProxy(targetFromEnvironment().endpoint);
    try {
      await addEndpointConnection('versions-proxy', proxy.url);
      const object = await nodeIn(bucket, 'a', 'object', 'versions-proxy');
      const before = proxy.requests.length;
      const versions = await shown(object);
      assert.equal(versions.length, 2, versions.join(' / '));
      const listings = proxy.requests.slice(before).filter((request) => /[?&]versions/.test(request));
      assert.equal(listings.length, 1, listings.join('\n'));
    } finally {
      await removeAllEndpoints();
      await proxy.close();
    }
  });

  test('Show Deleted Objects lists the keys whose latest version is a delete marker; Undelete there and from the palette brings each back with its last bytes', async () => {
    await client.enableVersioning(bucket);
    await client.put(bucket, 'docs/kept.txt', 'kept');
    await client.put(bucket, 'docs/gone-1.txt', 'one');
    await client.put(bucket, 'docs/gone-2.txt', 'two');
    await client.put(bucket, 'docs/gone-3.txt', 'three');
    await client.put(bucket, 'docs/deeper/gone-too.txt', 'deeper');
    for (const key of ['docs/gone-1.txt', 'docs/gone-2.txt', 'docs/gone-3.txt', 'docs/deeper/gone-too.txt']) {
      await client.deleteObject(bucket, key);
    }
    const root = await bucketNode(bucket);
    const docs = await childLabelled(root, 'docs');
    await vscode.commands.executeCommand('s3Browser.showDeletedObjects', docs);
    assert.match(String(docs.getTreeItem().description), /showing deleted/);
    assert.match(String(docs.getTreeItem().contextValue), /;showingDeleted/);
    const listing = await shown(docs);
    assert.equal(listing[0], 'Deleted objects |  | s3Browser.deletedObjects', 'first in the folder');
    const deletedNode = (await (await extensionApi()).tree.getChildren(docs))[0];
    const deleted = await shown(deletedNode);
    assert.deepEqual(deleted.map((line) => line.split(' | ')[0]), ['gone-1.txt', 'gone-2.txt', 'gone-3.txt'], 'only the keys at this level');
    assert.ok(deleted.every((line) => /\| deleted [A-Z][a-z]{2} \d{1,2}, \d{4}, /.test(line) && line.endsWith('| s3Browser.deletedObject')), deleted.join(' / '));

    const [gone1] = await (await extensionApi()).tree.getChildren(deletedNode);
    await withPrompts({}, () => vscode.commands.executeCommand('s3Browser.undelete', gone1));
    assert.equal((await client.get(bucket, 'docs/gone-1.txt')).toString(), 'one');

    const folderNow = await childLabelled(await bucketNode(bucket), 'docs');
    assert.ok(!(await shown(folderNow)).some((line) => line.startsWith('gone-2.txt')), 'a deleted key is not listed as an object');
    assert.ok((await shown(folderNow)).some((line) => line.startsWith('gone-1.txt')), 'the undeleted one is');
    const fromPalette = await withPrompts({ ask: async () => `s3://${bucket}/docs/gone-3.txt` }, async (record) => {
      await vscode.commands.executeCommand('s3Browser.undelete');
      return notifications(record);
    });
    assert.deepEqual(fromPalette, [`info: Undeleted s3://${bucket}/docs/gone-3.txt: its delete marker is removed and the newest version before it is current again.`]);
    assert.equal((await client.get(bucket, 'docs/gone-3.txt')).toString(), 'three');
    const notDeleted = await withPrompts({ ask: async () => `s3://${bucket}/docs/kept.txt` }, async (record) => {
      await vscode.commands.executeCommand('s3Browser.undelete');
      return notifications(record);
    });
    assert.deepEqual(notDeleted, [`error: s3://${bucket}/docs/kept.txt is not deleted: its latest version is an object.`]);
    assert.equal(await client.exists(bucket, 'docs/deeper/gone-too.txt'), false, 'nothing else came back');
  });

  test('Undelete brings back the newest version before the latest delete marker; an older marker among the versions is refused', async () => {
    await client.enableVersioning(bucket);
    await client.put(bucket, 'x.txt', 'v1');
    await client.deleteObject(bucket, 'x.txt');
    await client.put(bucket, 'x.txt', 'v2');
    await client.deleteObject(bucket, 'x.txt');
    await client.put(bucket, 'shown.txt', 'so the bucket is not empty');
    const root = await bucketNode(bucket);
    await vscode.commands.executeCommand('s3Browser.showDeletedObjects', root);
    const api = await extensionApi();
    const [deletedNode] = await api.tree.getChildren(root);
    const [deletedX] = await api.tree.getChildren(deletedNode);
    assert.equal(label(deletedX), 'x.txt');
    await withPrompts({}, () => vscode.commands.executeCommand('s3Browser.undelete', deletedX));
    assert.equal((await client.get(bucket, 'x.txt')).toString(), 'v2', 'the newest version before the marker');
    const object = await childLabelled(await bucketNode(bucket), 'x.txt');
    const versions = await shown(object);
    assert.deepEqual(versions.map((line) => line.split(' | ').slice(1).join(' | ')), ['2 B · latest | s3Browser.version;latest', 'delete marker | s3Browser.deleteMarker', '2 B | s3Browser.version']);
    const olderMarker = (await api.tree.getChildren(object))[1];
    const told = await withPrompts({}, async (record) => {
      await vscode.commands.executeCommand('s3Browser.undelete', olderMarker);
      return notifications(record);
    });
    assert.match(told[0], /^error: That delete marker of .* is not the latest version/);
  });

  test('Enable Versioning and Suspend Versioning (confirmed) change the bucket and what its node says', async () => {
    const read = async () => (await client.s3.send(new GetBucketVersioningCommand({ Bucket: bucket }))).Status;
    await client.put(bucket, 'a.txt', 'a');
    let root = await bucketNode(bucket);
    await (await extensionApi()).tree.getChildren(root);
    assert.equal(root.getTreeItem().description, undefined);
    assert.doesNotMatch(String(root.getTreeItem().contextValue), /versioned/);
    await withPrompts({}, () => vscode.commands.executeCommand('s3Browser.enableVersioning', root));
    assert.equal(await read(), 'Enabled');
    root = await bucketNode(bucket);
    await (await extensionApi()).tree.getChildren(root);
    assert.equal(root.getTreeItem().description, 'versioned');

    const declined = await withPrompts({ confirm: async () => Promise.reject(new vscode.CancellationError()) }, async (record) => {
      await vscode.commands.executeCommand('s3Browser.suspendVersioning', root);
      return record.confirmed;
    });
    assert.match(declined[0], /^Suspend versioning of ".+"\?\nThe versions kept so far stay/);
    assert.equal(await read(), 'Enabled', 'declined: unchanged');
    await withPrompts({ confirm: async () => undefined }, () => vscode.commands.executeCommand('s3Browser.suspendVersioning', root));
    assert.equal(await read(), 'Suspended');
    root = await bucketNode(bucket);
    await (await extensionApi()).tree.getChildren(root);
    assert.equal(root.getTreeItem().description, 'versioning suspended');
    assert.equal((await childLabelled(root, 'a.txt')).getTreeItem().collapsibleState, vscode.TreeItemCollapsibleState.Collapsed, 'versions can still be listed');
  });
});
