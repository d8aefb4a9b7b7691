import * as vscode from 'vscode';
import { S3Error, SSO_LOGIN_REQUIRED } from '../../s3/errors';
import type { S3Node } from './s3Node';

/** A leaf that explains an empty or failed listing instead of leaving the tree blank. */
export class MessageNode implements S3Node {
  static readonly emptyContextValue = 's3Browser.empty';
  static readonly errorContextValue = 's3Browser.error';

  private constructor(
    readonly parent: S3Node | undefined,
    readonly label: string,
    private readonly isError: boolean,
    private readonly command?: vscode.Command,
    private readonly detail?: string,
  ) {}

  static empty(parent: S3Node | undefined, label: string): MessageNode {
    return new MessageNode(parent, label, false);
  }

  /** An error whose click retries the parent's listing, or starts `aws sso login` when that is the fix. */
  static error(parent: S3Node | undefined, error: unknown, connectionName?: string): MessageNode {
    const message = error instanceof Error ? error.message : String(error);
    const code = error instanceof S3Error ? error.code : undefined;
    const command: vscode.Command =
      code === SSO_LOGIN_REQUIRED && connectionName
        ? { command: 's3Browser.ssoLogin', title: vscode.l10n.t('Run aws sso login'), arguments: [connectionName] }
        : { command: 's3Browser.refresh', title: vscode.l10n.t('Retry'), arguments: [parent?.address ?? {}] };
    return new MessageNode(parent, message, true, command, code);
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.label, vscode.TreeItemCollapsibleState.None);
    item.contextValue = this.isError ? MessageNode.errorContextValue : MessageNode.emptyContextValue;
    item.iconPath = new vscode.ThemeIcon(this.isError ? 'error' : 'info');
    item.tooltip = [this.label, this.command ? vscode.l10n.t('Click to {0}.', this.command.title.toLowerCase()) : undefined, this.detail ? `(${this.detail})` : undefined]
      .filter(Boolean)
      .join('\n');
    item.command = this.command;
    return item;
  }
}
