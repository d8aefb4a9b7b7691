import * as vscode from 'vscode';
import type { FolderListing } from './folderListing';
import type { S3Node } from './s3Node';

/** The explicit "Load more…" child of a listing with a continuation token. */
export class LoadMoreNode implements S3Node {
  static readonly contextValue = 's3Browser.loadMore';

  constructor(readonly parent: FolderListing) {}

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(vscode.l10n.t('Load more…'), vscode.TreeItemCollapsibleState.None);
    item.contextValue = LoadMoreNode.contextValue;
    item.iconPath = new vscode.ThemeIcon('more');
    item.command = { command: 's3Browser.loadMore', title: vscode.l10n.t('Load more'), arguments: [this.parent.address] };
    return item;
  }
}
