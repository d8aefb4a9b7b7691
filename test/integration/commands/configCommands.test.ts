import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { waitFor } from '../../support/waitFor';
import { EXTENSION_ID, extensionApi, label } from '../extensionApi';

suite('AWS config commands and the welcome view', () => {
  let tempDir: string;

  setup(async () => {
    tempDir = await fs.mkdtemp(path.join(os.tmpdir(), 's3b-config-'));
  });

  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await fs.rm(tempDir, { recursive: true, force: true });
  });

  test('Open AWS Config File creates the missing file AWS_CONFIG_FILE names (and its folder) with a commented template and opens it; an existing file is opened unchanged', async () => {
    const original = process.env.AWS_CONFIG_FILE;
    const file = path.join(tempDir, 'not-yet', 'config');
    // The command reads AWS_CONFIG_FILE when it runs, as the aws CLI does.
    process.env.AWS_CONFIG_FILE = file;
    try {
      await vscode.commands.executeCommand('s3Browser.openAwsConfig');
      const template = await fs.readFile(file, 'utf8');
      assert.match(template, /^# AWS shared config/);
      assert.match(template, /^# \[profile minio\]$/m, 'it shows an example profile');
      assert.match(template, /^# endpoint_url = /m);
      assert.deepEqual(template.split('\n').filter((line) => line.trim() && !line.startsWith('#')), [], 'every line is a comment, so it defines no profile yet');
      assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, file, 'the new file is open');
      assert.equal(vscode.window.activeTextEditor?.document.getText(), template);

      // Another file, so no editor model of the first one can stand in for what is on disk.
      const existing = path.join(tempDir, 'existing-config');
      const mine = '[profile mine]\nregion = eu-west-1\n';
      await fs.writeFile(existing, mine);
      process.env.AWS_CONFIG_FILE = existing;
      await vscode.commands.executeCommand('s3Browser.openAwsConfig');
      assert.equal(await fs.readFile(existing, 'utf8'), mine, 'an existing file is never overwritten');
      assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, existing, 'the existing file is open');
      assert.equal(vscode.window.activeTextEditor?.document.getText(), mine);
    } finally {
      process.env.AWS_CONFIG_FILE = original;
    }
  });

  test('with no profiles, no environment credentials and no endpoints the tree has no roots and the extension sets the context key of the contributed welcome view, whose links are existing commands', async () => {
    const api = await extensionApi();
    const configuration = vscode.workspace.getConfiguration('s3Browser');
    const endpoints = configuration.inspect('endpoints')?.globalValue;
    // The extension reads the files AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE named when it
    // started, so "no profiles" means those files empty.
    const files = [process.env.AWS_CONFIG_FILE!, process.env.AWS_SHARED_CREDENTIALS_FILE!];
    const saved = await Promise.all(files.map((file) => fs.readFile(file, 'utf8')));
    const environment = { AWS_ACCESS_KEY_ID: process.env.AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY: process.env.AWS_SECRET_ACCESS_KEY };
    assert.ok(environment.AWS_ACCESS_KEY_ID && environment.AWS_SECRET_ACCESS_KEY, 'the test host has environment credentials to remove');

    const welcome = (vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON.contributes.viewsWelcome as Array<{ view: string; when?: string; contents: string }>).find((entry) => entry.view === 's3Explorer');
    assert.ok(welcome, 'package.json contributes a welcome view for the S3 explorer');
    const links = [...welcome.contents.matchAll(/\]\(command:([\w.]+)\)/g)].map((match) => match[1]);
    assert.deepEqual(links, ['s3Browser.openAwsConfig', 's3Browser.addEndpoint']);
    assert.match(welcome.contents, /AWS_CONFIG_FILE/);
    const registered = await vscode.commands.getCommands(true);
    for (const command of links) {
      assert.ok(registered.includes(command), `${command} is registered`);
    }

    // Observes what the extension tells VS Code (the call still goes through): context keys cannot be read back.
    const contextKeys: Array<[string, unknown]> = [];
    const executeCommand = vscode.commands.executeCommand;
    vscode.commands.executeCommand = (async (command: string, ...rest: unknown[]) => {
      if (command === 'setContext') {
        contextKeys.push([rest[0] as string, rest[1]]);
      }
      return executeCommand(command, ...rest);
    }) as typeof vscode.commands.executeCommand;
    try {
      await configuration.update('endpoints', undefined, vscode.ConfigurationTarget.Global);
      await Promise.all(files.map((file) => fs.writeFile(file, '')));
      delete process.env.AWS_ACCESS_KEY_ID;
      delete process.env.AWS_SECRET_ACCESS_KEY;
      api.tree.refresh();
      assert.deepEqual((await api.tree.getChildren(undefined)).map(label), [], 'no roots, so VS Code shows the welcome view');
      assert.deepEqual(contextKeys.filter(([key]) => key === welcome.when).at(-1), [welcome.when, true], 'the welcome view\'s condition holds');
    } finally {
      await Promise.all(files.map((file, index) => fs.writeFile(file, saved[index])));
      Object.assign(process.env, environment);
      await configuration.update('endpoints', endpoints, vscode.ConfigurationTarget.Global);
      api.tree.refresh();
      await waitFor('the roots to come back', async () => {
        const roots = (await api.tree.getChildren(undefined)).map(label);
        return roots.includes('environment') && roots.includes('default') ? true : undefined;
      });
      vscode.commands.executeCommand = executeCommand;
    }
    assert.deepEqual(contextKeys.filter(([key]) => key === welcome.when).at(-1), [welcome.when, false], 'with connections the welcome view\'s condition is off again');
  });
});
