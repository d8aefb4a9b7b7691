import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { startFeatureProxy, type FeatureProxy } from '../../support/featureProxy';
import { IndependentClient, targetFromEnvironment } from '../../support/independentClient';
import { addEndpointConnection, answerByTitle, bucketNode, childNamed, extensionApi, removeAllEndpoints, withPrompts } from '../extensionApi';

const target = targetFromEnvironment();

function ids(nodes: Array<{ getTreeItem(): vscode.TreeItem }>): string[] {
  return nodes.map((node) => node.getTreeItem().id ?? '');
}

/** A listing request held at the proxy: `arrived` once it is in flight, answered after `release()`. */
interface HeldRequest {
  arrived: Promise<void>;
  release(): void;
}

// The racing action happens while a listing is held in flight at a proxy, so each race is the same
// on every run instead of depending on timing.
suite('Explorer: paging races', () => {
  const client = new IndependentClient();
  let bucket: string;
  let proxy: FeatureProxy;
  let held: { matches: (url: string) => boolean; arrived: () => void; released: Promise<void> } | undefined;

  /** Holds the next listing whose URL passes `matches`. */
  const holdNext = (matches: (url: string) => boolean): HeldRequest => {
    let arrived!: () => void;
    let release!: () => void;
    const arrival = new Promise<void>((resolve) => (arrived = resolve));
    held = { matches, arrived, released: new Promise<void>((resolve) => (release = resolve)) };
    return { arrived: arrival, release };
  };
  const listings = () => proxy.requests.filter((request) => request.startsWith(`GET /${bucket}`) && request.includes('list-type=2'));

  setup(async () => {
    bucket = await client.createBucket('race');
    await client.putMany(bucket, Array.from({ length: 25 }, (_, i) => `k-${String(i).padStart(2, '0')}.txt`));
    await vscode.workspace.getConfiguration('s3Browser').update('pageSize', 10, vscode.ConfigurationTarget.Global);
    proxy = await startFeatureProxy(target.endpoint, async (request) => {
      const hold = held;
      if (hold && request.method === 'GET' && hold.matches(request.url ?? '')) {
        held = undefined;
        hold.arrived();
        await hold.released;
      }
      return undefined;
    });
    await addEndpointConnection('gated', proxy.url);
  });

  teardown(async () => {
    const configuration = vscode.workspace.getConfiguration('s3Browser');
    await configuration.update('pageSize', undefined, vscode.ConfigurationTarget.Global);
    await removeAllEndpoints();
    await proxy.close();
    await client.deleteBucket(bucket);
  });

  suiteTeardown(() => client.dispose());

  test('a double click on "Load more…" loads the next page once (no duplicate ids), and it is hidden while loading', async () => {
    const api = await extensionApi();
    const node = await bucketNode(bucket, 'gated');
    assert.equal((await api.tree.getChildren(node)).length, 11, '10 objects and "Load more…"');
    const nextPage = holdNext((url) => url.includes('continuation-token'));
    const first = vscode.commands.executeCommand('s3Browser.loadMore', node.address);
    const second = vscode.commands.executeCommand('s3Browser.loadMore', node.address);
    await nextPage.arrived;
    const during = await api.tree.getChildren(node);
    assert.equal(during.length, 10, 'the first page, while the second loads');
    assert.ok(!during.some((child) => child.getTreeItem().contextValue === 's3Browser.loadMore'), '"Load more…" is hidden while loading');
    nextPage.release();
    await Promise.all([first, second]);
    const objectIds = ids(await api.tree.getChildren(node)).filter((id) => id.includes('k-'));
    assert.equal(new Set(objectIds).size, objectIds.length, 'no duplicate ids');
    assert.equal(objectIds.length, 20, 'one page appended, not two copies of it');
    assert.equal(listings().filter((request) => request.includes('continuation-token')).length, 1, 'the second page was requested once');
  });

  test('a refresh during a page load drops that page instead of appending it to the fresh listing', async () => {
    const api = await extensionApi();
    const node = await bucketNode(bucket, 'gated');
    await api.tree.getChildren(node);
    const nextPage = holdNext((url) => url.includes('continuation-token'));
    const loading = vscode.commands.executeCommand('s3Browser.loadMore', node.address);
    await nextPage.arrived;
    api.tree.refresh(node);
    const fresh = api.tree.getChildren(node);
    nextPage.release();
    await loading;
    await fresh;
    const objectIds = ids(await api.tree.getChildren(node)).filter((id) => id.includes('k-'));
    assert.equal(new Set(objectIds).size, objectIds.length, 'no duplicate ids');
    assert.deepEqual(
      objectIds.map((id) => id.slice(id.lastIndexOf('\u0000') + 1)),
      Array.from({ length: 10 }, (_, i) => `k-${String(i).padStart(2, '0')}.txt`),
      'the fresh first page only',
    );
  });

  test('Go to S3 URI racing an expansion lists each page once', async () => {
    const api = await extensionApi();
    const node = await bucketNode(bucket, 'gated');
    const firstPage = holdNext((url) => !url.includes('continuation-token') && url.includes('list-type=2'));
    const expansion = api.tree.getChildren(node);
    await firstPage.arrived;
    // The endpoint's own URL form, so only this connection serves it (s3:// tries "default" first).
    const goTo = withPrompts({ ask: answerByTitle({ 'Go to S3 URI': `${proxy.url}/${bucket}/k-24.txt` }) }, () => vscode.commands.executeCommand('s3Browser.goToS3Uri'));
    firstPage.release();
    await Promise.all([expansion, goTo]);
    const objectIds = ids(await api.tree.getChildren(node)).filter((id) => id.includes('k-'));
    assert.equal(new Set(objectIds).size, objectIds.length, 'no duplicate ids');
    assert.equal(objectIds.length, 25);
    assert.equal(listings().length, 3, `each of the 3 pages listed once: ${listings().join('\n')}`);
  });

  test('two expansions of a connection at once share one ListBuckets and the same bucket nodes; a refresh during it lists afresh, and both callers get the fresh nodes', async () => {
    const api = await extensionApi();
    const root = await childNamed(api, undefined, 'gated');
    const bucketLists = () => proxy.requests.filter((request) => /^GET \/(\?|$| )/.test(request)).length;
    const before = bucketLists();
    api.tree.refresh(root);
    let listing = holdNext((url) => url === '/' || url.startsWith('/?'));
    const view = api.tree.getChildren(root);
    const command = api.tree.getChildren(root);
    await listing.arrived;
    listing.release();
    const [shown, found] = await Promise.all([view, command]);
    const shownNode = shown.find((node) => node.getTreeItem().label === bucket);
    assert.ok(shownNode, 'the bucket is listed');
    assert.equal(found.find((node) => node.getTreeItem().label === bucket), shownNode, 'one node per bucket, not one per caller');
    assert.equal(await api.tree.findNode('gated', bucket, '', false), shownNode, 'a refresh after an upload finds the node the view shows');
    assert.equal(bucketLists() - before, 1, 'one ListBuckets for both');

    api.tree.refresh(root);
    listing = holdNext((url) => url === '/' || url.startsWith('/?'));
    const stale = api.tree.getChildren(root);
    await listing.arrived;
    api.tree.refresh(root);
    const fresh = api.tree.getChildren(root);
    listing.release();
    const [late, current] = await Promise.all([stale, fresh]);
    const currentNode = current.find((node) => node.getTreeItem().label === bucket);
    assert.notEqual(currentNode, shownNode, 'the refresh made new nodes');
    assert.equal(late.find((node) => node.getTreeItem().label === bucket), currentNode, 'the listing that was overtaken returns the fresh nodes');
    assert.equal(await api.tree.findNode('gated', bucket, '', false), currentNode);
    assert.equal(bucketLists() - before, 3, 'the overtaken listing is not stored; the fresh one is');
  });
});
