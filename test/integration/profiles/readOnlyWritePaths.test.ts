// Read-only on every write path: each command, drop and file-system operation that writes, run
// against a connection listed in s3Browser.readOnlyConnections, is refused with the read-only reason;
// no write request (PUT, POST, DELETE) reaches a proxy in front of that connection; and an
// independent client sees the server unchanged (keys, bytes, ACL grants, tags, storage class,
// encryption, versions, delete markers, incomplete uploads, buckets).
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { GetBucketEncryptionCommand, GetBucketVersioningCommand, ListBucketsCommand, ListMultipartUploadsCommand, ListObjectVersionsCommand } from '@aws-sdk/client-s3';
import * as vscode from 'vscode';
import { TREE_MIME } from '../../../src/tree/dragAndDrop';
import type { ConnectionNode } from '../../../src/tree/nodes/connectionNode';
import type { S3Node } from '../../../src/tree/nodes/s3Node';
import type { Prompts } from '../../../src/ui/prompts';
import { startFeatureProxy, type FeatureProxy } from '../../support/featureProxy';
import { IndependentClient, targetFromEnvironment } from '../../support/independentClient';
import { waitFor } from '../../support/waitFor';
import { addEndpointConnection, answerByTitle, bucketNode, childNamed, extensionApi, fileSystemError, nodeIn, notifications, pickByLabel, removeAllEndpoints, treeSettled, withPrompts } from '../extensionApi';
import { S3_SCHEME } from '../../../src/fs/s3Location';

const target = targetFromEnvironment();
/** The read-only connection: a custom endpoint whose URL is the recording proxy. */
const RO = 'ro';
/** What every refusal says: the connection is read-only, and the setting that makes it so. */
const READ_ONLY = /^error: .*"ro" is read-only\b.*s3Browser\.readOnlyConnections/s;
const token = new vscode.CancellationTokenSource().token;

const client = new IndependentClient(target);
let proxy: FeatureProxy;
/** Versioned, seen through "ro": objects, folders, an older version, a delete marker, an incomplete upload. */
let source: string;
/** Unversioned, used through the default connection: where a move from "ro" would land, and where a copy into "ro" comes from. */
let other: string;
let localRoot: string;

