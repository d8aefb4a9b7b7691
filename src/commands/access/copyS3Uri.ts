import * as vscode from 'vscode';
import { s3Text } from '../../ui/format';
import type { CommandContext } from '../commandContext';
import { commandItems } from '../shared/commandTargets';

/** `s3Browser.copyS3Uri`: the plain `s3://bucket/key` form the aws CLI accepts, whatever scheme the documents use. */
export async function copyS3Uri(context: CommandContext, target: unknown, selection: unknown): Promise<void> {
  const items = await commandItems(context, target, selection, vscode.l10n.t('objects, folders or buckets'));
  const uris = items.map((item) => s3Text(item.bucket, item.key));
  await vscode.env.clipboard.writeText(uris.join('\n'));
  vscode.window.setStatusBarMessage(uris.length === 1 ? vscode.l10n.t('Copied {0}', uris[0]) : vscode.l10n.t('Copied {0} S3 URIs', uris.length), 3000);
}
