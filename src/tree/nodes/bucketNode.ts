import * as vscode from 'vscode';
import type { BucketSummary } from '../../s3/types';
import { localAndUtc } from '../../ui/format';
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
    item.contextValue = contextValue(BucketNode.contextValue, { readOnly: this.connection.settings.readOnly === true, pinned: this.pinned, filtered: this.filter !== '', versioned: this.versioningStatus === 'Enabled', suspended: this.versioningStatus === 'Suspended', showingDeleted: this.showsDeleted });
    const versioning = this.versioningStatus === 'Enabled' ? vscode.l10n.t('versioned') : this.versioningStatus === 'Suspended' ? vscode.l10n.t('versioning suspended') : undefined;
    item.description = [versioning, this.showsDeleted ? vscode.l10n.t('showing deleted') : undefined, this.filterDescription(), this.sizeDescription()].filter(Boolean).join(' · ') || undefined;
    item.iconPath = new vscode.ThemeIcon(this.pinned ? 'pinned' : 'database');
    item.tooltip = [
      this.bucket,
      this.versioningStatus ? (this.versioningStatus === 'Enabled' ? vscode.l10n.t('Versioning: enabled') : vscode.l10n.t('Versioning: suspended')) : undefined,
      this.summary.region ? vscode.l10n.t('Region: {0}', this.summary.region) : undefined,
      this.summary.creationDate ? vscode.l10n.t('Created {0}', localAndUtc(this.summary.creationDate)) : undefined,
      this.pinned ? vscode.l10n.t('Added by name') : undefined,
      this.sizeTooltip(),
    ]
      .filter(Boolean)
      .join('\n');
    item.id = `${this.context.connection.settings.connectionName}\u0000${this.bucket}`;
    return item;
  }

  /**
   * The first page comes with the bucket's versioning (one request, at the same time), so its objects
   * are drawn expandable on a versioned bucket. The bucket's own item is not redrawn for it (VS Code
   * then stops showing children under the objects): its description says it from the next refresh,
   * its tooltip (see {@link resolveVersioning}) at once.
   */
  override async loadNextPage(signal?: AbortSignal): Promise<void> {
    if (this.isLoaded) {
      return super.loadNextPage(signal);
    }
    await Promise.all([super.loadNextPage(signal), this.resolveVersioning(signal)]);
  }

  /** Reads the bucket's versioning; without s3:GetBucketVersioning it browses as unversioned. */
  async resolveVersioning(signal?: AbortSignal): Promise<'Enabled' | 'Suspended' | undefined> {
    try {
      const service = await this.context.services.forBucket(this.context.connection.settings, this.bucket);
      this.versioningStatus = await service.bucketVersioning(this.bucket, signal);
    } catch {
      this.versioningStatus = undefined;
    }
    return this.versioningStatus;
  }

  protected createFolderNode(prefix: string): FolderListing {
    return new FolderNode(this, this.context, this.bucket, prefix);
  }
}
