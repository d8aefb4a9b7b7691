import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import type * as http from 'node:http';
import * as vscode from 'vscode';
import type { S3Node } from '../../../src/tree/nodes/s3Node';
import { AwsFileEdits } from '../../support/awsFileEdits';
import { startFeatureProxy, type FeatureProxy } from '../../support/featureProxy';
import { IndependentClient, targetFromEnvironment } from '../../support/independentClient';
import { waitFor } from '../../support/waitFor';
import { addEndpointConnection, answerByTitle, bucketsOf, childNamed, endpointFormAnswers, extensionApi, label, treeSettled, withPrompts } from '../extensionApi';
import { S3_SCHEME } from '../../../src/fs/s3Location';

/** The proxy's request count once it has stayed the same for a second. */
async function settled(proxy: { requests: unknown[] }): Promise<number> {
  let count = -1;
  return waitFor('the requests to settle', async () => {
    const before = count;
    count = proxy.requests.length;
    await new Promise((resolve) => setTimeout(resolve, 1000));
    return count === before && proxy.requests.length === count ? count : undefined;
  }, 30_000);
}

const target = targetFromEnvironment();

/** The region of a SigV4-signed request, from the credential scope of its Authorization header. */
function signedRegion(request: http.IncomingMessage): string {
  return /Credential=[^/]+\/\d{8}\/([^/]+)\/s3\/aws4_request/.exec(request.headers.authorization ?? '')?.[1] ?? '(unsigned)';
}

/** Sets variables of the extension host's environment (undefined removes one); returns the undo. */
function setEnvironment(values: Record<string, string | undefined>): () => void {
  const saved = Object.fromEntries(Object.keys(values).map((name) => [name, process.env[name]]));
  const apply = (next: Record<string, string | undefined>) => {
    for (const [name, value] of Object.entries(next)) {
      if (value === undefined) {
        delete process.env[name];
      } else {
        process.env[name] = value;
      }
    }
  };
  apply(values);
  return () => apply(saved);
}

async function childLabels(node: S3Node | undefined): Promise<string[]> {
  return (await (await extensionApi()).tree.getChildren(node)).map(label);
}

async function rootLabels(): Promise<string[]> {
  return childLabels(undefined);
}

