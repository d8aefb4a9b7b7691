import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { S3Node } from '../../../src/tree/nodes/s3Node';
import { startFeatureProxy, type FeatureProxy } from '../../support/featureProxy';
import { IndependentClient, targetFromEnvironment } from '../../support/independentClient';
import { waitFor } from '../../support/waitFor';
import { addEndpointConnection, answerByTitle, extensionApi, label, removeAllEndpoints, withPrompts } from '../extensionApi';

const target = targetFromEnvironment();

function rootOf(node: S3Node): S3Node {
  return node.parent ? rootOf(node.parent) : node;
}

/** Runs Go to S3 URI with `text` typed and returns the node it newly selected. */
async function goTo(text: string, expectedLabel: string): Promise<S3Node> {
  const api = await extensionApi();
  const before = api.treeView.selection[0];
  await withPrompts({ ask: answerByTitle({ 'Go to S3 URI': text }) }, () => vscode.commands.executeCommand('s3Browser.goToS3Uri'));
  return waitFor(`the selection of ${text}`, async () => {
    const [selected] = api.treeView.selection;
    return selected && selected !== before && label(selected) === expectedLabel ? selected : undefined;
  });
}

suite('Navigation commands: Go to S3 URI', () => {
  const client = new IndependentClient();
  let bucket: string;
  let proxy: FeatureProxy;

  setup(async () => {
    bucket = await client.createBucket('goto');
    await client.put(bucket, 'dir/target.txt', 'here');
    proxy = await startFeatureProxy(target.endpoint);
  });

  teardown(async () => {
    await removeAllEndpoints();
    await proxy.close();
    await client.deleteBucket(bucket);
  });

  suiteTeardown(() => client.dispose());

  test('an endpoint\'s path-style URL goes to the connection with that endpoint\'s origin, among connections on other origins of the same server', async () => {
    // Two origins (ports) in front of one server: every connection lists the bucket, only the origin tells them apart.
    await addEndpointConnection('via-proxy', proxy.url);
    await addEndpointConnection('direct', target.endpoint);

    const throughProxy = await goTo(`${proxy.url}/${bucket}/dir/target.txt`, 'target.txt');
    assert.equal(label(rootOf(throughProxy)), 'via-proxy', 'the proxy\'s URL is served by the connection on the proxy, not by the default one first');
    assert.equal(label(throughProxy.parent!), 'dir');
    const proxyRequests = proxy.requests.length;
    assert.ok(proxy.requests.some((request) => request.startsWith(`GET /${bucket}`)), 'the proxy connection listed the bucket');

    const direct = await goTo(`${target.endpoint}/${bucket}/dir/target.txt`, 'target.txt');
    const directRoot = label(rootOf(direct));
    assert.notEqual(directRoot, 'via-proxy');
    assert.equal(directRoot, 'default', 'among the connections on the server\'s own origin, the default one comes first');
    assert.equal(proxy.requests.length, proxyRequests, 'nothing went through the proxy');
  });
});
