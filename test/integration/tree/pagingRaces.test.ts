import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { IndependentClient } from '../../support/independentClient';
import { answerByTitle, bucketNode, extensionApi, withPrompts } from '../extensionApi';

function ids(nodes: Array<{ getTreeItem(): vscode.TreeItem }>): string[] {
  return nodes.map((node) => node.getTreeItem().id ?? '');
}

suite('Explorer: paging races', () => {
  const client = new IndependentClient();
  let bucket: string;

  setup(async () => {
    bucket = await client.createBucket('race');
    await client.putMany(bucket, Array.from({ length: 25 }, (_, i) => `k-${String(i).padStart(2, '0')}.txt`));
    await vscode.workspace.getConfiguration('s3Browser').update('pageSize', 10, vscode.ConfigurationTarget.Global);
  });

  teardown(async () => {
    await vscode.workspace.getConfiguration('s3Browser').update('pageSize', undefined, vscode.ConfigurationTarget.Global);
    await client.deleteBucket(bucket);
  });

  suiteTeardown(() => client.dispose());

  test('a double click on "Load more…" loads the next page once (no duplicate ids), and it is hidden while loading', async () => {
    const api = await extensionApi();
    const node = await bucketNode(bucket);
    assert.equal((await api.tree.getChildren(node)).length, 11, '10 objects and "Load more…"');
    const isLoadMore = (child: { getTreeItem(): vscode.TreeItem }) => child.getTreeItem().contextValue === 's3Browser.loadMore';
    let settled = false;
    const both = Promise.all([
      vscode.commands.executeCommand('s3Browser.loadMore', node.address),
      vscode.commands.executeCommand('s3Browser.loadMore', node.address),
    ]).finally(() => (settled = true));
    // The page comes over the network; the tree answers at once: look until the load is seen or done.
    let hiddenWhileLoading = false;
    while (!settled && !hiddenWhileLoading) {
      hiddenWhileLoading = !(await api.tree.getChildren(node)).some(isLoadMore);
      await new Promise((resolve) => setImmediate(resolve));
    }
    await both;
    assert.ok(hiddenWhileLoading, '"Load more…" is hidden while loading');
    const after = await api.tree.getChildren(node);
    const objectIds = ids(after).filter((id) => id.includes('k-'));
    assert.equal(new Set(objectIds).size, objectIds.length, 'no duplicate ids');
    assert.equal(objectIds.length, 20, 'one page appended, not two copies of it');
  });

  test('a refresh during a page load drops that page instead of appending it to the fresh listing', async () => {
    const api = await extensionApi();
    const node = await bucketNode(bucket);
    await api.tree.getChildren(node);
    const loading = vscode.commands.executeCommand('s3Browser.loadMore', node.address);
    api.tree.refresh(node);
    await loading;
    const children = await api.tree.getChildren(node);
    const objectIds = ids(children).filter((id) => id.includes('k-'));
    assert.equal(new Set(objectIds).size, objectIds.length, 'no duplicate ids');
    assert.deepEqual(
      objectIds.map((id) => id.slice(id.lastIndexOf('\u0000') + 1)),
      Array.from({ length: 10 }, (_, i) => `k-${String(i).padStart(2, '0')}.txt`),
      'the fresh first page only',
    );
  });

  test('Go to S3 URI racing an expansion lists each page once', async () => {
    const api = await extensionApi();
    const node = await bucketNode(bucket);
    const expansion = api.tree.getChildren(node);
    const goTo = withPrompts({ ask: answerByTitle({ 'Go to S3 URI': `s3://${bucket}/k-24.txt` }) }, () => vscode.commands.executeCommand('s3Browser.goToS3Uri'));
    await Promise.all([expansion, goTo]);
    const objectIds = ids(await api.tree.getChildren(node)).filter((id) => id.includes('k-'));
    assert.equal(new Set(objectIds).size, objectIds.length, 'no duplicate ids');
    assert.equal(objectIds.length, 25);
  });
});
