import * as vscode from 'vscode';
import { FolderListing } from '../../tree/nodes/folderListing';
import type { NodeAddress } from '../../tree/nodes/s3Node';
import type { S3TreeDataProvider } from '../../tree/s3TreeDataProvider';

/** `s3Browser.loadMore`: tree-only, run by the "Load more…" node of a listing. */
export async function loadMore(tree: S3TreeDataProvider, target: unknown): Promise<void> {
  const node = target instanceof FolderListing ? target : await tree.nodeAt(target as NodeAddress);
  if (!(node instanceof FolderListing)) {
    throw new Error(vscode.l10n.t('Load more works on a bucket or folder in the S3 explorer.'));
  }
  await vscode.window.withProgress({ location: { viewId: 's3Explorer' }, title: vscode.l10n.t('Loading more keys…') }, () => tree.loadMore(node));
}
