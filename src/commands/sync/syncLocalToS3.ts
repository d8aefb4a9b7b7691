import { l10n } from '../../l10n';
import type { CommandContext } from '../commandContext';
import { chooseS3Folder } from '../shared/chooseS3Folder';
import { chooseSyncOptions } from './chooseSyncOptions';
import { runSync } from './runSync';
import { chooseLocalFolder, explorerFolder } from './syncTargets';

/**
 * `s3Browser.syncLocalToS3`: makes an S3 folder (or bucket) hold what a local folder holds. From the
 * Explorer the local folder is the clicked one and the S3 folder is asked for; from the tree the S3
 * folder is the clicked one and the local folder is asked for; from the palette both are asked.
 */
export async function syncLocalToS3(context: CommandContext, target: unknown): Promise<void> {
  const title = l10n.t('Sync Local Folder to S3');
  const fromExplorer = explorerFolder(target);
  // The S3 folder first: a read-only connection is refused before anything else is asked.
  const remote = await chooseS3Folder(context, fromExplorer ? undefined : target, title, { writable: true });
  const localFolder = fromExplorer?.fsPath ?? (await chooseLocalFolder(context.prompts, l10n.t('Sync which local folder to s3://{0}/{1}?', remote.bucket, remote.prefix), l10n.t('Sync This Folder')));
  const pair = { direction: 'upload' as const, localFolder, connectionName: remote.connection.settings.connectionName, bucket: remote.bucket, prefix: remote.prefix };
  await runSync(context, remote.connection, pair, await chooseSyncOptions(context.prompts, pair));
}
