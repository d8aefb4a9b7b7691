import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { S3FileSystemProvider } from '../../../src/fs/s3FileSystemProvider';
import { ConnectionRegistry, sharedConfigSource } from '../../../src/profiles/connectionRegistry';
import { sharedConfigPaths } from '../../../src/profiles/connections';
import { S3ServiceFactory } from '../../../src/s3/serviceFactory';
import { startFeatureProxy } from '../../support/featureProxy';
import { IndependentClient, targetFromEnvironment } from '../../support/independentClient';
import { waitFor } from '../../support/waitFor';
import { addEndpointConnection, extensionApi, fileSystemError, removeAllEndpoints, withPrompts } from '../extensionApi';
import { windowPrompts } from '../../../src/ui/prompts';
import { S3_SCHEME } from '../../../src/fs/s3Location';

function s3Uri(bucket: string, key: string): vscode.Uri {
  return vscode.Uri.from({ scheme: S3_SCHEME, authority: bucket, path: `/${key}` });
}

async function openAndEdit(uri: vscode.Uri, insert: string): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(document);
  const edit = new vscode.WorkspaceEdit();
  edit.insert(uri, new vscode.Position(document.lineCount - 1, 0), insert);
  assert.ok(await vscode.workspace.applyEdit(edit));
  assert.ok(document.isDirty);
  return document;
}

/** A second VS Code window: its own provider state over the same connections. */
function secondWindow(): S3FileSystemProvider {
  const connections = new ConnectionRegistry([sharedConfigSource(sharedConfigPaths(), {})], () => false);
  return new S3FileSystemProvider(connections, new S3ServiceFactory(() => undefined), windowPrompts());
}

