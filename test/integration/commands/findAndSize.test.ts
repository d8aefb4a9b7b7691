import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Prompts } from '../../../src/ui/prompts';
import { s3ErrorXml, startFeatureProxy } from '../../support/featureProxy';
import { IndependentClient, targetFromEnvironment } from '../../support/independentClient';
import { waitFor } from '../../support/waitFor';
import { addEndpointConnection, answerByTitle, bucketNode, extensionApi, label, notifications, removeAllEndpoints, treeSettled, withPrompts } from '../extensionApi';

interface Found {
  labels: string[];
  titles: string[];
}

/** Runs Find in Bucket on `node` for `pattern`; returns what the streaming pick showed, and accepts the item `accept` (by label) if given. */
async function find(node: unknown, pattern: string, accept?: string): Promise<Found> {
  const found: Found = { labels: [], titles: [] };
  const pickStreaming: Prompts['pickStreaming'] = async (_options, fill) => {
    let shown: readonly vscode.QuickPickItem[] = [];
    await fill((items, title) => {
      shown = items;
      found.titles.push(title);
    }, new AbortController().signal);
    found.labels = shown.map((item) => item.label);
    const item = shown.find((candidate) => candidate.label === accept);
    if (!item) {
      throw new vscode.CancellationError();
    }
    return { item: item as never };
  };
  await withPrompts({ ask: answerByTitle({ 'Find in ': pattern }), pickStreaming }, () => vscode.commands.executeCommand('s3Browser.findInBucket', node));
  return found;
}

