import * as vscode from 'vscode';
import type { BucketSummary } from '../../s3/types';
import { contextValue } from './contextValue';
import { FolderListing, type ListingContext } from './folderListing';
import { FolderNode } from './folderNode';
import type { S3Node } from './s3Node';

export class BucketNode extends FolderListing {
  static readonly contextValue = 's3Browser.bucket';

  constructor(
    parent: S3Node,
    context: ListingContext,
    readonly summary: BucketSummary,
    /** Added by name rather than listed by ListBuckets. */
    readonly pinned: boolean,
  ) {
    super(parent, context, summary.name, '');
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.bucket, vscode.TreeItemCollapsibleState.Collapsed);
    item.contextValue = contextValue(BucketNode.contextValue, { pinned: this.pinned, filtered: this.filter !== '' });
    item.description = this.filterDescription();
    item.iconPath = new vscode.ThemeIcon(this.pinned ? 'pinned' : 'database');
    item.tooltip = [
      this.bucket,
      this.summary.region ? `Region: ${this.summary.region}` : undefined,
      this.summary.creationDate ? `Created ${this.summary.creationDate.toISOString()}` : undefined,
      this.pinned ? 'Added by name' : undefined,
    ]
      .filter(Boolean)
      .join('\n');
    item.id = `${this.context.connection.settings.connectionName}\u0000${this.bucket}`;
    return item;
  }

  protected createFolderNode(prefix: string): FolderListing {
    return new FolderNode(this, this.context, this.bucket, prefix);
  }
}
