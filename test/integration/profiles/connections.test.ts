import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as vscode from 'vscode';
import type { S3Node } from '../../../src/tree/nodes/s3Node';
import { IndependentClient, targetFromEnvironment } from '../../support/independentClient';
import { waitFor } from '../../support/waitFor';
import { answerByTitle, bucketsOf, childNamed, endpointFormAnswers, extensionApi, label, withPrompts } from '../extensionApi';

const target = targetFromEnvironment();

async function childLabels(node: S3Node | undefined): Promise<string[]> {
  return (await (await extensionApi()).tree.getChildren(node)).map(label);
}

async function rootLabels(): Promise<string[]> {
  return childLabels(undefined);
}

suite('Connections: profiles, environment, custom endpoints', () => {
  const client = new IndependentClient();
  let bucket: string;

  setup(async () => {
    bucket = await client.createBucket('conn');
    await client.put(bucket, 'hello.txt', 'hello');
  });

  teardown(async () => {
    await vscode.workspace.getConfiguration('s3Browser').update('readOnlyConnections', undefined, vscode.ConfigurationTarget.Global);
    await client.deleteBucket(bucket);
  });

  suiteTeardown(async () => {
    await vscode.workspace.getConfiguration('s3Browser').update('endpoints', undefined, vscode.ConfigurationTarget.Global);
    client.dispose();
  });

  test('a credential_process profile and the environment credentials each list the buckets', async () => {
    assert.ok((await bucketsOf('process')).includes(bucket));
    assert.ok((await bucketsOf('environment')).includes(bucket));
  });

  test('an endpoint added through the command works, and its secret is in SecretStorage, not settings.json', async () => {
    const fields = { name: 'test-endpoint', url: target.endpoint, region: target.region, accessKeyId: target.accessKeyId, secretAccessKey: target.secretAccessKey };
    await withPrompts(endpointFormAnswers(fields), () => vscode.commands.executeCommand('s3Browser.addEndpoint'));
    const api = await extensionApi();
    const endpointRoot = await waitFor('the endpoint root', async () => (await rootLabels()).includes('test-endpoint') || undefined);
    assert.ok(endpointRoot);
    const root = await childNamed(api, undefined, 'test-endpoint');
    assert.equal(root.getTreeItem().contextValue, 's3Browser.endpoint');
    assert.ok((await childLabels(root)).includes(bucket));
    const viaUri = await vscode.workspace.fs.readFile(vscode.Uri.from({ scheme: 's3', authority: `test-endpoint@${bucket}`, path: '/hello.txt' }));
    assert.equal(Buffer.from(viaUri).toString(), 'hello');

    const settingsFile = process.env.S3B_USER_SETTINGS_FILE!;
    const settings = await fs.readFile(settingsFile, 'utf8');
    assert.match(settings, /"test-endpoint"/);
    assert.ok(settings.includes(target.endpoint), 'the URL is a setting');
    assert.ok(!settings.includes(target.secretAccessKey), 'the secret must not be in settings.json');
    assert.ok(!settings.includes(target.accessKeyId), 'the access key must not be in settings.json');
  });

  test('an unreachable endpoint shows an error node with the mapped message while other roots work', async () => {
    const fields = { name: 'down', url: 'http://127.0.0.1:9', region: 'us-east-1', accessKeyId: 'AKDOWN', secretAccessKey: 'not-used' };
    await withPrompts(endpointFormAnswers(fields), () => vscode.commands.executeCommand('s3Browser.addEndpoint'));
    const api = await extensionApi();
    await waitFor('the endpoint root', async () => (await rootLabels()).includes('down') || undefined);
    const children = await api.tree.getChildren(await childNamed(api, undefined, 'down'));
    assert.equal(children.length, 1);
    assert.equal(children[0].getTreeItem().contextValue, 's3Browser.error');
    assert.match(label(children[0]), /Cannot reach the S3 endpoint of "down" \(ECONNREFUSED\)/);
    assert.ok((await bucketsOf('default')).includes(bucket));
  });

  test('a read-only connection refuses writes with the reason and stats as read-only', async () => {
    await vscode.workspace.getConfiguration('s3Browser').update('readOnlyConnections', ['readonly'], vscode.ConfigurationTarget.Global);
    const uri = vscode.Uri.from({ scheme: 's3', authority: `readonly@${bucket}`, path: '/new.txt' });
    await waitFor('the read-only flag', async () => ((await vscode.workspace.fs.stat(vscode.Uri.from({ scheme: 's3', authority: `readonly@${bucket}`, path: '/hello.txt' }))).permissions === vscode.FilePermission.Readonly ? true : undefined));
    await assert.rejects(Promise.resolve(vscode.workspace.fs.writeFile(uri, Buffer.from('nope'))), (error: unknown) => {
      assert.ok(error instanceof vscode.FileSystemError);
      assert.equal(error.code, 'NoPermissions');
      assert.match(error.message, /"readonly" is read-only/);
      return true;
    });
    assert.equal(await client.exists(bucket, 'new.txt'), false);
    await vscode.workspace.fs.writeFile(vscode.Uri.from({ scheme: 's3', authority: `rgw@${bucket}`, path: '/new.txt' }), Buffer.from('yes'));
    assert.equal(await client.exists(bucket, 'new.txt'), true, 'other connections still write');
  });

  test('editing the AWS config file adds a profile to the tree without a reload', async () => {
    const configFile = process.env.AWS_CONFIG_FILE!;
    const credentialsFile = process.env.AWS_SHARED_CREDENTIALS_FILE!;
    assert.ok(!(await rootLabels()).includes('added-later'));
    await fs.appendFile(credentialsFile, `\n[added-later]\naws_access_key_id = ${target.accessKeyId}\naws_secret_access_key = ${target.secretAccessKey}\n`);
    await fs.appendFile(configFile, `\n[profile added-later]\nregion = ${target.region}\nendpoint_url = ${target.endpoint}\n`);
    await waitFor('the new profile', async () => ((await rootLabels()).includes('added-later') ? true : undefined));
    assert.ok((await bucketsOf('added-later')).includes(bucket));
  });

  test('a bucket the identity cannot list is added by name and browsed', async function () {
    if (!target.otherUser || !target.userId) {
      this.skip(); // needs a second identity on the server (the local Ceph has one)
    }
    const owner = new IndependentClient(target, target.otherUser!);
    const shared = await owner.createBucket('shared');
    try {
      await owner.put(shared, 'report.csv', 'a,b\n');
      await owner.shareReadOnly(shared, target.userId!);
      const api = await extensionApi();
      assert.ok(!(await bucketsOf('rgw')).includes(shared), 'ListBuckets does not show it');
      await withPrompts({ ask: answerByTitle({ 'Bucket name (rgw)': shared }) }, () => vscode.commands.executeCommand('s3Browser.addBucketByName', 'rgw'));
      const bucketNode = await waitFor('the added bucket', async () => (await api.tree.getChildren(await childNamed(api, undefined, 'rgw'))).find((node) => label(node) === shared));
      assert.equal(bucketNode.getTreeItem().contextValue, 's3Browser.bucket;pinned');
      assert.deepEqual(await childLabels(bucketNode), ['report.csv']);
      await vscode.commands.executeCommand('s3Browser.removeBucketFromList', bucketNode);
      assert.ok(!(await bucketsOf('rgw')).includes(shared));
    } finally {
      await owner.deleteBucket(shared);
      owner.dispose();
    }
  });
});
