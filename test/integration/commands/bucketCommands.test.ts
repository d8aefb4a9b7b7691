import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import type * as http from 'node:http';
import * as vscode from 'vscode';
import { s3ErrorXml, startFeatureProxy, type FeatureProxy } from '../../support/featureProxy';
import { IndependentClient, targetFromEnvironment } from '../../support/independentClient';
import { waitFor } from '../../support/waitFor';
import { addEndpointConnection, answerByTitle, bucketsOf, childNamed, endpointFormAnswers, extensionApi, label, pickByLabel, removeAllEndpoints, withPrompts } from '../extensionApi';

const target = targetFromEnvironment();

function uniqueName(label: string): string {
  return `s3b-${label}-${randomBytes(4).toString('hex')}`;
}

/** ListBuckets (GET /) denied, as for an identity without s3:ListAllMyBuckets. */
function isListBuckets(request: http.IncomingMessage): boolean {
  return request.method === 'GET' && (request.url === '/' || request.url?.startsWith('/?') === true);
}

/** CreateBucket: PUT on a bare bucket path. */
function isCreateBucket(request: http.IncomingMessage): boolean {
  return request.method === 'PUT' && /^\/[^/?]+\/?$/.test(request.url ?? '');
}

async function requestBody(request: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) {
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Runs Create Bucket on a connection with the name typed, and returns what the user was told. */
async function createBucketThroughCommand(connection: string, name: string): Promise<string[]> {
  return withPrompts({ ask: answerByTitle({ [`New bucket (${connection})`]: name }) }, async (record) => {
    await vscode.commands.executeCommand('s3Browser.createBucket', connection);
    return record.notified.map((notification) => `${notification.severity}: ${notification.message}`);
  });
}

suite('Bucket commands: create, add by name', () => {
  const client = new IndependentClient();
  const buckets: Array<{ owner: IndependentClient; name: string }> = [];
  const proxies: FeatureProxy[] = [];

  teardown(async () => {
    for (const { owner, name } of buckets.splice(0)) {
      await owner.deleteBucket(name);
    }
    for (const proxy of proxies.splice(0)) {
      await proxy.close();
    }
    await removeAllEndpoints();
  });

  suiteTeardown(() => client.dispose());

  test('Create Bucket with a name another account owns says another account has it, and changes nothing', async function () {
    if (!target.otherUser) {
      this.skip(); // needs a second identity on the server (the local Ceph has one)
    }
    const other = new IndependentClient(target, target.otherUser!);
    try {
      const name = await other.createBucket('taken');
      buckets.push({ owner: other, name });
      const told = await createBucketThroughCommand('default', name);
      assert.deepEqual(told, [`error: The bucket name "${name}" is already taken by another account: bucket names are global across the service of "default". Choose another name.`]);
      assert.ok(!(await bucketsOf('default')).includes(name), 'it did not become ours');
      assert.equal(await other.bucketExists(name), true);
    } finally {
      other.dispose();
    }
  });

  test('Create Bucket with a name you already own says you own it', async () => {
    const name = await client.createBucket('mine');
    buckets.push({ owner: client, name });
    await client.put(name, 'keep.txt', 'keep');
    const told = await createBucketThroughCommand('default', name);
    assert.deepEqual(told, [`error: You already own a bucket named "${name}" (default); it was not changed.`]);
    assert.deepEqual(await client.keys(name), ['keep.txt']);
  });

  test('Create Bucket by an identity that cannot list buckets, answered BucketAlreadyOwnedByYou (AWS\'s answer outside us-east-1, given by a proxy in front of the test server), says you own it', async () => {
    const name = uniqueName('owned');
    const proxy = await startFeatureProxy(target.endpoint, (request) => {
      if (isListBuckets(request)) {
        return { status: 403, body: s3ErrorXml('AccessDenied', 'Access Denied') };
      }
      return isCreateBucket(request) ? { status: 409, body: s3ErrorXml('BucketAlreadyOwnedByYou', 'Your previous request to create the named bucket succeeded and you already own it.') } : undefined;
    });
    proxies.push(proxy);
    await addEndpointConnection('owned-no-list', proxy.url);
    const told = await createBucketThroughCommand('owned-no-list', name);
    assert.deepEqual(told, [`error: You already own a bucket named "${name}" (owned-no-list); it was not changed.`]);
    assert.ok(proxy.injected.some((request) => request.startsWith(`PUT /${name}`)), `the server was asked: ${proxy.injected.join(', ')}`);
  });

  test('Create Bucket sends a LocationConstraint for eu-west-1 and none for us-east-1 (endpoint connections in those regions, in front of a proxy answering CreateBucket as AWS would, stand in for AWS)', async () => {
    const bodies = new Map<string, string>();
    const proxy = await startFeatureProxy(target.endpoint, async (request) => {
      if (!isCreateBucket(request)) {
        return undefined;
      }
      bodies.set(request.url!.replace(/^\/|\/$/g, ''), await requestBody(request));
      return { status: 200, body: '', headers: { location: request.url! } };
    });
    proxies.push(proxy);
    const regional = uniqueName('eu');
    const classic = uniqueName('us');
    for (const [connection, region, name] of [['eu-proxy', 'eu-west-1', regional], ['us-proxy', 'us-east-1', classic]]) {
      const fields = { name: connection, url: proxy.url, region, accessKeyId: target.accessKeyId, secretAccessKey: target.secretAccessKey };
      await withPrompts(endpointFormAnswers(fields), () => vscode.commands.executeCommand('s3Browser.addEndpoint'));
      assert.deepEqual(await createBucketThroughCommand(connection, name), [], `${connection} created its bucket`);
    }
    assert.match(bodies.get(regional) ?? '', /<CreateBucketConfiguration[^>]*>\s*<LocationConstraint>eu-west-1<\/LocationConstraint>\s*<\/CreateBucketConfiguration>/);
    assert.equal(bodies.get(classic), '', 'us-east-1 sends no CreateBucketConfiguration');
  });

  test('Create Bucket on an AWS profile asks for the region, the profile\'s own first, and creates in the one picked (stopped before the request: no AWS here)', async () => {
    const configFile = process.env.AWS_CONFIG_FILE!;
    const credentialsFile = process.env.AWS_SHARED_CREDENTIALS_FILE!;
    const saved = await Promise.all([fs.readFile(configFile, 'utf8'), fs.readFile(credentialsFile, 'utf8')]);
    const api = await extensionApi();
    try {
      await fs.appendFile(configFile, '\n[profile aws-mumbai]\nregion = ap-south-1\n');
      await fs.appendFile(credentialsFile, `\n[aws-mumbai]\naws_access_key_id = ${target.accessKeyId}\naws_secret_access_key = ${target.secretAccessKey}\n`);
      api.tree.refresh();
      await waitFor('the AWS profile', async () => ((await api.tree.getChildren(undefined)).some((node) => label(node) === 'aws-mumbai') ? true : undefined));
      const name = uniqueName('picked');
      let offered: string[] = [];
      const pick = pickByLabel({ [`Region of bucket "${name}"`]: 'eu-west-1' });
      const started = await withPrompts(
        {
          ask: answerByTitle({ 'New bucket (aws-mumbai)': name }),
          pick: async (items, options) => {
            offered = items.map((item) => item.label);
            return pick(items, options);
          },
          // Where the bucket would be created is decided here; sending it would need AWS.
          withProgress: async () => {
            throw new vscode.CancellationError();
          },
        },
        async (record) => {
          await vscode.commands.executeCommand('s3Browser.createBucket', 'aws-mumbai');
          return record.progress;
        },
      );
      assert.equal(offered[0], 'ap-south-1', 'the profile\'s region comes first');
      assert.ok(offered.includes('us-east-1') && offered.includes('eu-west-1'), 'every region is offered');
      assert.deepEqual(started, [`Creating bucket "${name}" in eu-west-1…`]);
    } finally {
      await fs.writeFile(configFile, saved[0]);
      await fs.writeFile(credentialsFile, saved[1]);
      api.tree.refresh();
    }
  });

  test('Add Bucket by Name for a bucket that does not exist names it in the error and remembers nothing, for an identity that cannot list buckets', async () => {
    const proxy = await startFeatureProxy(target.endpoint, (request) => (isListBuckets(request) ? { status: 403, body: s3ErrorXml('AccessDenied', 'Access Denied') } : undefined));
    proxies.push(proxy);
    await addEndpointConnection('no-list', proxy.url);
    const api = await extensionApi();
    const rootChildren = async () => {
      api.tree.refresh();
      return (await api.tree.getChildren(await childNamed(api, undefined, 'no-list'))).map(label);
    };
    const before = await rootChildren();
    assert.equal(before.length, 1);
    assert.match(before[0], /Access denied/);
    const settingsBefore = vscode.workspace.getConfiguration('s3Browser').inspect('endpoints')?.globalValue;

    const name = uniqueName('missing');
    const told = await withPrompts({ ask: answerByTitle({ 'Bucket name (no-list)': name }) }, async (record) => {
      await vscode.commands.executeCommand('s3Browser.addBucketByName', 'no-list');
      return record.notified;
    });
    assert.equal(told.length, 1);
    assert.equal(told[0].severity, 'error');
    assert.equal(told[0].message, `bucket "${name}" (no-list) does not exist.`);

    // Had the name been remembered, the bucket would show under the root now that it exists.
    await client.createNamedBucket(name);
    buckets.push({ owner: client, name });
    assert.deepEqual(await rootChildren(), before, 'nothing was remembered');
    assert.deepEqual(vscode.workspace.getConfiguration('s3Browser').inspect('endpoints')?.globalValue, settingsBefore, 'settings unchanged');
  });
});
