import * as vscode from 'vscode';
import { objectArn } from '../../s3/objectUrls';
import type { CommandContext } from '../commandContext';
import { commandItems } from '../shared/commandTargets';

/** `s3Browser.copyArn`: `arn:aws:s3:::bucket/key` (a folder's with its trailing `/`, as policies name prefixes). */
export async function copyArn(context: CommandContext, target: unknown, selection: unknown): Promise<void> {
  const items = await commandItems(context, target, selection, vscode.l10n.t('objects, folders or buckets'));
  const arns = await Promise.all(items.map(async (item) => objectArn(await context.services.regionOf(item.connection.settings, item.bucket), item.bucket, item.key)));
  await vscode.env.clipboard.writeText(arns.join('\n'));
  vscode.window.setStatusBarMessage(arns.length === 1 ? vscode.l10n.t('Copied {0}', arns[0]) : vscode.l10n.t('Copied {0} ARNs', arns.length), 3000);
}