function s3Uri(connection: string, bucket: string, key: string): vscode.Uri {
  return vscode.Uri.from({ scheme: S3_SCHEME, authority: `${connection}@${bucket}`, path: `/${key}` });
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Everything a write could change, as the independent client sees it. */
async function serverState(): Promise<Record<string, unknown>> {
  const { Buckets } = await client.s3.send(new ListBucketsCommand({}));
  const state: Record<string, unknown> = { buckets: (Buckets ?? []).map((bucket) => bucket.Name).sort() };
  for (const bucket of [source, other]) {
    const versions = await client.s3.send(new ListObjectVersionsCommand({ Bucket: bucket }));
    const uploads = await client.s3.send(new ListMultipartUploadsCommand({ Bucket: bucket }));
    const versioning = await client.s3.send(new GetBucketVersioningCommand({ Bucket: bucket }));
    const encryption = await client.s3.send(new GetBucketEncryptionCommand({ Bucket: bucket })).then(
      (answer) => JSON.stringify(answer.ServerSideEncryptionConfiguration),
      (error: Error) => `none (${error.name})`,
    );
    const objects: Record<string, unknown> = {};
    for (const key of await client.keys(bucket)) {
      objects[key] = { ...(await client.attributes(bucket, key)), grants: await client.grants(bucket, key), sha256: sha256(await client.get(bucket, key)) };
    }
    state[bucket] = {
      versioning: versioning.Status ?? 'never enabled',
      encryption,
      versions: (versions.Versions ?? []).map((version) => `${version.Key} ${version.VersionId} ${version.ETag} ${version.Size} ${version.StorageClass}${version.IsLatest ? ' latest' : ''}`).sort(),
      deleteMarkers: (versions.DeleteMarkers ?? []).map((marker) => `${marker.Key} ${marker.VersionId}${marker.IsLatest ? ' latest' : ''}`).sort(),
      uploads: (uploads.Uploads ?? []).map((upload) => `${upload.Key} ${upload.UploadId}`).sort(),
      objects,
    };
  }
  return state;
}

/** A node of the source bucket through "ro": directly under the bucket, or under its folder `docs`. */
async function roNode(name: string, kind: 'object' | 'folder', inDocs = false): Promise<S3Node> {
  if (!inDocs) {
    return nodeIn(source, name, kind, RO);
  }
  return childNamed(await extensionApi(), await nodeIn(source, 'docs', 'folder', RO), name);
}

/** Runs a command with the prompts answered; returns the notifications, "severity: message". */
function told(answers: Partial<Prompts>, run: () => PromiseLike<unknown>): Promise<string[]> {
  return withPrompts(answers, async (record) => {
    await run();
    return notifications(record);
  });
}

/** A file-system operation's refusal: NoPermissions, said as a notification would say it. */
async function fileSystemRefusal(operation: () => Thenable<unknown>): Promise<string[]> {
  const error = await fileSystemError(operation);
  assert.equal(error.code, 'NoPermissions', error.message);
  return [`error: ${error.message}`];
}

/** What the workbench hands to a drop within the tree: the data transfer the controller's own handleDrag filled. */
async function dragged(nodes: S3Node[]): Promise<vscode.DataTransfer> {
  const transfer = new vscode.DataTransfer();
  (await extensionApi()).dragAndDrop.handleDrag(nodes, transfer);
  assert.ok(Array.isArray(transfer.get(TREE_MIME)?.value), "the drag carries the nodes under the tree's mime type");
  return transfer;
}

/** Answers the drop's Move/Copy question with the item starting with `choice`. */
function dropChoice(choice: 'Move' | 'Copy'): Partial<Prompts> {
  return {
    pick: async (items, options) => items.find((item) => item.label.startsWith(choice)) ?? assert.fail(`Unexpected quick pick: ${options.title}`),
  };
}

/** Replaces a document's text, as typing would, and saves it; returns whether the save went through. */
async function editAndSave(document: vscode.TextDocument, edit: (properties: Record<string, unknown>) => void): Promise<{ saved: boolean; text: string }> {
  const properties = JSON.parse(document.getText()) as Record<string, unknown>;
  edit(properties);
  const text = `${JSON.stringify(properties, null, 2)}\n`;
  const change = new vscode.WorkspaceEdit();
  change.replace(document.uri, new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length)), text);
  assert.ok(await vscode.workspace.applyEdit(change));
  return { saved: await document.save(), text };
}

interface WritePath {
  name: string;
  /** Tries the write; returns what the user was told. */
  run: () => Promise<string[]>;
}

const NEW_BUCKET = `s3b-ro-new-${Date.now().toString(36)}`;

