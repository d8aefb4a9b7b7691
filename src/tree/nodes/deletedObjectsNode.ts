import * as vscode from 'vscode';
import { baseName, formatS3Location, S3_SCHEME } from '../../fs/s3Location';
import type { DeletedKey } from '../../s3/types';
import { localTime } from '../../ui/format';
import type { FolderListing, ListingContext } from './folderListing';
import { MessageNode } from './messageNode';
import type { S3Node } from './s3Node';

/** How many deleted keys one level lists (each is a delete marker to page through). */
const DELETED_SHOWN = 1000;

/** "Deleted objects" under a bucket or folder whose "Show Deleted Objects" is on. */
export class DeletedObjectsNode implements S3Node {
  static readonly contextValue = 's3Browser.deletedObjects';

  constructor(
    readonly parent: FolderListing,
    private readonly context: ListingContext,
  ) {}

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(vscode.l10n.t('Deleted objects'), vscode.TreeItemCollapsibleState.Collapsed);
    item.contextValue = DeletedObjectsNode.contextValue;
    item.iconPath = new vscode.ThemeIcon('trash');
    item.tooltip = vscode.l10n.t('Keys directly in s3://{0}/{1} whose latest version is a delete marker: their data is kept as older versions.', this.parent.bucket, this.parent.prefix);
    item.id = `${this.context.connection.settings.connectionName}\u0000${this.parent.bucket}\u0000${this.parent.prefix}\u0000deleted`;
    return item;
  }

  async getChildren(): Promise<S3Node[]> {
    try {
      const service = await this.context.services.forBucket(this.context.connection.settings, this.parent.bucket);
      const { keys, more } = await service.listDeletedKeys(this.parent.bucket, this.parent.prefix, DELETED_SHOWN);
      const nodes: S3Node[] = keys.map((deleted) => new DeletedObjectNode(this, this.context.connection.settings.connectionName, this.parent.bucket, deleted));
      if (more) {
        nodes.push(MessageNode.empty(this, vscode.l10n.t('Only the first {0} deleted keys are shown', DELETED_SHOWN)));
      }
      return nodes.length > 0 ? nodes : [MessageNode.empty(this, vscode.l10n.t('No deleted objects here'))];
    } catch (error) {
      return [MessageNode.error(this, error, this.context.connection.settings.connectionName)];
    }
  }
}

/** A deleted key: its delete marker can be removed (Undelete). */
export class DeletedObjectNode implements S3Node {
  static readonly contextValue = 's3Browser.deletedObject';

  constructor(
    readonly parent: DeletedObjectsNode,
    readonly connectionName: string,
    readonly bucket: string,
    readonly deleted: DeletedKey,
  ) {}

  get uri(): vscode.Uri {
    return vscode.Uri.from({ scheme: S3_SCHEME, ...formatS3Location({ connectionName: this.connectionName, bucket: this.bucket, key: this.deleted.key }) });
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(baseName(this.deleted.key) || this.deleted.key, vscode.TreeItemCollapsibleState.None);
    item.description = `deleted${this.deleted.deletedAt ? ` ${localTime(this.deleted.deletedAt)}` : ''}`;
    item.contextValue = DeletedObjectNode.contextValue;
    item.iconPath = new vscode.ThemeIcon('trash');
    item.tooltip = vscode.l10n.t('s3://{0}/{1}\nDeleted: its latest version is the delete marker {2}. Undelete removes that marker.', this.bucket, this.deleted.key, this.deleted.markerVersionId);
    item.id = `${this.connectionName}\u0000${this.bucket}\u0000${this.deleted.key}\u0000deleted`;
    return item;
  }
}
