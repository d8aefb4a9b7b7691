import * as vscode from 'vscode';
import type { BucketSummary } from '../../s3/types';
import { FolderListing, type ListingContext } from './folderListing';
import { FolderNode } from './folderNode';
import type { S3Node } from './s3Node';

export class BucketNode extends FolderListing {
  static readonly contextValue = 's3Browser.bucket';
  static readonly pinnedContextValue = 's3Browser.pinnedBucket';

  constructor(
    parent: S3Node,
    context: ListingContext,
    readonly summary: BucketSummary,
    /** Added by name rather than listed by ListBuckets. */
    readonly pinned: boolean,
  ) {
    super(parent, context, summary.name, '');
  }

  get connectionName(): string {
    return this.context.connection.settings.id;
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.bucket, vscode.TreeItemCollapsibleState.Collapsed);
    item.contextValue = this.pinned ? BucketNode.pinnedContextValue : BucketNode.contextValue;
    item.iconPath = new vscode.ThemeIcon(this.pinned ? 'pinned' : 'database');
    item.tooltip = [
      this.bucket,
      this.summary.region ? `Region: ${this.summary.region}` : undefined,
      this.summary.creationDate ? `Created ${this.summary.creationDate.toISOString()}` : undefined,
      this.pinned ? 'Added by name' : undefined,
    ]
      .filter(Boolean)
      .join('\n');
    item.id = `${this.context.connection.settings.id}\u0000${this.bucket}`;
    return item;
  }

  protected createFolderNode(prefix: string): S3Node {
    return new FolderNode(this, this.context, this.bucket, prefix);
  }
}
