import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { IndependentClient } from '../../support/independentClient';
import { bucketNode, childNamed, extensionApi, withPrompts } from '../extensionApi';

suite('Object commands: open, compare', () => {
  const client = new IndependentClient();
  let bucket: string;

  setup(async () => {
    bucket = await client.createBucket('cmd');
    await client.put(bucket, 'a.txt', 'alpha\n');
    await client.put(bucket, 'b.txt', 'beta\n');
  });

  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.getConfiguration('s3Browser').update('openRefuseAboveMB', undefined, vscode.ConfigurationTarget.Global);
    await client.deleteBucket(bucket);
  });

  suiteTeardown(() => client.dispose());

  test('Open shows the object in an editor, and objects above the size limit are refused', async () => {
    const api = await extensionApi();
    const node = await childNamed(api, await bucketNode(bucket), 'a.txt');
    await vscode.commands.executeCommand('s3Browser.openObject', node);
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), node.getTreeItem().resourceUri?.toString());
    assert.equal(vscode.window.activeTextEditor?.document.getText(), 'alpha\n');

    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.getConfiguration('s3Browser').update('openRefuseAboveMB', 0.000001, vscode.ConfigurationTarget.Global);
    const record = await withPrompts({}, async (record) => {
      await vscode.commands.executeCommand('s3Browser.openObject', node);
      return record;
    });
    assert.equal(vscode.window.activeTextEditor, undefined);
    assert.equal(record.notified.length, 1);
    assert.match(record.notified[0].message, /a\.txt is 6 B, above the .* limit for opening in the editor \(setting s3Browser\.openRefuseAboveMB\)\. Download it instead\./);
  });

  test('Compare With diffs two selected objects', async () => {
    const api = await extensionApi();
    const parent = await bucketNode(bucket);
    const [a, b] = [await childNamed(api, parent, 'a.txt'), await childNamed(api, parent, 'b.txt')];
    await vscode.commands.executeCommand('s3Browser.compareWith', a, [a, b]);
    const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
    assert.ok(input instanceof vscode.TabInputTextDiff, 'a diff editor is active');
    assert.equal(input.original.toString(), a.getTreeItem().resourceUri?.toString());
    assert.equal(input.modified.toString(), b.getTreeItem().resourceUri?.toString());
  });

  test('Open Version opens an older version read-only', async () => {
    await client.enableVersioning(bucket);
    await client.put(bucket, 'a.txt', 'alpha v2\n');
    const [older] = await client.versionIds(bucket, 'a.txt');
    const api = await extensionApi();
    const node = await childNamed(api, await bucketNode(bucket), 'a.txt');
    await withPrompts({ pick: async (items) => items.find((item) => item.detail === older) ?? assert.fail(`no version ${older}`) }, () => vscode.commands.executeCommand('s3Browser.openVersion', node));
    const document = vscode.window.activeTextEditor?.document;
    assert.equal(document?.getText(), 'alpha\n');
    assert.equal(new URLSearchParams(document?.uri.query).get('versionId'), older);
  });
});
