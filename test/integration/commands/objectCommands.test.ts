import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { IndependentClient } from '../../support/independentClient';
import { answerByTitle, bucketNode, childNamed, extensionApi, withPrompts } from '../extensionApi';
import { waitFor } from '../../support/waitFor';

// Every character the aws CLI takes verbatim but a URI would have to encode: space, +, %, #, ?, unicode.
const ODD_KEY = 'odd dir/100% a+b #1?é€.txt';

/** Runs the command a click on the tree item runs, with the arguments the tree passes. */
async function click(node: { getTreeItem(): vscode.TreeItem }): Promise<void> {
  const command = node.getTreeItem().command;
  assert.ok(command, 'the tree item has a click command');
  await vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));
}

function openTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((group) => group.tabs);
}

suite('Object commands: open, compare, copy URI', () => {
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
    await vscode.workspace.getConfiguration('s3Browser').update('openWarnAboveMB', undefined, vscode.ConfigurationTarget.Global);
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

  test('Open leaves preview and pinning to VS Code (workbench.list.openMode, workbench.editor.enablePreview): two quick clicks keep a preview; with previews off the editor is pinned', async () => {
    const api = await extensionApi();
    const node = await childNamed(api, await bucketNode(bucket), 'a.txt');
    const uri = node.getTreeItem().resourceUri!;
    const tab = () => vscode.window.tabGroups.activeTabGroup.activeTab;
    await vscode.commands.executeCommand('s3Browser.openObject', uri, 6);
    await vscode.commands.executeCommand('s3Browser.openObject', uri, 6);
    assert.equal((tab()?.input as vscode.TabInputText | undefined)?.uri.toString(), uri.toString());
    assert.equal(tab()?.isPreview, true, 'no private double-click timer pins it');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.getConfiguration('workbench.editor').update('enablePreview', false, vscode.ConfigurationTarget.Global);
    try {
      await vscode.commands.executeCommand('s3Browser.openObject', uri, 6);
      assert.equal(tab()?.isPreview, false, 'previews off: pinned, as the Explorer opens it');
    } finally {
      await vscode.workspace.getConfiguration('workbench.editor').update('enablePreview', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  test('an error that names a setting offers Open Settings, which opens the Settings editor on that setting', async () => {
    const api = await extensionApi();
    const node = await childNamed(api, await bucketNode(bucket), 'a.txt');
    await vscode.workspace.getConfiguration('s3Browser').update('openRefuseAboveMB', 0.000001, vscode.ConfigurationTarget.Global);
    try {
      const record = await withPrompts({ notify: async (_severity, _message, ...actions) => actions.find((action) => action === 'Open Settings') }, async (record) => {
        await vscode.commands.executeCommand('s3Browser.openObject', node);
        return record;
      });
      assert.deepEqual(record.notified.map(({ severity, actions }) => [severity, actions]), [['error', ['Open Settings']]]);
      assert.match(record.notified[0].message, /\(setting s3Browser\.openRefuseAboveMB\)/);
      await waitFor('the Settings editor', async () => (vscode.window.tabGroups.activeTabGroup.activeTab?.label === 'Settings' ? true : undefined));
    } finally {
      await vscode.workspace.getConfiguration('s3Browser').update('openRefuseAboveMB', undefined, vscode.ConfigurationTarget.Global);
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
  });

  test('a click on an object above s3Browser.openWarnAboveMB asks first: declined opens nothing, accepted opens it', async () => {
    await client.put(bucket, 'big.txt', 'x'.repeat(2 * 1024 * 1024));
    await vscode.workspace.getConfiguration('s3Browser').update('openWarnAboveMB', 1, vscode.ConfigurationTarget.Global);
    const api = await extensionApi();
    const node = await childNamed(api, await bucketNode(bucket), 'big.txt');

    const declined = await withPrompts({ confirm: async () => { throw new vscode.CancellationError(); } }, async (record) => {
      await click(node);
      return record;
    });
    assert.equal(declined.confirmed.length, 1, 'asked once');
    assert.match(declined.confirmed[0], /^Open 2\.1 MB object\?\ns3:\/\/[^ ]+\/big\.txt is larger than 1\.0 MB \(setting s3Browser\.openWarnAboveMB\)/);
    assert.deepEqual(declined.notified, [], 'declining is silent');
    assert.deepEqual(openTabs(), [], 'declining opens nothing');

    // Past the double-click window, so the next click is a first click again and asks.
    await new Promise((resolve) => setTimeout(resolve, 600));
    const accepted = await withPrompts({ confirm: async () => undefined }, async (record) => {
      await click(node);
      return record;
    });
    assert.equal(accepted.confirmed.length, 1);
    const opened = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
    assert.ok(opened instanceof vscode.TabInputText, 'a text editor is open');
    assert.equal(opened.uri.toString(), node.getTreeItem().resourceUri?.toString());
    assert.equal(vscode.window.activeTextEditor?.document.getText().length, 2 * 1024 * 1024);
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

  test('Compare With on one selected object diffs it with an odd key typed as a plain s3:// URI, on the same (non-default) connection', async () => {
    await client.put(bucket, ODD_KEY, 'odd\n');
    const api = await extensionApi();
    const a = await childNamed(api, await bucketNode(bucket, 'rgw'), 'a.txt');
    await withPrompts({ ask: answerByTitle({ [`Compare s3://${bucket}/a.txt with`]: `s3://${bucket}/${ODD_KEY}` }) }, () => vscode.commands.executeCommand('s3Browser.compareWith', a, [a]));
    const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
    assert.ok(input instanceof vscode.TabInputTextDiff, 'a diff editor is active');
    assert.equal(input.original.toString(), a.getTreeItem().resourceUri?.toString());
    assert.equal(input.modified.authority, `rgw@${bucket}`, 'the typed object is read through the selected object\'s connection');
    assert.equal((await vscode.workspace.openTextDocument(input.original)).getText(), 'alpha\n');
    assert.equal((await vscode.workspace.openTextDocument(input.modified)).getText(), 'odd\n', 'the right side is exactly the typed key');
  });

  test('Copy S3 URI copies the plain s3://bucket/key the aws CLI takes: an odd key unencoded, and no connection name from a non-default connection', async () => {
    await client.put(bucket, ODD_KEY, 'odd\n');
    const api = await extensionApi();
    for (const connection of ['default', 'rgw']) {
      const folder = await childNamed(api, await bucketNode(bucket, connection), 'odd dir');
      const object = await childNamed(api, folder, '100% a+b #1?é€.txt');
      await vscode.env.clipboard.writeText('(not copied)');
      await vscode.commands.executeCommand('s3Browser.copyS3Uri', object);
      assert.equal(await vscode.env.clipboard.readText(), `s3://${bucket}/${ODD_KEY}`, `object under ${connection}`);
      await vscode.commands.executeCommand('s3Browser.copyS3Uri', folder);
      assert.equal(await vscode.env.clipboard.readText(), `s3://${bucket}/odd dir/`, `folder under ${connection}`);
    }
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
