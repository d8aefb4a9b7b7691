import * as path from 'node:path';
import * as vscode from 'vscode';
import { l10n } from '../../l10n';
import type { CommandContext } from '../commandContext';
import type { RecentSync } from './recentSyncs';
import { runSync } from './runSync';

function optionsText({ options }: RecentSync): string {
  const parts = [options.deleteExtras ? l10n.t('deletes extras') : l10n.t('keeps extras')];
  if (options.compareContent) {
    parts.push(l10n.t('compares content'));
  }
  if (options.exclude.length > 0) {
    parts.push(l10n.t('excludes {0}', options.exclude.join(', ')));
  }
  return parts.join(' · ');
}

/** `s3Browser.syncAgain`: a pair synced in this workspace (newest first), again with the options it had — compared, previewed and confirmed as the first time. */
export async function syncAgain(context: CommandContext): Promise<void> {
  const recent = context.sync.recent.list();
  if (recent.length === 0) {
    throw new Error(l10n.t('Nothing to sync again yet: run Sync Local Folder to S3… or Sync S3 Folder to Local… first.'));
  }
  const { sync } = await context.prompts.pick(
    recent.map((sync) => {
      const remote = `s3://${sync.pair.bucket}/${sync.pair.prefix}`;
      const name = path.basename(sync.pair.localFolder);
      return {
        label: sync.pair.direction === 'upload' ? `$(cloud-upload) ${name} → ${remote}` : `$(cloud-download) ${remote} → ${name}`,
        description: optionsText(sync),
        detail: `${sync.pair.localFolder} · ${sync.pair.connectionName}`,
        sync,
      } satisfies vscode.QuickPickItem & { sync: RecentSync };
    }),
    { title: l10n.t('Sync Again'), placeHolder: l10n.t('Which sync? Newest first.') },
  );
  const connection = await context.connections.get(sync.pair.connectionName);
  await runSync(context, connection, sync.pair, sync.options);
}
