import { l10n } from '../../l10n';
import type { CommandContext } from '../commandContext';
import { chooseS3Folder } from '../shared/chooseS3Folder';
import { chooseSyncOptions } from './chooseSyncOptions';
import { runSync } from './runSync';
import { chooseLocalFolder, explorerFolder } from './syncTargets';

/**
 * `s3Browser.syncS3ToLocal`: makes a local folder hold what an S3 folder (or bucket) holds — the
 * folder's keys below it, as `aws s3 sync s3://bucket/folder/ ./here` does. From the tree the S3
 * folder is the clicked one; from the Explorer the local folder is; from the palette both are asked.
 */
export async function syncS3ToLocal(context: CommandContext, target: unknown): Promise<void> {
  const fromExplorer = explorerFolder(target);
  const remote = await chooseS3Folder(context, fromExplorer ? undefined : target, l10n.t('Sync S3 Folder to Local'));
  const localFolder = fromExplorer?.fsPath ?? (await chooseLocalFolder(context.prompts, l10n.t('Sync s3://{0}/{1} into which local folder?', remote.bucket, remote.prefix), l10n.t('Sync Into This Folder')));
  const pair = { direction: 'download' as const, localFolder, connectionName: remote.connection.settings.connectionName, bucket: remote.bucket, prefix: remote.prefix };
  await runSync(context, remote.connection, pair, await chooseSyncOptions(context.prompts, pair));
}
