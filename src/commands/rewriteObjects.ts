import { settings } from '../settings';
import { rewriteTask, type Rewrite } from '../transfer/rewriteTasks';
import { runPlannedTransferBatch } from '../transfer/transferUi';
import { plural, s3Text } from '../ui/format';
import type { CommandContext } from './commandContext';
import type { S3Item } from './commandTargets';
import { findObjects } from './objectsOf';
import { l10n } from '../ui/l10n';

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
    { title: l10n.t('Setting {0} {1} on {2}', rewrite.what, rewrite.value, named), summary: `${rewrite.what[0].toUpperCase()}${rewrite.what.slice(1)} ${rewrite.value} for ${named}`, concurrency: settings.transferConcurrency(), noun: 'object' },
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
