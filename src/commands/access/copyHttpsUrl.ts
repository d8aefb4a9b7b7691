import * as vscode from 'vscode';
import { httpsUrl } from '../../s3/objectUrls';
import type { CommandContext } from '../commandContext';
import { commandItems } from '../shared/commandTargets';

/**
 * `s3Browser.copyHttpsUrl`: the object's (folder's, bucket's) plain HTTPS URL — virtual-hosted on
 * AWS, path-style on a custom endpoint. It opens only what is public; see Copy Presigned URL.
 */
export async function copyHttpsUrl(context: CommandContext, target: unknown, selection: unknown): Promise<void> {
  const items = await commandItems(context, target, selection, vscode.l10n.t('objects, folders or buckets'));
  const urls = await Promise.all(items.map(async (item) => httpsUrl(item.connection.settings, await context.services.regionOf(item.connection.settings, item.bucket), item.bucket, item.key)));
  await vscode.env.clipboard.writeText(urls.join('\n'));
  vscode.window.setStatusBarMessage(urls.length === 1 ? vscode.l10n.t('Copied {0}', urls[0]) : vscode.l10n.t('Copied {0} URLs', urls.length), 3000);
}
