import { settings } from '../../settings';
import { rewriteTask, type Rewrite } from '../../transfer/rewriteTasks';
import { runPlannedTransferBatch } from '../../transfer/transferUi';
import { plural, s3Text } from '../../ui/format';
import type { CommandContext } from '../commandContext';
import type { S3Item } from '../shared/commandTargets';
import { findObjects } from '../shared/objectsOf';
import { l10n } from '../../l10n';

/** The progress title and the summary of a batch, whole messages for each kind of change. */
const BATCH_NAMES: Record<Rewrite['what'], (value: string, named: string) => { title: string; summary: string }> = {
  encryption: (value, named) => ({ title: l10n.t('Setting encryption {0} on {1}', value, named), summary: l10n.t('Encryption {0} for {1}', value, named) }),
  'storage class': (value, named) => ({ title: l10n.t('Setting storage class {0} on {1}', value, named), summary: l10n.t('Storage class {0} for {1}', value, named) }),
  metadata: (value, named) => ({ title: l10n.t('Setting metadata {0} on {1}', value, named), summary: l10n.t('Metadata {0} for {1}', value, named) }),
};

/**
 * Rewrites every object the items stand for in place (a copy onto itself that keeps everything but
 * the change), through the transfer engine, and refreshes the listings that show them.
 */
export async function rewriteObjects(context: CommandContext, items: S3Item[], rewrite: Rewrite): Promise<void> {
  const readOnly = items.find((item) => item.connection.settings.readOnly);
  if (readOnly) {
    throw new Error(l10n.t('"{0}" is read-only (setting s3Browser.readOnlyConnections); nothing was changed.', readOnly.connection.settings.connectionName));
  }
  const named = items.length === 1 ? s3Text(items[0].bucket, items[0].key) : plural(items.length, 'selected item');
  // Finding the objects is the first phase of the batch's own progress notification.
  await runPlannedTransferBatch(
    context,
    { ...BATCH_NAMES[rewrite.what](rewrite.value, named), concurrency: settings.transferConcurrency(), noun: 'object' },
    async (report, signal) => {
      const { buckets, count } = await findObjects(context, items, signal, report, l10n.t('Nothing to change: {0} holds no objects.', named));
      const tasks = buckets.flatMap(({ bucket, service, objects }) => objects.map(({ key }) => rewriteTask(service, bucket, key, rewrite, (line) => context.log.info(line))));
      return { tasks, totals: { files: count } };
    },
  );
  for (const item of items) {
    await context.tree.refreshParentOf(item.connection.settings.connectionName, item.bucket, item.key);
  }
}