suite('Connections: profiles, environment, custom endpoints', () => {
  const client = new IndependentClient();
  const edits = new AwsFileEdits();
  const proxies: FeatureProxy[] = [];
  let bucket: string;
  let rootsBefore: string[];

  setup(async () => {
    bucket = await client.createBucket('conn');
    await client.put(bucket, 'hello.txt', 'hello');
    rootsBefore = await rootLabels();
  });

  teardown(async () => {
    await vscode.workspace.getConfiguration('s3Browser').update('readOnlyConnections', undefined, vscode.ConfigurationTarget.Global);
    if (await edits.restore()) {
      await waitFor('the roots of the restored AWS files', async () => (JSON.stringify(await rootLabels()) === JSON.stringify(rootsBefore) ? true : undefined));
      await treeSettled();
    }
    for (const proxy of proxies.splice(0)) {
      await proxy.close();
    }
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
    const viaUri = await vscode.workspace.fs.readFile(vscode.Uri.from({ scheme: S3_SCHEME, authority: `test-endpoint@${bucket}`, path: '/hello.txt' }));
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
    const uri = vscode.Uri.from({ scheme: S3_SCHEME, authority: `readonly@${bucket}`, path: '/new.txt' });
    await waitFor('the read-only flag', async () => ((await vscode.workspace.fs.stat(vscode.Uri.from({ scheme: S3_SCHEME, authority: `readonly@${bucket}`, path: '/hello.txt' }))).permissions === vscode.FilePermission.Readonly ? true : undefined));
    await assert.rejects(Promise.resolve(vscode.workspace.fs.writeFile(uri, Buffer.from('nope'))), (error: unknown) => {
      assert.ok(error instanceof vscode.FileSystemError);
      assert.equal(error.code, 'NoPermissions');
      assert.match(error.message, /"readonly" is read-only/);
      return true;
    });
    assert.equal(await client.exists(bucket, 'new.txt'), false);
    await vscode.workspace.fs.writeFile(vscode.Uri.from({ scheme: S3_SCHEME, authority: `rgw@${bucket}`, path: '/new.txt' }), Buffer.from('yes'));
    assert.equal(await client.exists(bucket, 'new.txt'), true, 'other connections still write');
  });

  test('editing the AWS config file adds a profile to the tree without a reload', async () => {
    assert.ok(!(await rootLabels()).includes('added-later'));
    await edits.append({
      credentials: `[added-later]\naws_access_key_id = ${target.accessKeyId}\naws_secret_access_key = ${target.secretAccessKey}`,
      config: `[profile added-later]\nregion = ${target.region}\nendpoint_url = ${target.endpoint}`,
    });
    await waitFor('the new profile', async () => ((await rootLabels()).includes('added-later') ? true : undefined));
    assert.ok((await bucketsOf('added-later')).includes(bucket));
  });

  test('a profile edited in the AWS files while the window is open: wrong keys give an error node, restored keys list, a new endpoint and region are used; removed, its root goes (no reload)', async () => {
    const regions: string[] = [];
    const proxy = await startFeatureProxy(target.endpoint, (request) => {
      regions.push(signedRegion(request));
      return undefined;
    });
    proxies.push(proxy);
    const keys = `[editable]\naws_access_key_id = ${target.accessKeyId}\naws_secret_access_key = ${target.secretAccessKey}`;
    const server = `[profile editable]\nregion = ${target.region}\nendpoint_url = ${target.endpoint}`;
    await edits.append({ credentials: keys, config: server });
    await waitFor('the new profile to list', async () => ((await bucketsOf('editable')).includes(bucket) ? true : undefined));

    // Its credentials were resolved (and cached) with the good keys; the edit must replace them.
    await edits.edit('credentials', (text) => text.replace(keys, `[editable]\naws_access_key_id = ${target.accessKeyId}\naws_secret_access_key = not-the-secret`));
    const error = await waitFor('the edited secret to be used', async () => (await bucketsOf('editable')).find((name) => name.includes('The secret key of "editable" is wrong')));
    assert.doesNotMatch(error, /not-the-secret/);
    await edits.edit('credentials', (text) => text.replace(`[editable]\naws_access_key_id = ${target.accessKeyId}\naws_secret_access_key = not-the-secret`, keys));
    await waitFor('the restored secret to list again', async () => ((await bucketsOf('editable')).includes(bucket) ? true : undefined));
    assert.deepEqual(proxy.requests, [], 'nothing went to the proxy before the endpoint was edited');

    await edits.edit('config', (text) => text.replace(server, `[profile editable]\nregion = eu-west-3\nendpoint_url = ${proxy.url}`));
    await waitFor('the edited endpoint to be used', async () => ((await bucketsOf('editable')).includes(bucket) && proxy.requests.length > 0 ? true : undefined));
    assert.deepEqual([...new Set(regions)], ['eu-west-3'], 'requests are signed for the edited region');

    await edits.restore();
    await waitFor('the removed profile\'s root to go', async () => (!(await rootLabels()).includes('editable') ? true : undefined));
    await treeSettled();
  });

  test('one name in three sources, through activate: a profile wins over the environment credentials, which win over a custom endpoint', async () => {
    const api = await extensionApi();
    const [endpointProxy, profileProxy] = [await startFeatureProxy(target.endpoint), await startFeatureProxy(target.endpoint)];
    proxies.push(endpointProxy, profileProxy);
    const roots = async () => (await api.tree.getChildren(undefined)).filter((node) => label(node) === 'environment').map((node) => String(node.getTreeItem().tooltip).split('\n')[0]);
    let endpointAdded = false;
    // Without environment credentials the name is free, so the command accepts an endpoint named "environment".
    const restoreEnvironment = setEnvironment({ AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined });
    try {
      api.tree.refresh();
      assert.deepEqual(await roots(), []);
      await addEndpointConnection('environment', endpointProxy.url);
      endpointAdded = true;
      assert.deepEqual(await roots(), ['Endpoint: environment']);
      assert.ok((await bucketsOf('environment')).includes(bucket));
      // The listed buckets' versioning is read in the background (for their menus): let it finish.
      const endpointRequests = await settled(endpointProxy);
      assert.ok(endpointRequests > 0, 'alone, the endpoint serves the name');

      restoreEnvironment();
      api.tree.refresh();
      assert.deepEqual(await roots(), ['Environment credentials: environment']);
      assert.ok((await bucketsOf('environment')).includes(bucket));
      assert.equal(endpointProxy.requests.length, endpointRequests, 'the environment root lists, not the endpoint');

      await edits.append({
        credentials: `[environment]\naws_access_key_id = ${target.accessKeyId}\naws_secret_access_key = ${target.secretAccessKey}`,
        config: `[profile environment]\nregion = ${target.region}\nendpoint_url = ${profileProxy.url}`,
      });
      await waitFor('the profile to take the name', async () => ((await bucketsOf('environment')).includes(bucket) && profileProxy.requests.length > 0 ? true : undefined));
      assert.deepEqual(await roots(), ['Profile: environment']);
      assert.equal(endpointProxy.requests.length, endpointRequests, 'the endpoint still does not list');
    } finally {
      restoreEnvironment();
      api.tree.refresh();
      if (endpointAdded) {
        await withPrompts({ confirm: async () => undefined }, () => vscode.commands.executeCommand('s3Browser.removeEndpoint', 'environment'));
      }
    }
  });

  test('the environment root signs for AWS_REGION (not AWS_DEFAULT_REGION) and goes to AWS_ENDPOINT_URL_S3', async () => {
    const api = await extensionApi();
    const regions: string[] = [];
    const proxy = await startFeatureProxy(target.endpoint, (request) => {
      regions.push(signedRegion(request));
      return undefined;
    });
    proxies.push(proxy);
    // The registry reads the host's environment on every reload; the runner sets no region.
    const restoreEnvironment = setEnvironment({ AWS_REGION: 'eu-west-3', AWS_DEFAULT_REGION: 'ap-south-1', AWS_ENDPOINT_URL_S3: proxy.url });
    try {
      api.tree.refresh();
      assert.ok((await bucketsOf('environment')).includes(bucket));
      assert.ok(regions.length > 0, 'the listing went to AWS_ENDPOINT_URL_S3');
      assert.deepEqual([...new Set(regions)], ['eu-west-3']);
    } finally {
      restoreEnvironment();
      api.tree.refresh();
    }
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
