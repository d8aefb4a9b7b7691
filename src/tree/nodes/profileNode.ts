import * as vscode from 'vscode';
import type { Connection } from '../../profiles/connectionRegistry';
import type { S3ServiceFactory } from '../../s3/serviceFactory';
import { BucketNode } from './bucketNode';
import { MessageNode } from './messageNode';
import type { S3Node } from './s3Node';

/** A root: one AWS profile (or endpoint) and its buckets. */
export class ProfileNode implements S3Node {
  static readonly contextValue = 's3Browser.profile';
  readonly parent = undefined;

  constructor(
    readonly connection: Connection,
    private readonly services: S3ServiceFactory,
    private readonly pageSize: () => number,
    private readonly isDefault: boolean,
  ) {}

  getTreeItem(): vscode.TreeItem {
    const { profile, settings } = this.connection;
    const item = new vscode.TreeItem(profile.name, vscode.TreeItemCollapsibleState.Collapsed);
    item.contextValue = ProfileNode.contextValue;
    item.iconPath = new vscode.ThemeIcon(settings.endpoint ? 'server' : 'cloud');
    item.description = [this.isDefault && profile.name !== 'default' ? 'default' : undefined, settings.endpoint ?? settings.region].filter(Boolean).join(' · ');
    item.tooltip = [
      `Profile: ${profile.name}`,
      `Region: ${settings.region}`,
      `Endpoint: ${settings.endpoint ?? 'AWS'}`,
      `Addressing: ${settings.forcePathStyle ? 'path-style' : 'virtual-hosted'}`,
      `Defined in: ${profile.sources.join(', ')}`,
    ].join('\n');
    item.id = `profile\u0000${profile.name}`;
    return item;
  }

  async getChildren(): Promise<S3Node[]> {
    try {
      const buckets = await this.services.get(this.connection.settings).listBuckets();
      if (buckets.length === 0) {
        return [MessageNode.empty(this, 'No buckets')];
      }
      const context = { connection: this.connection, services: this.services, pageSize: this.pageSize };
      return buckets.sort((a, b) => a.name.localeCompare(b.name)).map((bucket) => new BucketNode(this, context, bucket));
    } catch (error) {
      return [MessageNode.error(this, error)];
    }
  }
}
