import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { targetFromEnvironment } from '../../support/independentClient';
import { addEndpointConnection, EXTENSION_ID, removeAllEndpoints, withPrompts } from '../extensionApi';

interface MenuEntry {
  command: string;
  when?: string;
}

suite('Command surface: what the palette shows, and what palette commands ask', () => {
  teardown(() => removeAllEndpoints());

  test('tree-only commands are hidden from the palette and reachable from the tree; palette commands that act on something ask which (Cancel changes nothing)', async () => {
    const menus = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON.contributes.menus as Record<string, MenuEntry[]>;
    const hidden = menus.commandPalette.filter((entry) => entry.when === 'false').map((entry) => entry.command);
    assert.deepEqual(hidden.sort(), [
      's3Browser.clearFilter',
      's3Browser.compareVersionWithCurrent',
      's3Browser.compareWith',
      's3Browser.copy',
      's3Browser.copyS3Uri',
      's3Browser.createFolder',
      's3Browser.cut',
      's3Browser.deleteBucket',
      's3Browser.filter',
      's3Browser.hideDeletedObjects',
      's3Browser.loadMore',
      's3Browser.openAsWorkspaceFolder',
      's3Browser.openObject',
      's3Browser.openVersion',
      's3Browser.paste',
      's3Browser.removeBucketFromList',
      's3Browser.showDeletedObjects',
      's3Browser.ssoLogin',
      's3Browser.uploadToS3',
    ]);
    const inTreeMenus = new Set([...menus['view/item/context'], ...menus['explorer/context']].map((entry) => entry.command));
    // Clicks, not menu entries: "Load more…", an object, and the SSO error node.
    const clicked = ['s3Browser.loadMore', 's3Browser.openObject', 's3Browser.ssoLogin'];
    assert.deepEqual(hidden.filter((command) => !inTreeMenus.has(command) && !clicked.includes(command)), [], 'every hidden command has a tree (or Explorer) menu entry');

    await addEndpointConnection('surface', targetFromEnvironment().endpoint);
    const endpointsBefore = JSON.stringify(vscode.workspace.getConfiguration('s3Browser').inspect('endpoints')?.globalValue);
    const questions: Record<string, string[]> = {};
    for (const command of ['s3Browser.createBucket', 's3Browser.addBucketByName', 's3Browser.editEndpoint', 's3Browser.removeEndpoint', 's3Browser.cleanUpIncompleteUploads', 's3Browser.uploadFiles', 's3Browser.uploadFolder']) {
      const titles: string[] = (questions[command] = []);
      await withPrompts(
        {
          pick: async (_items, options) => {
            titles.push(options.title ?? '');
            throw new vscode.CancellationError(); // the user presses Escape
          },
        },
        () => vscode.commands.executeCommand(command),
      );
    }
    assert.deepEqual(questions, {
      's3Browser.createBucket': ['Create a bucket with which connection?'],
      's3Browser.addBucketByName': ['Add a bucket by name to which connection?'],
      's3Browser.editEndpoint': ['Endpoint to edit'],
      's3Browser.removeEndpoint': ['Endpoint to remove'],
      's3Browser.cleanUpIncompleteUploads': ['Clean up incomplete uploads of which connection?'],
      's3Browser.uploadFiles': ['Upload Files: which connection?'],
      's3Browser.uploadFolder': ['Upload Folder: which connection?'],
    });
    assert.equal(JSON.stringify(vscode.workspace.getConfiguration('s3Browser').inspect('endpoints')?.globalValue), endpointsBefore, 'nothing changed');
  });
});
