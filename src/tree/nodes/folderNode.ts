import * as vscode from 'vscode';
import { baseName } from '../../fs/s3Location';
import { contextValue } from './contextValue';
import { FolderListing, type ListingContext } from './folderListing';
import type { S3Node } from './s3Node';

/** A key prefix ending in `/`, shown as a folder. */
export class FolderNode extends FolderListing {
  static readonly contextValue = 's3Browser.folder';

  constructor(parent: S3Node, context: ListingContext, bucket: string, prefix: string) {
    super(parent, context, bucket, prefix);
  }

  getTreeItem(): vscode.TreeItem {
    // `a//b` gives a folder with an empty name; show the raw separator so it stays clickable.
    const item = new vscode.TreeItem(baseName(this.prefix) || '/', vscode.TreeItemCollapsibleState.Collapsed);
    item.contextValue = contextValue(FolderNode.contextValue, { readOnly: this.connection.settings.readOnly === true, filtered: this.filter !== '', versioned: this.bucketVersioning !== undefined, showingDeleted: this.showsDeleted });
    item.iconPath = vscode.ThemeIcon.Folder;
    item.description = [this.showsDeleted ? vscode.l10n.t('showing deleted') : undefined, this.filterDescription(), this.sizeDescription()].filter(Boolean).join(' · ') || undefined;
    item.tooltip = [`s3://${this.bucket}/${this.prefix}`, this.sizeTooltip()].filter(Boolean).join('\n');
    item.id = `${this.connectionName}\u0000${this.bucket}\u0000${this.prefix}`;
    return item;
  }

  protected createFolderNode(prefix: string): FolderListing {
    return new FolderNode(this, this.context, this.bucket, prefix);
  }
}