suite('Find in Bucket and Show Size: parallel listings of a whole bucket or folder', () => {
  const client = new IndependentClient();
  let bucket: string;

  setup(async () => {
    bucket = await client.createBucket('find');
  });

  teardown(async () => {
    await vscode.workspace.getConfiguration('s3Browser').update('pageSize', undefined, vscode.ConfigurationTarget.Global);
    await client.deleteBucket(bucket);
  });

  suiteTeardown(() => client.dispose());

  test('substring, glob and regex over 1,500 keys in several prefixes and a flat run: every match, counted and listed', async () => {
    const keys = [
      ...Array.from({ length: 400 }, (_, i) => `reports/2024/report-${String(i).padStart(3, '0')}.csv`),
      ...Array.from({ length: 300 }, (_, i) => `logs/app-${i}.log`),
      ...Array.from({ length: 800 }, (_, i) => `flat-${String(i).padStart(4, '0')}.json`),
      'archive/Report-2024-03.CSV',
      'odd/report + % # ?.csv',
    ];
    await client.putMany(bucket, keys);
    const node = await bucketNode(bucket);
    const substring = await find(node, 'REPORT-2024');
    assert.deepEqual(substring.labels, ['archive/Report-2024-03.CSV']);
    assert.match(substring.titles.at(-1) ?? '', /^1 matched of 1,502 keys in s3:\/\/.+\/$/);
    const glob = await find(node, '**/report-*.csv');
    assert.equal(glob.labels.length, 400, 'the 400 reports, in any folder');
    assert.deepEqual((await find(node, '*#*')).labels, ['odd/report + % # ?.csv'], 'a glob without "/" matches names; "#" and "?" in a key are plain characters');
    const regex = await find(node, '/^flat-0(00|79)\\d\\.json$/');
    assert.deepEqual(regex.labels, [...Array.from({ length: 10 }, (_, i) => `flat-000${i}.json`), ...Array.from({ length: 10 }, (_, i) => `flat-079${i}.json`)]);
  });

  test('from a folder only its keys are searched; the picked result is revealed in the tree, found on page 3 of its folder', async () => {
    await vscode.workspace.getConfiguration('s3Browser').update('pageSize', 4, vscode.ConfigurationTarget.Global);
    await client.putMany(bucket, [...Array.from({ length: 11 }, (_, i) => `docs/file-${String(i).padStart(2, '0')}.txt`), 'docs-old/file-10.txt', 'other/file-10.txt']);
    const api = await extensionApi();
    await bucketNode(bucket);
    await treeSettled();
    const docs = (await api.tree.getChildren(await bucketNode(bucket))).find((child) => label(child) === 'docs');
    assert.ok(docs);
    const found = await find(docs, 'file-10', 'file-10.txt');
    assert.deepEqual(found.labels, ['file-10.txt'], 'not docs-old/ nor other/');
    const selected = await waitFor('the revealed result', async () => (api.treeView.selection[0] && label(api.treeView.selection[0]) === 'file-10.txt' ? api.treeView.selection[0] : undefined));
    assert.equal(label(selected.parent!), 'docs');
  });

  test('Show Size equals an independent listing — objects, bytes, noncurrent versions and delete markers — and the node shows it until refreshed', async () => {
    await client.enableVersioning(bucket);
    await client.putMany(bucket, Array.from({ length: 1200 }, (_, i) => `data/${i % 5}/k-${i}`));
    await client.put(bucket, 'data/0/k-0', 'a longer second version');
    await client.deleteObject(bucket, 'data/1/k-1');
    await client.put(bucket, 'elsewhere.txt', 'not counted');
    const keys = await client.keys(bucket, 'data/');
    let bytes = 0;
    for (const key of keys) {
      bytes += key === 'data/0/k-0' ? 'a longer second version'.length : key.length;
    }
    const node = (await (await extensionApi()).tree.getChildren(await bucketNode(bucket))).find((child) => label(child) === 'data');
    assert.ok(node);
    const { notified } = await withPrompts({}, async (record) => {
      await vscode.commands.executeCommand('s3Browser.showSize', node);
      return record;
    });
    const noncurrentBytes = 'data/0/k-0'.length + 'data/1/k-1'.length;
    assert.equal(keys.length, 1199);
    assert.deepEqual(notified.map((notification) => notification.message), [
      `s3://${bucket}/data/ holds ${(bytes / 1000).toFixed(1)} KB in 1,199 objects; history: 2 noncurrent versions (${noncurrentBytes} B), 1 delete marker.`,
    ]);
    const item = node.getTreeItem();
    assert.equal(item.description, `${(bytes / 1000).toFixed(1)} KB in 1,199 objects`);
    assert.match(String(item.tooltip), new RegExp(`Size: .* \\(${bytes.toLocaleString('en')} bytes\\) in 1,199 objects\\nSTANDARD: .*\\nNoncurrent versions: 2 \\(${noncurrentBytes} B\\)\\nDelete markers: 1`));
    (await extensionApi()).tree.refresh(node);
    assert.equal(node.getTreeItem().description, undefined, 'gone after a refresh');
  });

  test('an identity that cannot list the bucket: Find and Show Size each end in one error naming the bucket and the denial, and count nothing', async () => {
    await client.putMany(bucket, ['a/report.csv', 'b/report.csv']);
    // A proxy answers every object listing with 403 AccessDenied, as for an identity without s3:ListBucket.
    const proxy = await startFeatureProxy(targetFromEnvironment().endpoint, (request) =>
      request.method === 'GET' && /^\/[^/?]+\/?\?/.test(request.url ?? '') && /list-type=2|versions/.test(request.url ?? '') ? { status: 403, body: s3ErrorXml('AccessDenied', 'Access Denied') } : undefined,
    );
    try {
      await addEndpointConnection('find-denied', proxy.url);
      const node = await bucketNode(bucket, 'find-denied');
      let shown = 0;
      const pickStreaming: Prompts['pickStreaming'] = async (_options, fill) => {
        await fill((items) => (shown = items.length), new AbortController().signal);
        throw new vscode.CancellationError();
      };
      const found = await withPrompts({ ask: answerByTitle({ 'Find in ': 'report' }), pickStreaming }, async (record) => {
        await vscode.commands.executeCommand('s3Browser.findInBucket', node);
        return record;
      });
      const sized = await withPrompts({}, async (record) => {
        await vscode.commands.executeCommand('s3Browser.showSize', node);
        return record;
      });
      for (const record of [found, sized]) {
        assert.equal(record.notified.length, 1, notifications(record).join('\n'));
        assert.match(notifications(record)[0], new RegExp(`^error: .*Access denied to s3://${bucket}.*Check the IAM policy or bucket policy`));
      }
      assert.equal(shown, 0, 'no result listed');
      assert.equal(node.getTreeItem().description, undefined, 'no size shown on the node');
    } finally {
      await removeAllEndpoints();
      await proxy.close();
    }
  });
});
