import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { S3_SCHEME } from '../../src/fs/s3Location';
import { IndependentClient } from '../support/independentClient';
import { STAND_IN_ID, STAND_IN_TEXT } from '../support/toolkitStandIn';
import { waitFor } from '../support/waitFor';
import { bucketNode, childNamed, extensionApi, withPrompts } from './extensionApi';

interface StandInApi {
  registered: string[];
  failed: string[];
}

// The whole integration run has the AWS Toolkit stand-in installed (test/fixtures/aws-toolkit-stand-in):
// it registers `s3` and `s3-readonly` at startup, as AWS Toolkit does. These tests check both work.
suite('Alongside AWS Toolkit: another extension owns the s3: scheme', () => {
  const client = new IndependentClient();
  let bucket: string;

  suiteSetup(() => extensionApi());

  setup(async () => {
    bucket = await client.createBucket('toolkit');
    await client.put(bucket, 'notes/today.txt', 'the real bytes\n');
  });

  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await client.deleteBucket(bucket);
  });

  suiteTeardown(() => client.dispose());

  test('the stand-in registered s3 and s3-readonly, and this extension took neither: both run', async () => {
    const standIn = vscode.extensions.getExtension<StandInApi>(STAND_IN_ID);
    assert.ok(standIn, `the stand-in ${STAND_IN_ID} is installed for the integration run`);
    const exports = await waitFor('the stand-in to have started', async () => (standIn.isActive ? standIn.exports : undefined), 30_000);
    assert.deepEqual(exports, { registered: ['s3', 's3-readonly'], failed: [], text: STAND_IN_TEXT });
    const legacyText = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.from({ scheme: 's3', authority: bucket, path: '/notes/today.txt' })));
    assert.equal(legacyText, STAND_IN_TEXT, 's3: URIs are the stand-in\'s');
  });

  test('with the stand-in running, the tree lists the bucket, an object opens with its real bytes under s3browser:, a save reaches S3, and palette commands run on the editor', async () => {
    const api = await extensionApi();
    const folder = await childNamed(api, await bucketNode(bucket), 'notes');
    const object = await childNamed(api, folder, 'today.txt');
    const uri = object.getTreeItem().resourceUri;
    assert.equal(uri?.scheme, S3_SCHEME);
    await vscode.commands.executeCommand('s3Browser.openObject', object);
    const editor = await waitFor('the object\'s editor', async () => (vscode.window.activeTextEditor?.document.uri.toString() === uri?.toString() ? vscode.window.activeTextEditor : undefined));
    assert.equal(editor.document.getText(), 'the real bytes\n');

    assert.ok(await editor.edit((builder) => builder.insert(new vscode.Position(1, 0), 'saved beside the stand-in\n')));
    assert.ok(await editor.document.save());
    assert.equal((await client.get(bucket, 'notes/today.txt')).toString(), 'the real bytes\nsaved beside the stand-in\n');

    // From the palette (no arguments): the active editor is the target.
    await vscode.env.clipboard.writeText('(not copied)');
    await vscode.commands.executeCommand('s3Browser.copyS3Uri');
    assert.equal(await vscode.env.clipboard.readText(), `s3://${bucket}/notes/today.txt`, 'Copy S3 URI still gives the aws CLI form');
    await vscode.commands.executeCommand('s3Browser.showProperties');
    const properties = await waitFor('the Properties document', async () => (vscode.window.activeTextEditor?.document.uri.scheme === S3_SCHEME ? undefined : vscode.window.activeTextEditor?.document));
    assert.match(properties.getText(), /notes\/today\.txt/);
  });

  test('commands called with s3://bucket/key URIs (as 0.1.0 and other callers build them) still act on the object, not on the stand-in', async () => {
    await vscode.env.clipboard.writeText('(not copied)');
    const legacy = vscode.Uri.from({ scheme: 's3', authority: `default@${bucket}`, path: '/notes/today.txt' });
    await vscode.commands.executeCommand('s3Browser.copyS3Uri', legacy, [legacy]);
    assert.equal(await vscode.env.clipboard.readText(), `s3://${bucket}/notes/today.txt`);
    // AWS Toolkit's own form names no bucket in its authority: it is not taken for ours.
    const toolkits = vscode.Uri.from({ scheme: 's3', authority: '', path: `/us-east-1/${bucket}/notes/today.txt` });
    const notified = await withPrompts({}, async (record) => {
      await vscode.commands.executeCommand('s3Browser.copyS3Uri', toolkits, [toolkits]);
      return record.notified;
    });
    assert.equal(await vscode.env.clipboard.readText(), `s3://${bucket}/notes/today.txt`, 'nothing was copied for the stand-in\'s URI');
    assert.deepEqual(notified.map(({ severity }) => severity), ['error']);
  });
});