const WRITE_PATHS: WritePath[] = [
  { name: 'Delete… on a folder', run: async () => told({ confirm: async () => undefined }, async () => vscode.commands.executeCommand('s3Browser.delete', await roNode('docs', 'folder'))) },
  { name: 'Delete… on an object', run: async () => told({ confirm: async () => undefined }, async () => vscode.commands.executeCommand('s3Browser.delete', await roNode('top.txt', 'object'))) },
  {
    name: 'Move To… from "ro" to a folder of another connection',
    run: async () => told({ ask: answerByTitle({ Move: `s3://default@${other}/dest/` }) }, async () => vscode.commands.executeCommand('s3Browser.moveTo', await roNode('a.txt', 'object', true))),
  },
  {
    name: 'Copy To… from another connection into a folder of "ro"',
    run: async () => told({ ask: answerByTitle({ Copy: `s3://${RO}@${source}/docs/` }) }, async () => vscode.commands.executeCommand('s3Browser.copyTo', await nodeIn(other, 'src', 'folder'))),
  },
  {
    name: 'Cut on "ro", Paste onto a folder of another connection',
    run: async () =>
      told({}, async () => {
        await vscode.commands.executeCommand('s3Browser.cut', await roNode('docs', 'folder'));
        await vscode.commands.executeCommand('s3Browser.paste', await nodeIn(other, 'dest', 'folder'));
      }),
  },
  {
    name: 'Copy on another connection, Paste onto a folder of "ro"',
    run: async () =>
      told({}, async () => {
        await vscode.commands.executeCommand('s3Browser.copy', await nodeIn(other, 'src', 'folder'));
        await vscode.commands.executeCommand('s3Browser.paste', await roNode('docs', 'folder'));
      }),
  },
  { name: 'Rename… of an object', run: async () => told({ ask: answerByTitle({ Rename: 'renamed.txt' }) }, async () => vscode.commands.executeCommand('s3Browser.rename', await roNode('a.txt', 'object', true))) },
  { name: 'Rename… of a folder', run: async () => told({ ask: answerByTitle({ Rename: 'papers' }) }, async () => vscode.commands.executeCommand('s3Browser.rename', await roNode('docs', 'folder'))) },
  { name: 'Make Public', run: async () => told({ confirm: async () => undefined }, async () => vscode.commands.executeCommand('s3Browser.makePublic', await roNode('b.txt', 'object', true))) },
  { name: 'Make Private', run: async () => told({}, async () => vscode.commands.executeCommand('s3Browser.makePrivate', await roNode('a.txt', 'object', true))) },
  {
    name: 'Set Access (canned ACL)…',
    run: async () => told({ pick: pickByLabel({ 'Set Access': 'public-read-write' }), confirm: async () => undefined }, async () => vscode.commands.executeCommand('s3Browser.setAccess', await roNode('docs', 'folder'))),
  },
  { name: 'Set Encryption…', run: async () => told({ pick: pickByLabel({ 'Set Encryption': 'AES256' }) }, async () => vscode.commands.executeCommand('s3Browser.setEncryption', await roNode('docs', 'folder'))) },
  {
    name: 'Change Storage Class…',
    run: async () => told({ pick: pickByLabel({ 'Change Storage Class': 'STANDARD_IA' }) }, async () => vscode.commands.executeCommand('s3Browser.changeStorageClass', await roNode('docs', 'folder'))),
  },
  {
    name: 'Restore from Archive…',
    run: async () =>
      told({ pick: pickByLabel({ 'Restore from Archive: keep': '1 day', 'Restore from Archive: how fast': 'Standard' }) }, async () => vscode.commands.executeCommand('s3Browser.restoreFromArchive', await roNode('docs', 'folder'))),
  },
  {
    name: 'Restore This Version',
    run: async () => {
      const object = await roNode('top.txt', 'object');
      const versions = await (await extensionApi()).tree.getChildren(object);
      assert.equal(versions.length, 2, 'top.txt has two versions');
      return told({ confirm: async () => undefined }, () => vscode.commands.executeCommand('s3Browser.restoreVersion', versions[1]));
    },
  },
  { name: 'Undelete', run: async () => told({}, () => vscode.commands.executeCommand('s3Browser.undelete', s3Uri(RO, source, 'gone.txt'))) },
  {
    name: 'Create Bucket…',
    run: async () => {
      const root = await childNamed(await extensionApi(), undefined, RO);
      return told({ ask: answerByTitle({ [`New bucket (${RO})`]: NEW_BUCKET }) }, () => vscode.commands.executeCommand('s3Browser.createBucket', root));
    },
  },
  { name: 'Create Folder…', run: async () => told({ ask: answerByTitle({ 'New folder in': 'fresh' }) }, async () => vscode.commands.executeCommand('s3Browser.createFolder', await bucketNode(source, RO))) },
  {
    name: 'Delete Bucket… (its name typed)',
    run: async () => told({ ask: answerByTitle({ 'Delete bucket': source }), confirm: async () => undefined }, async () => vscode.commands.executeCommand('s3Browser.deleteBucket', await bucketNode(source, RO))),
  },
  { name: 'Enable Versioning', run: async () => told({}, async () => vscode.commands.executeCommand('s3Browser.enableVersioning', await bucketNode(source, RO))) },
  { name: 'Suspend Versioning…', run: async () => told({ confirm: async () => undefined }, async () => vscode.commands.executeCommand('s3Browser.suspendVersioning', await bucketNode(source, RO))) },
  {
    name: 'Set Default Encryption…',
    run: async () => told({ pick: pickByLabel({ 'Set Default Encryption': 'AES256' }) }, async () => vscode.commands.executeCommand('s3Browser.setDefaultEncryption', await bucketNode(source, RO))),
  },
  {
    name: 'Properties: saving edited metadata',
    run: async () => {
      // An object at the bucket's root: writing its document through vscode.workspace.fs creates no parent folder first.
      await vscode.commands.executeCommand('s3Browser.showProperties', await roNode('top.txt', 'object'));
      const document = vscode.window.activeTextEditor?.document;
      assert.ok(document?.uri.scheme === 's3-properties', `the properties opened: ${document?.uri.toString()}`);
      try {
        const { saved, text } = await editAndSave(document, (properties) => (properties.metadata = { owner: 'bob' }));
        assert.equal(saved, false, 'the save is refused');
        // The same write, to read the refusal the editor showed.
        return await fileSystemRefusal(() => vscode.workspace.fs.writeFile(document.uri, Buffer.from(text)));
      } finally {
        await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      }
    },
  },
  {
    name: 'Clean Up Incomplete Uploads… (every upload chosen, confirmed)',
    run: async () =>
      told({ pickMany: async (items) => items, confirm: async () => undefined }, async () => vscode.commands.executeCommand('s3Browser.cleanUpIncompleteUploads', await bucketNode(source, RO))),
  },
  {
    name: 'Upload Files…',
    run: async () => told({ openDialog: async () => [vscode.Uri.file(path.join(localRoot, 'local.txt'))] }, async () => vscode.commands.executeCommand('s3Browser.uploadFiles', await bucketNode(source, RO))),
  },
  {
    name: 'Upload Folder…',
    run: async () => told({ openDialog: async () => [vscode.Uri.file(localRoot)] }, async () => vscode.commands.executeCommand('s3Browser.uploadFolder', await roNode('docs', 'folder'))),
  },
  {
    name: 'Upload to S3… from the Explorer',
    run: async () => told({ pick: pickByLabel({ 'Upload to S3: which connection?': RO }) }, () => vscode.commands.executeCommand('s3Browser.uploadToS3', vscode.Uri.file(path.join(localRoot, 'local.txt')))),
  },
  {
    name: 'Sync Local Folder to S3… from the tree',
    run: async () => told({}, async () => vscode.commands.executeCommand('s3Browser.syncLocalToS3', await roNode('docs', 'folder'))),
  },
  {
    name: 'Sync Local Folder to S3… from the Explorer',
    run: async () => told({ pick: pickByLabel({ 'Sync Local Folder to S3: which connection?': RO }) }, () => vscode.commands.executeCommand('s3Browser.syncLocalToS3', vscode.Uri.file(localRoot))),
  },
  {
    name: 'Copy Presigned Upload URL…',
    run: async () => told({ ask: answerByTitle({ 'Presigned upload URL': 'new.txt' }) }, async () => vscode.commands.executeCommand('s3Browser.copyPresignedUploadUrl', await roNode('docs', 'folder'))),
  },
  {
    name: 'drag & drop: "ro" nodes moved onto a folder of another connection',
    run: async () => {
      const nodes = [await roNode('docs', 'folder'), await roNode('top.txt', 'object')];
      const destination = await nodeIn(other, 'dest', 'folder');
      return told(dropChoice('Move'), async () => (await extensionApi()).dragAndDrop.handleDrop(destination, await dragged(nodes), token));
    },
  },
  {
    name: 'drag & drop: nodes of another connection copied onto a folder of "ro"',
    run: async () => {
      const nodes = [await nodeIn(other, 'src', 'folder')];
      const destination = await roNode('docs', 'folder');
      return told(dropChoice('Copy'), async () => (await extensionApi()).dragAndDrop.handleDrop(destination, await dragged(nodes), token));
    },
  },
  {
    name: 'drag & drop: nodes of another connection moved onto a folder of "ro"',
    run: async () => {
      const nodes = [await nodeIn(other, 'src', 'folder')];
      const destination = await roNode('docs', 'folder');
      return told(dropChoice('Move'), async () => (await extensionApi()).dragAndDrop.handleDrop(destination, await dragged(nodes), token));
    },
  },
  {
    name: 'drag & drop: local files from the Explorer onto a folder of "ro"',
    run: async () => {
      const transfer = new vscode.DataTransfer();
      transfer.set('text/uri-list', new vscode.DataTransferItem(vscode.Uri.file(path.join(localRoot, 'local.txt')).toString()));
      const destination = await roNode('docs', 'folder');
      return told({}, async () => (await extensionApi()).dragAndDrop.handleDrop(destination, transfer, token));
    },
  },
  { name: 'file system: writeFile of a new object', run: () => fileSystemRefusal(() => vscode.workspace.fs.writeFile(s3Uri(RO, source, 'docs/new.txt'), Buffer.from('new'))) },
  { name: 'file system: writeFile over an object', run: () => fileSystemRefusal(() => vscode.workspace.fs.writeFile(s3Uri(RO, source, 'docs/a.txt'), Buffer.from('overwritten'))) },
  { name: 'file system: delete of an object', run: () => fileSystemRefusal(() => vscode.workspace.fs.delete(s3Uri(RO, source, 'docs/a.txt'))) },
  { name: 'file system: delete of a folder, recursive', run: () => fileSystemRefusal(() => vscode.workspace.fs.delete(s3Uri(RO, source, 'docs'), { recursive: true })) },
  { name: 'file system: rename within "ro"', run: () => fileSystemRefusal(() => vscode.workspace.fs.rename(s3Uri(RO, source, 'docs/a.txt'), s3Uri(RO, source, 'docs/renamed.txt'))) },
  { name: 'file system: rename of a folder within "ro"', run: () => fileSystemRefusal(() => vscode.workspace.fs.rename(s3Uri(RO, source, 'docs'), s3Uri(RO, source, 'papers'))) },
  { name: 'file system: rename from "ro" to another connection', run: () => fileSystemRefusal(() => vscode.workspace.fs.rename(s3Uri(RO, source, 'docs/a.txt'), s3Uri('default', other, 'dest/a.txt'))) },
  { name: 'file system: rename from another connection into "ro"', run: () => fileSystemRefusal(() => vscode.workspace.fs.rename(s3Uri('default', other, 'src/c.txt'), s3Uri(RO, source, 'docs/c.txt'))) },
  { name: 'file system: createDirectory', run: () => fileSystemRefusal(() => vscode.workspace.fs.createDirectory(s3Uri(RO, source, 'docs/newdir'))) },
  { name: 'file system: copy from another connection into "ro"', run: () => fileSystemRefusal(() => vscode.workspace.fs.copy(s3Uri('default', other, 'src/c.txt'), s3Uri(RO, source, 'docs/c.txt'))) },
  { name: 'file system: copy within "ro"', run: () => fileSystemRefusal(() => vscode.workspace.fs.copy(s3Uri(RO, source, 'docs/a.txt'), s3Uri(RO, source, 'docs/copy.txt'))) },
  { name: 'file system: copy of a folder within "ro"', run: () => fileSystemRefusal(() => vscode.workspace.fs.copy(s3Uri(RO, source, 'docs'), s3Uri(RO, source, 'docs-copy'))) },
];

