import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { ObjectNode } from '../../../src/tree/nodes/objectNode';
import { IndependentClient } from '../../support/independentClient';
import { bucketNode, childNamed, extensionApi, label, withPrompts } from '../extensionApi';
import { S3_SCHEME } from '../../../src/fs/s3Location';

/** What a stored URI turns into: its string form parsed again (workspaces, recent files, tabs). */
function stored(uri: vscode.Uri): vscode.Uri {
  return vscode.Uri.parse(uri.toString());
}

function objectUri(node: unknown): vscode.Uri {
  return (node as ObjectNode).uri;
}

suite('URIs that must round-trip: legacy bucket names, empty, "." and ".." key segments', () => {
  const client = new IndependentClient();
  const buckets: string[] = [];

  suiteSetup(() => extensionApi());

  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const bucket of buckets.splice(0)) {
      await client.deleteBucket(bucket);
    }
  });

  suiteTeardown(() => client.dispose());

  test('a mixed-case legacy bucket keeps its case through a stored URI, apart from its lowercase twin', async () => {
    const suffix = randomBytes(3).toString('hex');
    // Uppercase names are legal only for old us-east-1 buckets; the test server allows them (rgw_relaxed_s3_bucket_names).
    const legacy = await client.createNamedBucket(`S3b-Legacy_Case-${suffix}`);
    const twin = await client.createNamedBucket(`s3b-legacy_case-${suffix}`);
    buckets.push(legacy, twin);
    await client.put(legacy, 'dir/note.txt', 'in the legacy bucket');
    await client.put(twin, 'dir/note.txt', 'in its lowercase twin');

    const api = await extensionApi();
    const dir = await childNamed(api, await bucketNode(legacy), 'dir');
    const uri = objectUri(await childNamed(api, dir, 'note.txt'));
    assert.ok(uri.toString().includes(legacy), `the stored form keeps the case: ${uri.toString()}`);
    assert.equal(Buffer.from(await vscode.workspace.fs.readFile(stored(uri))).toString(), 'in the legacy bucket');

    const document = await vscode.workspace.openTextDocument(stored(uri));
    assert.equal(document.getText(), 'in the legacy bucket');
    await vscode.workspace.fs.writeFile(stored(document.uri), Buffer.from('saved through a stored URI'));
    assert.equal((await client.get(legacy, 'dir/note.txt')).toString(), 'saved through a stored URI');
    assert.equal((await client.get(twin, 'dir/note.txt')).toString(), 'in its lowercase twin', 'the twin is untouched');

    const root = stored(uri.with({ path: uri.path.slice(0, uri.path.indexOf('/dir/')) }));
    assert.deepEqual(await vscode.workspace.fs.readDirectory(root), [['dir', vscode.FileType.Directory]]);
    const twinNode = await childNamed(api, await childNamed(api, await bucketNode(twin), 'dir'), 'note.txt');
    assert.equal(Buffer.from(await vscode.workspace.fs.readFile(stored(objectUri(twinNode)))).toString(), 'in its lowercase twin');
  });

  test('keys with empty, "." and ".." segments: named to the user instead of listed as paths VS Code would resolve elsewhere; opened, saved and deleted from the S3 explorer on exactly that key', async () => {
    const bucket = await client.createBucket('dots');
    buckets.push(bucket);
    const keys = { parent: 'dots/..', dotFolder: 'dots/./c.txt', emptyFolder: 'dots//d.txt', upAndOver: 'dots/a/../b.txt', plain: 'dots/e.txt' };
    for (const key of Object.values(keys)) {
      await client.put(bucket, key, `content of ${key}`);
    }
    const folder = vscode.Uri.from({ scheme: S3_SCHEME, authority: `rgw@${bucket}`, path: '/dots' });
    const record = await withPrompts({}, async (record) => {
      const entries = await vscode.workspace.fs.readDirectory(folder);
      // A ".." entry would be joined to the bucket root by the Explorer, so deleting it would delete everything.
      assert.deepEqual(entries.sort(), [
        ['a', vscode.FileType.Directory],
        ['e.txt', vscode.FileType.File],
      ]);
      await vscode.workspace.fs.readDirectory(folder);
      return record;
    });
    assert.equal(record.notified.length, 1, 'named once per folder, not on every listing');
    assert.equal(record.notified[0].severity, 'warning');
    for (const hidden of [`s3://${bucket}/dots/..`, `s3://${bucket}/dots/./`, `s3://${bucket}/dots//`]) {
      assert.ok(record.notified[0].message.includes(hidden), `${hidden} is named in: ${record.notified[0].message}`);
    }
    assert.match(record.notified[0].message, /open them from the S3 explorer/i);

    // The S3 explorer shows them, and their URIs reach exactly those keys.
    const api = await extensionApi();
    const dots = await childNamed(api, await bucketNode(bucket), 'dots');
    assert.deepEqual((await api.tree.getChildren(dots)).map(label).sort(), ['.', '..', '/', 'a', 'e.txt'].sort());
    const parentObject = objectUri(await childNamed(api, dots, '..'));
    const document = await vscode.workspace.openTextDocument(stored(parentObject));
    assert.equal(document.getText(), 'content of dots/..', 'the object named "..", not the folder above');
    const dotFolder = await childNamed(api, dots, '.');
    assert.equal(Buffer.from(await vscode.workspace.fs.readFile(stored(objectUri(await childNamed(api, dotFolder, 'c.txt'))))).toString(), 'content of dots/./c.txt');
    // VS Code normalises document paths (`//` → `/`): an edit saved from the editor must still land on `dots//d.txt`.
    const emptyFolder = await childNamed(api, dots, '/');
    const edited = await vscode.workspace.openTextDocument(stored(objectUri(await childNamed(api, emptyFolder, 'd.txt'))));
    assert.equal(edited.getText(), 'content of dots//d.txt');
    await vscode.window.showTextDocument(edited);
    const edit = new vscode.WorkspaceEdit();
    edit.insert(edited.uri, new vscode.Position(0, 0), 'edited ');
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.ok(await edited.save(), 'the save went through');
    assert.equal((await client.get(bucket, keys.emptyFolder)).toString(), 'edited content of dots//d.txt');
    assert.equal(await client.exists(bucket, 'dots/d.txt'), false, 'not saved to the normalised path');

    // Writes and deletes through such a URI touch that key only.
    await vscode.workspace.fs.writeFile(stored(vscode.Uri.from({ scheme: S3_SCHEME, authority: `rgw@${bucket}`, path: `/${keys.upAndOver}` })), Buffer.from('rewritten'));
    assert.equal((await client.get(bucket, keys.upAndOver)).toString(), 'rewritten');
    assert.equal(await client.exists(bucket, 'dots/b.txt'), false, 'not normalised to dots/b.txt');
    await vscode.workspace.fs.delete(stored(parentObject));
    assert.deepEqual((await client.keys(bucket)).sort(), [keys.emptyFolder, keys.dotFolder, keys.upAndOver, keys.plain].sort());
  });
});
