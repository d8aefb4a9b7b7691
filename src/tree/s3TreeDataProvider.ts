import * as vscode from 'vscode';
import type { ConnectionRegistry } from '../profiles/connectionRegistry';
import type { PinnedBuckets } from '../profiles/pinnedBuckets';
import type { S3ServiceFactory } from '../s3/serviceFactory';
import { FolderListing } from './nodes/folderListing';
import { MessageNode } from './nodes/messageNode';
import { ProfileNode } from './nodes/profileNode';
import type { S3Node } from './nodes/s3Node';

export const NO_PROFILES_CONTEXT_KEY = 's3Browser.noProfiles';

export class S3TreeDataProvider implements vscode.TreeDataProvider<S3Node> {
  private readonly changes = new vscode.EventEmitter<S3Node | undefined>();
  readonly onDidChangeTreeData = this.changes.event;

  constructor(
    private readonly connections: ConnectionRegistry,
    private readonly services: S3ServiceFactory,
    private readonly pinned: PinnedBuckets,
  ) {}

  getTreeItem(node: S3Node): vscode.TreeItem {
    return node.getTreeItem();
  }

  getParent(node: S3Node): S3Node | undefined {
    return node.parent;
  }

  async getChildren(node?: S3Node): Promise<S3Node[]> {
    if (node) {
      return node.getChildren ? node.getChildren() : [];
    }
    try {
      const connections = await this.connections.list();
      // Drives the "no profiles" welcome view; a blank list with no message helps nobody.
      await vscode.commands.executeCommand('setContext', NO_PROFILES_CONTEXT_KEY, connections.length === 0);
      return connections.map(
        (connection) => new ProfileNode(connection, this.services, this.pinned, pageSize, connection.settings.id === this.connections.defaultProfile),
      );
    } catch (error) {
      return [MessageNode.error(undefined, error)];
    }
  }

  /** Refreshes one node (its listing restarts) or, without a node, the whole view from the config files. */
  refresh(node?: S3Node): void {
    if (node instanceof MessageNode) {
      this.refresh(node.parent);
      return;
    }
    if (!node) {
      this.connections.reload();
      this.services.clear();
      this.changes.fire(undefined);
      return;
    }
    if (node instanceof FolderListing) {
      node.reset();
    }
    this.changes.fire(node);
  }

  /** Shows the next page of a bucket or folder in place. */
  async loadMore(node: FolderListing): Promise<void> {
    await node.loadNextPage();
    this.changes.fire(node);
  }

  dispose(): void {
    this.changes.dispose();
  }
}

function pageSize(): number {
  const configured = vscode.workspace.getConfiguration('s3Browser').get<number>('pageSize', 1000);
  return Math.min(1000, Math.max(1, Math.floor(configured)));
}