suite('Read-only on every write path: refused with the reason, no write request sent, nothing changed on the server', function () {
  this.timeout(120_000);
  let before: Record<string, unknown>;

  suiteSetup(async () => {
    await extensionApi();
    source = await client.createBucket('ro-source');
    other = await client.createBucket('ro-other');
    await client.enableVersioning(source);
    await client.putWithAttributes({ ContentType: 'text/plain', CacheControl: 'max-age=60', Metadata: { owner: 'ana' }, Tagging: 'team=blue', ACL: 'public-read' }, source, 'docs/a.txt', 'alpha');
    await client.putWithAttributes({ ContentType: 'text/plain', Tagging: 'team=red' }, source, 'docs/b.txt', 'beta');
    await client.put(source, 'docs/sub/c.txt', 'gamma');
    await client.put(source, 'top.txt', 'first version');
    await client.put(source, 'top.txt', 'second version');
    await client.put(source, 'gone.txt', 'deleted later');
    await client.deleteObject(source, 'gone.txt');
    await client.startIncompleteUpload(source, 'parts.bin');
    await client.put(other, 'dest/marker.txt', 'marker');
    await client.put(other, 'src/c.txt', 'from the other connection');
    localRoot = await fs.mkdtemp(path.join(os.tmpdir(), 's3b-ro-'));
    await fs.writeFile(path.join(localRoot, 'local.txt'), 'local bytes');

    proxy = await startFeatureProxy(target.endpoint);
    await addEndpointConnection(RO, proxy.url);
    await vscode.workspace.getConfiguration('s3Browser').update('readOnlyConnections', [RO], vscode.ConfigurationTarget.Global);
    const api = await extensionApi();
    await waitFor('"ro" read-only in the tree', async () => ((await childNamed(api, undefined, RO)) as ConnectionNode).connection.settings.readOnly || undefined);
    await treeSettled();
    await nodeIn(source, 'docs', 'folder', RO);
    assert.ok(proxy.requests.some((request) => request.includes(source)), `"ro" goes through the proxy: ${proxy.requests.join(', ')}`);
  });

  setup(async () => {
    before = await serverState();
    proxy.requests.splice(0);
  });

  teardown(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  suiteTeardown(async () => {
    await vscode.workspace.getConfiguration('s3Browser').update('readOnlyConnections', undefined, vscode.ConfigurationTarget.Global);
    await removeAllEndpoints();
    await proxy?.close();
    await client.deleteBucket(source);
    await client.deleteBucket(other);
    await client.deleteBucket(NEW_BUCKET);
    await fs.rm(localRoot, { recursive: true, force: true });
    client.dispose();
  });

  /** One refusal naming the read-only setting, no write request through "ro", and the server as it was. */
  async function assertRefused(messages: string[]): Promise<void> {
    assert.equal(messages.length, 1, `one refusal: ${messages.join('\n')}`);
    assert.match(messages[0], READ_ONLY);
    const writes = proxy.requests.filter((request) => /^(PUT|POST|DELETE) /.test(request));
    assert.deepEqual(writes, [], 'no write request reached the server through "ro"');
    assert.deepEqual(await serverState(), before, 'nothing changed on the server');
    assert.equal(await client.bucketExists(NEW_BUCKET), false, 'no bucket was created');
  }

  for (const writePath of WRITE_PATHS) {
    test(`read-only: ${writePath.name}`, async () => {
      await assertRefused(await writePath.run());
    });
  }

  test('read-only: made read-only while Delete… waits for its confirmation, the confirmed delete is refused', async () => {
    const configuration = vscode.workspace.getConfiguration('s3Browser');
    const api = await extensionApi();
    const readOnlyFlag = (wanted: boolean) =>
      waitFor(`"ro" ${wanted ? 'read-only' : 'writable'} in the tree`, async () => (((await childNamed(api, undefined, RO)) as ConnectionNode).connection.settings.readOnly === wanted ? true : undefined));
    try {
      await configuration.update('readOnlyConnections', undefined, vscode.ConfigurationTarget.Global);
      await readOnlyFlag(false);
      await treeSettled();
      const folder = await roNode('docs', 'folder');
      const messages = await told(
        {
          // While the confirmation is open, the connection is made read-only; then Delete is pressed.
          confirm: async () => {
            await configuration.update('readOnlyConnections', [RO], vscode.ConfigurationTarget.Global);
            await readOnlyFlag(true);
          },
        },
        () => vscode.commands.executeCommand('s3Browser.delete', folder),
      );
      await assertRefused(messages);
    } finally {
      await configuration.update('readOnlyConnections', [RO], vscode.ConfigurationTarget.Global);
      await readOnlyFlag(true);
      await treeSettled();
    }
  });
});
