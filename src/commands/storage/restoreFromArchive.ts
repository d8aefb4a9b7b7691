import type { RestoreTier } from '../../s3/types';
import { settings } from '../../settings';
import { restoreTask } from '../../transfer/restoreTasks';
import { runPlannedTransferBatch } from '../../transfer/transferUi';
import { plural, s3Text } from '../../ui/format';
import type { CommandContext } from '../commandContext';
import { commandItems } from '../shared/commandTargets';
import { findObjects } from '../shared/objectsOf';
import { l10n } from '../../l10n';

/** `tier` is what S3 is sent; `label` what the user reads. */
const TIERS: Array<{ tier: RestoreTier; label: string; detail: string }> = [
  { tier: 'Standard', label: l10n.t('Standard'), detail: l10n.t('hours (GLACIER: 3–5, DEEP_ARCHIVE: up to 12)') },
  { tier: 'Bulk', label: l10n.t('Bulk'), detail: l10n.t('cheapest: GLACIER 5–12 hours, DEEP_ARCHIVE up to 48') },
  { tier: 'Expedited', label: l10n.t('Expedited'), detail: l10n.t('GLACIER only: 1–5 minutes, the most expensive') },
];

/**
 * `s3Browser.restoreFromArchive`: starts a restore of archived objects (GLACIER, DEEP_ARCHIVE) —
 * objects, folders, selections — for a number of days at a chosen speed. Objects not archived or
 * already being restored are skipped and listed; the state shows in the tooltip and Properties.
 */
export async function restoreFromArchive(context: CommandContext, target: unknown, selection: unknown): Promise<void> {
  const items = await commandItems(context, target, selection, l10n.t('objects, folders or buckets'));
  const readOnly = items.find((item) => item.connection.settings.readOnly);
  if (readOnly) {
    throw new Error(l10n.t('"{0}" is read-only (setting s3Browser.readOnlyConnections); no restore was started.', readOnly.connection.settings.connectionName));
  }
  const { days } = await context.prompts.pick(
    [1, 7, 30].map((days) => ({ label: plural(days, 'day'), days, detail: days === 1 ? l10n.t('enough to download it once') : undefined })),
    { title: l10n.t('Restore from Archive: keep the restored copy for') },
  );
  const tier = await context.prompts.pick(TIERS, { title: l10n.t('Restore from Archive: how fast') });
  const named = items.length === 1 ? s3Text(items[0].bucket, items[0].key) : plural(items.length, 'selected item');
  // Finding the objects is the first phase of the batch's own progress notification.
  await runPlannedTransferBatch(
    context,
    { title: l10n.t('Starting restores ({0}, {1}) for {2}', tier.label, plural(days, 'day'), named), summary: l10n.t('Restore from archive ({0}) for {1}', tier.label, named), concurrency: settings.transferConcurrency(), noun: 'object' },
    async (report, signal) => {
      const { buckets, count } = await findObjects(context, items, signal, report, l10n.t('Nothing to restore: {0} holds no objects.', named));
      const tasks = buckets.flatMap(({ bucket, service, objects }) => objects.map(({ key }) => restoreTask(service, bucket, key, days, tier.tier)));
      return { tasks, totals: { files: count } };
    },
  );
}