suite('Conflicting saves: nobody\'s change is overwritten unseen', () => {
  const client = new IndependentClient();
  let bucket: string;

  suiteSetup(() => extensionApi());

  setup(async () => {
    bucket = await client.createBucket('conflict');
  });

  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await client.deleteBucket(bucket);
  });

  suiteTeardown(() => client.dispose());

  test('the save race itself: a proxy writes same-size bytes right before it forwards the save\'s PUT, on the first save and after the If-Match form is learned; each save is refused, their bytes stay, the editor stays dirty', async () => {
    let theirs: Buffer | undefined;
    const proxy = await startFeatureProxy(targetFromEnvironment().endpoint, async (request) => {
      if (theirs && request.method === 'PUT' && (request.url ?? '').startsWith(`/${bucket}/race.txt`)) {
        const bytes = theirs;
        theirs = undefined;
        await client.put(bucket, 'race.txt', bytes);
      }
      return undefined;
    });
    try {
      await addEndpointConnection('racer', proxy.url);
      await client.put(bucket, 'race.txt', 'line one\n');
      const uri = s3Uri(`racer@${bucket}`, 'race.txt');
      const raceOneSave = async (insert: string) => {
        const document = await openAndEdit(uri, insert);
        const other = Buffer.from(document.getText().toUpperCase());
        assert.equal(other.length, Buffer.byteLength(document.getText()), 'their bytes are the same size as the save');
        theirs = other;
        assert.equal(await document.save(), false, 'the save must be refused');
        assert.equal(theirs, undefined, 'the other writer wrote right before the save\'s PUT');
        assert.ok((await client.get(bucket, 'race.txt')).equals(other), 'their bytes are on S3');
        assert.ok(document.isDirty, 'the editor stays dirty');
        assert.match(document.getText(), new RegExp(insert.trim()), 'with the edit');
        await vscode.commands.executeCommand('workbench.action.files.revert');
        return document;
      };
      await raceOneSave('first\n');
      // A save that goes through teaches the connection the If-Match form the server takes.
      const document = await openAndEdit(uri, 'accepted\n');
      assert.equal(await document.save(), true);
      assert.equal((await client.get(bucket, 'race.txt')).toString(), document.getText());
      await raceOneSave('second\n');
    } finally {
      // Closed while their connection still exists, so nothing reads them back after it is removed.
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await removeAllEndpoints();
      await proxy.close();
    }
  });

  test('a same-size change by someone else refuses the save; the edit stays in the dirty document; Overwrite (confirmed) then saves it', async () => {
    await client.put(bucket, 'config.json', '{"replicas": 3}\n');
    const uri = s3Uri(bucket, 'config.json');
    const document = await openAndEdit(uri, '// mine\n');
    await client.put(bucket, 'config.json', '{"replicas": 4}\n'); // same size: VS Code's own check cannot see it
    assert.equal(await document.save(), false, 'the save must be refused');
    assert.equal((await client.get(bucket, 'config.json')).toString(), '{"replicas": 4}\n', 'their change is intact');
    assert.ok(document.isDirty, 'the document is still dirty');
    assert.match(document.getText(), /\/\/ mine/, 'and still holds the edit');

    const record = await withPrompts({ confirm: async () => undefined }, async (asked) => {
      await vscode.commands.executeCommand('s3Browser.overwriteConflict', uri);
      return asked;
    });
    assert.match(record.confirmed[0], /Overwrite s3:\/\/.*config\.json with your version/);
    assert.equal((await client.get(bucket, 'config.json')).toString(), document.getText());
    assert.ok(!document.isDirty);
  });

  test('a different-size change is refused too, and Overwrite works past VS Code\'s own "newer on disk" check', async () => {
    await client.put(bucket, 'notes.md', '# notes\n');
    const uri = s3Uri(bucket, 'notes.md');
    const document = await openAndEdit(uri, 'my line\n');
    await client.put(bucket, 'notes.md', '# notes\ntheir much longer line\n');
    assert.equal(await document.save(), false);
    assert.equal((await client.get(bucket, 'notes.md')).toString(), '# notes\ntheir much longer line\n');
    assert.ok(document.isDirty);
    await withPrompts({ confirm: async () => undefined }, async () => vscode.commands.executeCommand('s3Browser.overwriteConflict', uri));
    assert.equal((await client.get(bucket, 'notes.md')).toString(), '# notes\nmy line\n');
  });

  test('a refused save adds no notification of its own to VS Code\'s "Failed to save" (which carries the reason); Compare and Overwrite… from the editor title each do what they say; code that writes gets only the error', async () => {
    await client.put(bucket, 'offer.txt', 'base\n');
    const uri = s3Uri(bucket, 'offer.txt');
    const document = await openAndEdit(uri, 'mine\n');
    await client.put(bucket, 'offer.txt', 'them\n');
    const record = await withPrompts({ confirm: async () => undefined }, async (record) => {
      assert.equal(await document.save(), false);
      await vscode.commands.executeCommand('s3Browser.compareConflict', uri);
      const diff = await waitFor('the diff', async () => {
        const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
        return input instanceof vscode.TabInputTextDiff ? input : undefined;
      });
      assert.equal((await vscode.workspace.openTextDocument(diff.original)).getText(), 'them\n');
      assert.equal(diff.modified.toString(), uri.toString());
      assert.equal(await document.save(), false, 'still their version on S3 until Overwrite is chosen');
      await vscode.commands.executeCommand('s3Browser.overwriteConflict', uri);
      await waitFor('the confirmed overwrite', async () => ((await client.get(bucket, 'offer.txt')).toString() === 'base\nmine\n' ? true : undefined));
      await client.put(bucket, 'other.txt', 'v1');
      await vscode.workspace.fs.readFile(s3Uri(bucket, 'other.txt'));
      await client.put(bucket, 'other.txt', 'v2');
      const refused = await fileSystemError(() => vscode.workspace.fs.writeFile(s3Uri(bucket, 'other.txt'), Buffer.from('v3')));
      assert.equal(refused.code, 'Unavailable');
      assert.match(refused.message, /changed by someone else after you opened it, so your save was refused to keep their change\. Your edits are still in the editor: compare them with the version on S3, or overwrite it on purpose, with the two buttons in the editor's title bar\./);
      return record;
    });
    assert.deepEqual(record.notified, [], 'VS Code\'s save error is the one message');
    assert.equal(record.confirmed.length, 1);
    assert.ok(!document.isDirty);
  });

  test('declining the Overwrite confirmation writes nothing', async () => {
    await client.put(bucket, 'keep.txt', 'aaaa\n');
    const uri = s3Uri(bucket, 'keep.txt');
    const document = await openAndEdit(uri, 'x\n');
    await client.put(bucket, 'keep.txt', 'bbbb\n');
    assert.equal(await document.save(), false);
    await withPrompts({ confirm: async () => Promise.reject(new vscode.CancellationError()) }, async () => vscode.commands.executeCommand('s3Browser.overwriteConflict', uri));
    assert.equal((await client.get(bucket, 'keep.txt')).toString(), 'bbbb\n');
    assert.ok(document.isDirty);
  });

  test('Compare shows their version on S3 against the edited document', async () => {
    await client.put(bucket, 'table.csv', 'a,1\n');
    const uri = s3Uri(bucket, 'table.csv');
    await openAndEdit(uri, 'mine,2\n');
    await client.put(bucket, 'table.csv', 'b,1\n');
    await vscode.commands.executeCommand('s3Browser.compareConflict', uri);
    const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
    assert.ok(input instanceof vscode.TabInputTextDiff, 'a diff editor is active');
    assert.equal(input.original.scheme, 's3-current');
    assert.equal(input.modified.toString(), uri.toString());
    assert.equal((await vscode.workspace.openTextDocument(input.original)).getText(), 'b,1\n');
  });

  test('a clean save (nobody else changed it) goes through', async () => {
    await client.put(bucket, 'clean.txt', 'one\n');
    const uri = s3Uri(bucket, 'clean.txt');
    const document = await openAndEdit(uri, 'two\n');
    assert.equal(await document.save(), true);
    assert.equal((await client.get(bucket, 'clean.txt')).toString(), 'one\ntwo\n');
    const again = new vscode.WorkspaceEdit();
    again.insert(uri, new vscode.Position(2, 0), 'three\n');
    await vscode.workspace.applyEdit(again);
    assert.equal(await document.save(), true, 'a second save is based on this window\'s own write');
    assert.equal((await client.get(bucket, 'clean.txt')).toString(), 'one\ntwo\nthree\n');
  });

  test('a stat does not re-base: a programmatic write after someone else\'s same-size change is refused until a fresh read', async () => {
    await client.put(bucket, 'race.txt', 'v1');
    const { fileSystem } = await extensionApi();
    const uri = s3Uri(bucket, 'race.txt');
    assert.equal(Buffer.from(await fileSystem.readFile(uri)).toString(), 'v1');
    await client.put(bucket, 'race.txt', 'v2');
    await fileSystem.stat(uri); // what VS Code does right before it saves
    const error = await fileSystemError(() => fileSystem.writeFile(uri, Buffer.from('stale'), { create: false, overwrite: true }));
    assert.equal(error.code, 'Unavailable');
    assert.match(error.message, /changed by someone else after you opened it/);
    assert.equal((await client.get(bucket, 'race.txt')).toString(), 'v2');
    assert.equal(Buffer.from(await fileSystem.readFile(uri)).toString(), 'v2');
    await fileSystem.writeFile(uri, Buffer.from('v3'), { create: false, overwrite: true });
    assert.equal((await client.get(bucket, 'race.txt')).toString(), 'v3');
  });

  test('a save from a second window (its own fresh read) is not overwritten by this window\'s edit', async () => {
    await client.put(bucket, 'shared.txt', 'base\n');
    const uri = s3Uri(bucket, 'shared.txt');
    const document = await openAndEdit(uri, 'window one\n');
    const other = secondWindow();
    try {
      await other.readFile(uri);
      await other.writeFile(uri, Buffer.from('base\nwindow 2\n'), { create: false, overwrite: true }); // same size as ours
    } finally {
      other.dispose();
    }
    assert.equal(await document.save(), false);
    assert.equal((await client.get(bucket, 'shared.txt')).toString(), 'base\nwindow 2\n');
  });

  test('mtime moves on a same-size change and stays while the ETag is unchanged', async () => {
    await client.put(bucket, 'm.txt', 'aaaa');
    const { fileSystem } = await extensionApi();
    const uri = s3Uri(bucket, 'm.txt');
    const first = await fileSystem.stat(uri);
    assert.equal((await fileSystem.stat(uri)).mtime, first.mtime);
    await client.put(bucket, 'm.txt', 'bbbb');
    const second = await fileSystem.stat(uri);
    assert.equal(second.size, first.size);
    assert.ok(second.mtime > first.mtime, 'the mtime moved');
  });
});
