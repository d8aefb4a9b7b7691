import * as vscode from 'vscode';
import type { BucketSummary } from '../../s3/types';
import { FolderListing, type ListingContext } from './folderListing';
import { FolderNode } from './folderNode';
import type { S3Node } from './s3Node';

export class BucketNode extends FolderListing {
  static readonly contextValue = 's3Browser.bucket';

  constructor(parent: S3Node, context: ListingContext, readonly summary: BucketSummary) {
    super(parent, context, summary.name, '');
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.bucket, vscode.TreeItemCollapsibleState.Collapsed);
    item.contextValue = BucketNode.contextValue;
    item.iconPath = new vscode.ThemeIcon('database');
    item.tooltip = this.summary.creationDate ? `${this.bucket}\nCreated ${this.summary.creationDate.toISOString()}` : this.bucket;
    item.id = `${this.context.connection.settings.id}\u0000${this.bucket}`;
    return item;
  }

  protected createFolderNode(prefix: string): S3Node {
    return new FolderNode(this, this.context, this.bucket, prefix);
  }
}
