import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { targetFromEnvironment } from '../../support/independentClient';
import { IndependentClient } from '../../support/independentClient';
import { addEndpointConnection, EXTENSION_ID, extensionApi, removeAllEndpoints, withPrompts } from '../extensionApi';

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
    // The tree's menus, their submenus (Copy Link, Access, Storage, Versions) and Explorer's.
    const inTreeMenus = new Set(Object.entries(menus).filter(([menu]) => menu !== 'commandPalette' && menu !== 'view/title').flatMap(([, entries]) => entries.map((entry) => entry.command)));
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
  test('every command the palette shows runs from it with no editor open and nothing selected: it asks for its target (or needs none) and never fails with "select … in the S3 explorer"', async () => {
    const api = await extensionApi();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('s3Explorer.focus');
    await vscode.commands.executeCommand('list.clear');
    assert.deepEqual(api.treeView.selection, [], 'nothing is selected in the S3 explorer');
    const menus = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON.contributes.menus as Record<string, MenuEntry[]>;
    const conditional = new Map(menus.commandPalette.map((entry) => [entry.command, entry.when]));
    const commands = (vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON.contributes.commands as { command: string }[])
      .map(({ command }) => command)
      // Hidden ones, and those shown only where they apply (an s3browser: editor, an endpoint to edit).
      .filter((command) => conditional.get(command) === undefined);
    assert.deepEqual(
      [...conditional].filter(([, when]) => when !== 'false').map(([command]) => command).sort(),
      ['s3Browser.compareConflict', 's3Browser.editEndpoint', 's3Browser.overwriteConflict', 's3Browser.removeEndpoint', 's3Browser.restoreVersion', 's3Browser.syncAgain'],
    );
    // Act without asking anything, by design: refresh everything, open the config file.
    const noTarget = ['s3Browser.refresh', 's3Browser.openAwsConfig'];
    const errors: string[] = [];
    const unasked: string[] = [];
    for (const command of commands) {
      let asked = false;
      const cancel = async (): Promise<never> => {
        asked = true;
        throw new vscode.CancellationError(); // the user presses Escape at the first question
      };
      const notified = await withPrompts({ pick: cancel, pickMany: cancel, ask: cancel, openDialog: cancel, confirm: cancel }, async (record) => {
        await vscode.commands.executeCommand(command);
        return record.notified;
      });
      errors.push(...notified.filter(({ severity }) => severity === 'error').map(({ message }) => `${command}: ${message}`));
      if (!asked && !noTarget.includes(command)) {
        unasked.push(command);
      }
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    assert.deepEqual(errors, [], 'no palette command fails for want of a target');
    assert.deepEqual(unasked, [], 'every palette command that acts on something asks what');
  });

  test('from the palette with nothing open, an object command walks connection → bucket → folder → object, and acts on the one picked', async () => {
    const client = new IndependentClient();
    const bucket = await client.createBucket('palette');
    try {
      await client.put(bucket, 'reports/2025/q1.csv', 'a,b\n');
      await client.put(bucket, 'reports/readme.md', '#\n');
      const api = await extensionApi();
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await vscode.commands.executeCommand('s3Explorer.focus');
      await vscode.commands.executeCommand('list.clear');
      assert.deepEqual(api.treeView.selection, []);
      const answers = ['default', bucket, 'reports/', '2025/', 'q1.csv'];
      const titles: string[] = [];
      await vscode.env.clipboard.writeText('(not copied)');
      await withPrompts(
        {
          pick: async (items, options) => {
            titles.push(options.title ?? '');
            const wanted = answers.shift();
            return items.find((item) => item.label === wanted) ?? assert.fail(`no "${wanted}" among ${items.map((item) => item.label).join(', ')}`);
          },
        },
        () => vscode.commands.executeCommand('s3Browser.copyS3Uri'),
      );
      assert.equal(await vscode.env.clipboard.readText(), `s3://${bucket}/reports/2025/q1.csv`);
      assert.deepEqual(titles, [
        'Choose objects, folders or buckets: which connection?',
        `Choose objects, folders or buckets: which bucket of default?`,
        `Choose objects, folders or buckets: s3://${bucket}/`,
        `Choose objects, folders or buckets: s3://${bucket}/reports/`,
        `Choose objects, folders or buckets: s3://${bucket}/reports/2025/`,
      ]);
    } finally {
      await client.deleteBucket(bucket);
      client.dispose();
    }
  });
});
