import * as vscode from 'vscode';
import { S3Error } from '../../s3/errors';
import type { S3Node } from './s3Node';

/** A leaf that explains an empty or failed listing instead of leaving the tree blank. */
export class MessageNode implements S3Node {
  static readonly emptyContextValue = 's3Browser.empty';
  static readonly errorContextValue = 's3Browser.error';

  private constructor(
    readonly parent: S3Node | undefined,
    readonly label: string,
    private readonly isError: boolean,
    private readonly detail?: string,
  ) {}

  static empty(parent: S3Node | undefined, label: string): MessageNode {
    return new MessageNode(parent, label, false);
  }

  static error(parent: S3Node | undefined, error: unknown): MessageNode {
    const message = error instanceof Error ? error.message : String(error);
    return new MessageNode(parent, message, true, error instanceof S3Error ? error.code : undefined);
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.label, vscode.TreeItemCollapsibleState.None);
    item.contextValue = this.isError ? MessageNode.errorContextValue : MessageNode.emptyContextValue;
    item.iconPath = new vscode.ThemeIcon(this.isError ? 'error' : 'info');
    item.tooltip = this.detail ? `${this.label}\n(${this.detail})` : this.label;
    if (this.isError) {
      item.command = { command: 's3Browser.refresh', title: 'Retry', arguments: [this.parent] };
    }
    return item;
  }
}
