import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { CompleteMultipartUploadCommand, CreateMultipartUploadCommand, PutObjectTaggingCommand, UploadPartCommand } from '@aws-sdk/client-s3';
import * as vscode from 'vscode';
import type { S3Node } from '../../../src/tree/nodes/s3Node';
import { IndependentClient } from '../../support/independentClient';
import { bucketNode, extensionApi } from '../extensionApi';

async function nodeIn(bucket: string, label: string): Promise<S3Node> {
  const api = await extensionApi();
  const parent = await bucketNode(bucket);
  api.tree.refresh(parent);
  const node = (await api.tree.getChildren(parent)).find((child) => child.getTreeItem().label === label);
  assert.ok(node, `"${label}" is in the tree`);
  return node;
}

/** Runs Properties on the node and returns the document it opened. */
async function openProperties(node: S3Node): Promise<vscode.TextDocument> {
  await vscode.commands.executeCommand('s3Browser.showProperties', node);
  const document = vscode.window.activeTextEditor?.document;
  assert.ok(document?.uri.scheme === 's3-properties', `the properties opened: ${document?.uri.toString()}`);
  return document;
}

/** Replaces the document's text, as typing would, and saves it; returns whether the save went through. */
async function editAndSave(document: vscode.TextDocument, edit: (properties: Record<string, unknown>) => void): Promise<boolean> {
  const properties = JSON.parse(document.getText()) as Record<string, unknown>;
  edit(properties);
  const change = new vscode.WorkspaceEdit();
  change.replace(document.uri, new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length)), `${JSON.stringify(properties, null, 2)}\n`);
  assert.ok(await vscode.workspace.applyEdit(change));
  return document.save();
}

