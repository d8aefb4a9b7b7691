// Runs inside the VS Code extension host (loaded like a test suite by the benchmark runner):
// times the tree's first page on a 100,000-key prefix and a full page-by-page listing of a
// 10,000-key prefix, and reads the extension host's own memory as pages are shown.
import { promises as fs } from 'node:fs';
import * as vscode from 'vscode';
import type { S3BrowserApi } from '../../src/extension';
import type { S3Node } from '../../src/tree/nodes/s3Node';

export interface HostBenchmarkResult {
  firstPageMs: number;
  firstPageItems: number;
  rssMb: { before: number; afterFirstPage: number; afterTenPages: number };
  heapMb: { before: number; afterFirstPage: number; afterTenPages: number };
  tenKeysListing: { ms: number; keys: number; pages: number };
}

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

function label(node: S3Node): string {
  const item = node.getTreeItem();
  return typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
}

async function child(api: S3BrowserApi, parent: S3Node | undefined, name: string): Promise<S3Node> {
  const found = (await api.tree.getChildren(parent)).find((node) => label(node) === name);
  if (!found) {
    throw new Error(`No "${name}" in the tree`);
  }
  return found;
}

function memory(): { rss: number; heap: number } {
  global.gc?.();
  const usage = process.memoryUsage();
  return { rss: mb(usage.rss), heap: mb(usage.heapUsed) };
}

export async function run(): Promise<void> {
  const bucket = process.env.S3B_BENCH_BUCKET!;
  const api = (await vscode.extensions.getExtension<S3BrowserApi>('s3-browser-dev.s3-browser')!.activate()) as S3BrowserApi;
  const bucketNode = await child(api, await child(api, undefined, 'default'), bucket);
  const huge = await child(api, bucketNode, 'huge');
  const tenk = await child(api, bucketNode, 'tenk');
  const before = memory();

  let started = performance.now();
  const firstPage = await api.tree.getChildren(huge);
  const firstPageMs = performance.now() - started;
  const afterFirstPage = memory();
  for (let page = 1; page < 10; page++) {
    await vscode.commands.executeCommand('s3Browser.loadMore', huge);
  }
  await api.tree.getChildren(huge);
  const afterTenPages = memory();

  started = performance.now();
  let pages = 1;
  let children = await api.tree.getChildren(tenk);
  while (children.some((node) => node.getTreeItem().contextValue === 's3Browser.loadMore')) {
    await vscode.commands.executeCommand('s3Browser.loadMore', tenk);
    children = await api.tree.getChildren(tenk);
    pages++;
  }
  const tenMs = performance.now() - started;

  const result: HostBenchmarkResult = {
    firstPageMs: Math.round(firstPageMs),
    firstPageItems: firstPage.length,
    rssMb: { before: before.rss, afterFirstPage: afterFirstPage.rss, afterTenPages: afterTenPages.rss },
    heapMb: { before: before.heap, afterFirstPage: afterFirstPage.heap, afterTenPages: afterTenPages.heap },
    tenKeysListing: { ms: Math.round(tenMs), keys: children.filter((node) => node.getTreeItem().contextValue === 's3Browser.object').length, pages },
  };
  await fs.writeFile(process.env.S3B_RESULTS_FILE!, JSON.stringify(result));
}
