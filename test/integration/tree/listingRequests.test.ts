import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { s3ErrorXml, startFeatureProxy, type FeatureProxy, type ProxyAnswer } from '../../support/featureProxy';
import { IndependentClient, targetFromEnvironment } from '../../support/independentClient';
import { waitFor } from '../../support/waitFor';
import { addEndpointConnection, bucketNode, extensionApi, label, removeAllEndpoints } from '../extensionApi';

const target = targetFromEnvironment();

// What the explorer asks the server, counted at a proxy in front of the real one: region lookups,
// retries from an error node, and no listing again on collapse/expand.
suite('Explorer: requests behind the tree (region discovery, retry, collapse/expand)', () => {
  const client = new IndependentClient();
  let bucket: string;
  let proxy: FeatureProxy | undefined;

  /** An endpoint connection named `name` whose requests pass `answer` on the way to the real server. */
  const connectionThroughProxy = async (name: string, answer?: ProxyAnswer) => {
    proxy = await startFeatureProxy(target.endpoint, answer);
    await addEndpointConnection(name, proxy.url);
    return proxy;
  };
  /** "/bucket", "/bucket/" and "/bucket?…" all address the bucket itself (path-style). */
  const isBucketPath = (url = '') => /^\/[^/?]+\/?(\?|$)/.test(url) && url.startsWith(`/${bucket}`);
  const listings = (seen: FeatureProxy) => seen.requests.filter((request) => request.startsWith('GET ') && isBucketPath(request.slice(4)) && /list-type=2/.test(request)).length;

  setup(async () => {
    bucket = await client.createBucket('requests');
    await client.putMany(bucket, ['hello.txt', 'docs/a.md']);
  });

  teardown(async () => {
    await removeAllEndpoints();
    await proxy?.close();
    proxy = undefined;
    await client.deleteBucket(bucket);
  });

  suiteTeardown(() => client.dispose());

  test('a bucket whose HeadBucket answers 301 with x-amz-bucket-region is listed signed for that region, looked up once per connection', async () => {
    const scopes: string[] = [];
    const seen = await connectionThroughProxy('regional', (request) => {
      if (request.method === 'HEAD' && isBucketPath(request.url)) {
        // As AWS answers for a bucket in another region than the one the request was signed for.
        return { status: 301, body: '', headers: { 'x-amz-bucket-region': 'ap-south-1' } };
      }
      if (isBucketPath(request.url)) {
        scopes.push(/Credential=[^/]+\/\d+\/([^/]+)\/s3\//.exec(String(request.headers.authorization))?.[1] ?? 'unsigned');
      }
      return undefined;
    });
    const api = await extensionApi();
    const node = await bucketNode(bucket, 'regional');
    assert.deepEqual((await api.tree.getChildren(node)).map(label), ['docs', 'hello.txt']);
    api.tree.refresh(node);
    assert.deepEqual((await api.tree.getChildren(node)).map(label), ['docs', 'hello.txt']);
    assert.equal(seen.injected.filter((request) => request.startsWith('HEAD')).length, 1, 'the region is looked up once and cached');
    assert.ok(scopes.length >= 2, `listings went through the proxy: ${scopes.join()}`);
    assert.deepEqual([...new Set(scopes)], ['ap-south-1'], 'every request to the bucket is signed for its own region');
  });

  test('an error node retries its listing when clicked, and then shows the listing', async () => {
    let failing = true;
    const seen = await connectionThroughProxy('flaky', (request) => (failing && request.method === 'GET' && isBucketPath(request.url) ? { status: 403, body: s3ErrorXml('AccessDenied', 'Access Denied') } : undefined));
    const api = await extensionApi();
    const node = await bucketNode(bucket, 'flaky');
    const [error] = await api.tree.getChildren(node);
    const item = error.getTreeItem();
    assert.equal(item.contextValue, 's3Browser.error');
    assert.match(label(error), /Access denied/i);
    assert.ok(item.command, 'the error node has a click command');
    failing = false;
    const before = listings(seen);
    await vscode.commands.executeCommand(item.command.command, ...(item.command.arguments ?? []));
    const children = await waitFor('the listing after the retry', async () => {
      const labels = (await api.tree.getChildren(node)).map(label);
      return labels.includes('hello.txt') ? labels : undefined;
    });
    assert.deepEqual(children, ['docs', 'hello.txt']);
    assert.equal(listings(seen), before + 1, 'the click listed the bucket again, once');
  });

  test('collapsing and expanding a listed bucket or folder does not list it again; a refresh does', async () => {
    const seen = await connectionThroughProxy('counted');
    const api = await extensionApi();
    const node = await bucketNode(bucket, 'counted');
    await api.treeView.reveal(node, { expand: true });
    const docs = await waitFor('the listing', async () => (await api.tree.getChildren(node)).find((child) => label(child) === 'docs'));
    await api.treeView.reveal(docs, { expand: true });
    await waitFor('the folder listing', async () => ((await api.tree.getChildren(docs)).map(label).includes('a.md') ? true : undefined));
    const afterFirst = listings(seen);
    assert.equal(afterFirst, 2, `one listing for the bucket, one for the folder: ${seen.requests.join('\n')}`);
    for (let round = 0; round < 3; round++) {
      await vscode.commands.executeCommand('workbench.actions.treeView.s3Explorer.collapseAll');
      await api.treeView.reveal(docs, { expand: true });
      await api.tree.getChildren(node);
      await api.tree.getChildren(docs);
    }
    assert.equal(listings(seen), afterFirst, 'collapse and expand reuse the loaded pages');
    api.tree.refresh(docs);
    await api.tree.getChildren(docs);
    assert.equal(listings(seen), afterFirst + 1, 'a refresh of the folder lists it (only it) again');
  });
});
