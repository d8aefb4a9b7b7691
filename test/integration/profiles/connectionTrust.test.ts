import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { IndependentClient, targetFromEnvironment } from '../../support/independentClient';
import { s3ErrorXml, startFeatureProxy, type FeatureProxy } from '../../support/featureProxy';
import { waitFor } from '../../support/waitFor';
import { addEndpointConnection, answerByTitle, bucketsOf, childNamed, endpointFormAnswers, extensionApi, fileSystemError, label, removeAllEndpoints, withPrompts } from '../extensionApi';
import { S3_SCHEME } from '../../../src/fs/s3Location';

const target = targetFromEnvironment();

suite('Connections: endpoints are never borrowed, workspaces cannot lift safety settings, servers without features', () => {
  const client = new IndependentClient();
  const proxies: FeatureProxy[] = [];
  let bucket: string;

  setup(async () => {
    bucket = await client.createBucket('trust');
    await client.put(bucket, 'hello.txt', 'hello');
  });

  teardown(async () => {
    const configuration = vscode.workspace.getConfiguration('s3Browser');
    await configuration.update('readOnlyConnections', undefined, vscode.ConfigurationTarget.Global);
    await removeAllEndpoints();
    for (const proxy of proxies.splice(0)) {
      await proxy.close();
    }
    await client.deleteBucket(bucket);
  });

  suiteTeardown(() => client.dispose());

  test('a profile without endpoint_url goes to AWS, not to the default profile\'s endpoint or AWS_ENDPOINT_URL_S3', async () => {
    assert.ok(process.env.AWS_ENDPOINT_URL_S3, 'the test host sets AWS_ENDPOINT_URL_S3 for the environment root');
    const api = await extensionApi();
    const root = await childNamed(api, undefined, 'aws-no-endpoint');
    assert.match(String(root.getTreeItem().tooltip), /Endpoint: AWS/);
    api.tree.refresh(root);
    const children = await api.tree.getChildren(root);
    assert.ok(!children.map(label).includes(bucket), 'it must not list the local server\'s buckets');
    assert.equal(children[0].getTreeItem().contextValue, 's3Browser.error');
    assert.match(label(children[0]), /Cannot reach the S3 endpoint of "aws-no-endpoint" \((ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT)\)/);
    assert.ok((await bucketsOf('default')).includes(bucket), 'the profile with an endpoint still uses it');
  });

  test('a workspace\'s .vscode/settings.json can neither lift read-only nor add or redirect endpoints', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the test window has a workspace folder');
    const settingsFile = path.join(folder.uri.fsPath, '.vscode', 'settings.json');
    await vscode.workspace.getConfiguration('s3Browser').update('readOnlyConnections', ['readonly'], vscode.ConfigurationTarget.Global);
    await fs.mkdir(path.dirname(settingsFile), { recursive: true });
    await fs.writeFile(
      settingsFile,
      JSON.stringify({
        's3Browser.pageSize': 7, // a window-scoped sentinel: once it applies, the workspace file was read
        's3Browser.readOnlyConnections': [],
        's3Browser.endpoints': [{ name: 'from-workspace', url: 'http://127.0.0.1:1', region: 'us-east-1', forcePathStyle: true }],
      }),
    );
    try {
      await waitFor('the workspace settings', async () => (vscode.workspace.getConfiguration('s3Browser').get('pageSize') === 7 ? true : undefined));
      const api = await extensionApi();
      api.tree.refresh();
      const roots = (await api.tree.getChildren(undefined)).map(label);
      assert.ok(!roots.includes('from-workspace'), 'no endpoint comes from a workspace');
      const stat = await vscode.workspace.fs.stat(vscode.Uri.from({ scheme: S3_SCHEME, authority: `readonly@${bucket}`, path: '/hello.txt' }));
      assert.equal(stat.permissions, vscode.FilePermission.Readonly, 'still read-only');
      const error = await fileSystemError(() => vscode.workspace.fs.writeFile(vscode.Uri.from({ scheme: S3_SCHEME, authority: `readonly@${bucket}`, path: '/hello.txt' }), Buffer.from('x')));
      assert.equal(error.code, 'NoPermissions');
      // Saving an endpoint writes the user's own list, never the workspace's entries into user settings.
      await addEndpointConnection('user-endpoint', target.endpoint);
      const userSettings = await fs.readFile(process.env.S3B_USER_SETTINGS_FILE!, 'utf8');
      assert.ok(userSettings.includes('user-endpoint'));
      assert.ok(!userSettings.includes('from-workspace'), 'workspace values are never copied into user settings');
    } finally {
      await fs.rm(path.dirname(settingsFile), { recursive: true, force: true });
      await waitFor('the workspace settings to go', async () => (vscode.workspace.getConfiguration('s3Browser').get('pageSize') === 1000 ? true : undefined));
    }
  });

  test('an identity that cannot list buckets browses its pinned bucket: kept nodes, Go to S3 URI, refresh after a save; a renamed endpoint keeps its pins and read-only flag', async () => {
    // The proxy denies ListBuckets (GET /) only, like an IAM policy without s3:ListAllMyBuckets.
    const proxy = await startFeatureProxy(target.endpoint, (request) => (request.method === 'GET' && (request.url === '/' || request.url?.startsWith('/?')) ? { status: 403, body: s3ErrorXml('AccessDenied', 'Access Denied') } : undefined));
    proxies.push(proxy);
    await addEndpointConnection('no-list', proxy.url);
    const api = await extensionApi();
    const rootLabels = async (name: string) => (await api.tree.getChildren(await childNamed(api, undefined, name))).map(label);
    assert.match((await rootLabels('no-list'))[0], /Access denied/);
    await withPrompts({ ask: answerByTitle({ 'Bucket name (no-list)': bucket }) }, () => vscode.commands.executeCommand('s3Browser.addBucketByName', 'no-list'));
    const root = await childNamed(api, undefined, 'no-list');
    const first = await childNamed(api, root, bucket);
    assert.equal(await childNamed(api, root, bucket), first, 'the same node on every call, so expansion and pages survive');
    assert.deepEqual((await api.tree.getChildren(first)).map(label), ['hello.txt']);

    // The endpoint's own URL form, so only this connection serves it (s3:// would try "default" first).
    await withPrompts({ ask: answerByTitle({ 'Go to S3 URI': `${proxy.url}/${bucket}/hello.txt` }) }, () => vscode.commands.executeCommand('s3Browser.goToS3Uri'));
    const selected = await waitFor('the selection', async () => (api.treeView.selection[0] && label(api.treeView.selection[0]) === 'hello.txt' ? api.treeView.selection[0] : undefined));
    assert.equal(selected.parent?.parent, root, 'found through the pinned bucket of the connection that cannot list');

    await vscode.workspace.fs.writeFile(vscode.Uri.from({ scheme: S3_SCHEME, authority: `no-list@${bucket}`, path: '/new.txt' }), Buffer.from('new'));
    await waitFor('the saved object in the pinned bucket', async () => ((await api.tree.getChildren(first)).map(label).includes('new.txt') ? true : undefined));

    await vscode.workspace.getConfiguration('s3Browser').update('readOnlyConnections', ['no-list'], vscode.ConfigurationTarget.Global);
    await withPrompts(endpointFormAnswers({ name: 'no-list-renamed', url: proxy.url, region: target.region, accessKeyId: '' }), () => vscode.commands.executeCommand('s3Browser.editEndpoint', 'no-list'));
    await waitFor('the renamed root', async () => ((await api.tree.getChildren(undefined)).some((node) => label(node) === 'no-list-renamed') ? true : undefined));
    assert.deepEqual(vscode.workspace.getConfiguration('s3Browser').get('readOnlyConnections'), ['no-list-renamed'], 'the read-only flag follows the rename');
    assert.ok((await rootLabels('no-list-renamed')).includes(bucket), 'the pinned bucket follows the rename');
    const error = await fileSystemError(() => vscode.workspace.fs.writeFile(vscode.Uri.from({ scheme: S3_SCHEME, authority: `no-list-renamed@${bucket}`, path: '/x.txt' }), Buffer.from('x')));
    assert.equal(error.code, 'NoPermissions');
  });

  test('a server without object tagging (501 NotImplemented, as R2) still saves; a denied GetObjectTagging still refuses', async () => {
    let tagging: 'missing' | 'denied' = 'missing';
    const proxy = await startFeatureProxy(target.endpoint, (request) => {
      if (!/[?&]tagging/.test(request.url ?? '')) {
        return undefined;
      }
      return tagging === 'missing' ? { status: 501, body: s3ErrorXml('NotImplemented', 'A header you provided implies functionality that is not implemented') } : { status: 403, body: s3ErrorXml('AccessDenied', 'Access Denied') };
    });
    proxies.push(proxy);
    await addEndpointConnection('no-tagging', proxy.url);
    const uri = vscode.Uri.from({ scheme: S3_SCHEME, authority: `no-tagging@${bucket}`, path: '/hello.txt' });
    await vscode.workspace.fs.writeFile(uri, Buffer.from('saved without tagging'));
    assert.equal((await client.get(bucket, 'hello.txt')).toString(), 'saved without tagging');
    assert.ok(proxy.injected.some((request) => request.startsWith('GET') && request.includes('tagging')), 'the tagging request was answered 501');
    tagging = 'denied';
    const error = await fileSystemError(() => vscode.workspace.fs.writeFile(uri, Buffer.from('must not be written')));
    assert.equal(error.code, 'NoPermissions');
    assert.match(error.message, /s3:GetObjectTagging is denied/);
    assert.equal((await client.get(bucket, 'hello.txt')).toString(), 'saved without tagging');
  });
});