suite('Properties: one document with everything S3 says; content headers, metadata and tags edited in place', () => {
  const client = new IndependentClient();
  let bucket: string;

  suiteSetup(() => extensionApi());

  setup(async () => {
    bucket = await client.createBucket('props');
  });

  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await client.deleteBucket(bucket);
  });

  suiteTeardown(() => client.dispose());

  test('Properties shows size, a multipart ETag said not to be an MD5, local and UTC times, content headers, metadata, storage class, tags and the grants in words', async () => {
    // A 2-part upload, so the ETag is a multipart one.
    const created = await client.s3.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: 'data.bin', ContentType: 'application/x-data', Metadata: { origin: 'props-test' }, StorageClass: 'STANDARD_IA', ACL: 'public-read' }));
    const parts = [];
    for (const [index, size] of [5 * 1024 * 1024, 1000].entries()) {
      const part = await client.s3.send(new UploadPartCommand({ Bucket: bucket, Key: 'data.bin', UploadId: created.UploadId, PartNumber: index + 1, Body: randomBytes(size) }));
      parts.push({ PartNumber: index + 1, ETag: part.ETag });
    }
    await client.s3.send(new CompleteMultipartUploadCommand({ Bucket: bucket, Key: 'data.bin', UploadId: created.UploadId, MultipartUpload: { Parts: parts } }));
    // On its own: Ceph drops the tags of CreateMultipartUpload.
    await client.s3.send(new PutObjectTaggingCommand({ Bucket: bucket, Key: 'data.bin', Tagging: { TagSet: [{ Key: 'team', Value: 'blue' }] } }));
    const document = await openProperties(await nodeIn(bucket, 'data.bin'));
    assert.ok(document.uri.path.endsWith('data.bin.properties.json'), document.uri.path);
    assert.equal(document.languageId, 'json');
    const properties = JSON.parse(document.getText()) as Record<string, string> & { contentHeaders: object; metadata: object; tags: object; access: { public: string; grants: string[] } };
    assert.equal(properties.object, `s3://${bucket}/data.bin`);
    assert.equal(properties.size, '5.2 MB (5,243,880 bytes)');
    assert.match(properties.etag, /-2"$/);
    assert.equal(properties.etagMeaning, 'uploaded in 2 parts: this ETag is not the MD5 of the content');
    assert.match(properties.lastModified, /^[A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d\d\s[AP]M local \(.*UTC\)$/);
    assert.deepEqual(properties.contentHeaders, { 'Content-Type': 'application/x-data' });
    assert.deepEqual(properties.metadata, { origin: 'props-test' });
    assert.deepEqual(properties.tags, { team: 'blue' });
    assert.equal(properties.storageClass, 'STANDARD_IA');
    assert.equal(properties.access.public, 'yes: anyone on the internet can read it');
    assert.ok(properties.access.grants.includes('Everyone (AllUsers: anyone on the internet): read'), properties.access.grants.join(' | '));
    assert.match(properties.howToEdit, /^Change "contentHeaders", "metadata" or "tags" and save/);
  });

  test('editing one metadata field keeps the others, the Content-Type, tags and ACL; a tags-only edit is one tagging request, not a copy', async () => {
    await client.putWithAttributes({ ContentType: 'text/csv', CacheControl: 'max-age=60', Metadata: { owner: 'ana', stage: 'draft' }, Tagging: 'team=blue', ACL: 'public-read' }, bucket, 'report.csv', 'a,b\n');
    const node = await nodeIn(bucket, 'report.csv');
    const document = await openProperties(node);
    assert.ok(await editAndSave(document, (properties) => ((properties.metadata as Record<string, string>).stage = 'final')), 'saved');
    const after = await client.attributes(bucket, 'report.csv');
    assert.deepEqual(after.metadata, { owner: 'ana', stage: 'final' });
    assert.equal(after.contentType, 'text/csv');
    assert.equal(after.cacheControl, 'max-age=60');
    assert.deepEqual(after.tags, { team: 'blue' });
    assert.equal(await client.anonymousGetStatus(bucket, 'report.csv'), 200, 'still public');
    assert.equal((await client.get(bucket, 'report.csv')).toString(), 'a,b\n');
    assert.equal((JSON.parse(document.getText()) as { metadata: Record<string, string> }).metadata.stage, 'final', 'the document shows the saved state');

    const api = await extensionApi();
    const logged: string[] = [];
    const subscription = api.log.onDidWrite((line) => logged.push(line));
    assert.ok(await editAndSave(document, (properties) => (properties.tags = { team: 'red', year: '2025' })).finally(() => subscription.dispose()));
    const tagged = await client.attributes(bucket, 'report.csv');
    assert.deepEqual(tagged.tags, { team: 'red', year: '2025' });
    assert.deepEqual(logged.filter((line) => / s3:\/\//.test(line)), [`[info] PUT TAGGING s3://${bucket}/report.csv (default): ok`], 'tags alone: one tagging request, no copy');
  });

  test('a save is refused, naming why, when a read-only field was edited, a metadata name is invalid, or the object changed on S3 since; nothing changes', async () => {
    await client.putWithAttributes({ ContentType: 'text/plain', Metadata: { a: '1' } }, bucket, 'note.txt', 'v1');
    const document = await openProperties(await nodeIn(bucket, 'note.txt'));
    const failures: string[] = [];
    const subscription = vscode.workspace.onDidSaveTextDocument(() => failures.push('saved'));
    try {
      assert.equal(await editAndSave(document, (properties) => (properties.storageClass = 'GLACIER')), false, 'a read-only field is not saved');
      await vscode.commands.executeCommand('workbench.action.files.revert');
      assert.equal(await editAndSave(document, (properties) => ((properties.metadata as Record<string, string>)['bad name'] = 'x')), false, 'an invalid metadata name is not saved');
      await vscode.commands.executeCommand('workbench.action.files.revert');
      await client.put(bucket, 'note.txt', 'v2 by someone else', 'text/plain');
      assert.equal(await editAndSave(document, (properties) => ((properties.metadata as Record<string, string>).a = '2')), false, 'a changed object is not overwritten');
    } finally {
      subscription.dispose();
    }
    assert.deepEqual(failures, []);
    const after = await client.attributes(bucket, 'note.txt');
    assert.deepEqual(after.metadata, {});
    assert.equal((await client.get(bucket, 'note.txt')).toString(), 'v2 by someone else');
  });
});
