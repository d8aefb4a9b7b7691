import * as vscode from 'vscode';
import type { CommandContext } from '../commandContext';
import { commandItems } from '../shared/commandTargets';
import { s3Clipboard } from './s3Clipboard';

/** `s3Browser.copy` (Ctrl/Cmd+C in the S3 explorer): the selection is copied by the next Paste. */
export async function copyItems(context: CommandContext, target: unknown, selection: unknown): Promise<void> {
  const items = await commandItems(context, target, selection, vscode.l10n.t('objects or folders'));
  s3Clipboard.set(items, 'copy');
  vscode.window.setStatusBarMessage(items.length === 1 ? vscode.l10n.t('Copied s3://{0}/{1}: paste onto a bucket or folder', items[0].bucket, items[0].key) : vscode.l10n.t('Copied {0} items: paste onto a bucket or folder', items.length), 5000);
}
