import * as vscode from 'vscode';
import { s3Text } from '../ui/format';
import type { CommandContext } from './commandContext';
import { commandItems } from './commandTargets';

/** `s3Browser.copyS3Uri`: the plain `s3://bucket/key` form the aws CLI accepts, whatever scheme the documents use. */
export async function copyS3Uri(context: CommandContext, target: unknown, selection: unknown): Promise<void> {
  const items = await commandItems(context, target, selection, 'objects, folders or buckets');
  const uris = items.map((item) => s3Text(item.bucket, item.key));
  await vscode.env.clipboard.writeText(uris.join('\n'));
  vscode.window.setStatusBarMessage(uris.length === 1 ? `Copied ${uris[0]}` : `Copied ${uris.length} S3 URIs`, 3000);
}
