import { settings } from '../../settings';
import { deleteTaskPages } from '../../transfer/deleteTasks';
import type { TransferTask } from '../../transfer/transferEngine';
import { runPlannedTransferBatch } from '../../transfer/transferUi';
import { formatBytes, plural, s3Text } from '../../ui/format';
import type { CommandContext } from '../commandContext';
import { commandItems } from '../shared/commandTargets';
import { objectsOf } from '../shared/objectsOf';
import { l10n } from '../../l10n';

function bucketList(buckets: string[]): string {
  const names = buckets.map((bucket) => `"${bucket}"`).join(', ');
  return buckets.length === 1 ? l10n.t('Bucket {0}', names) : l10n.t('Buckets {0}', names);
}

/**
 * What a delete leaves behind, by the buckets' real versioning: delete markers over kept data where
 * it is enabled; where it is suspended, each object's "null" version (what was written while
 * suspended, or before versioning) is replaced by the marker, so that data is gone.
 */
function whatStays(versioned: string[], suspended: string[], bucketCount: number): string[] {
  const lines: string[] = [];
  if (versioned.length > 0) {
    lines.push(
      versioned.length === 1
        ? l10n.t('{0} is versioned: deleting creates delete markers, and the data stays as older versions (still stored and billed) until they are deleted too.', bucketList(versioned))
        : l10n.t('{0} are versioned: deleting creates delete markers, and the data stays as older versions (still stored and billed) until they are deleted too.', bucketList(versioned)),
    );
  }
  if (suspended.length > 0) {
    lines.push(
      suspended.length === 1
        ? l10n.t('{0} has versioning suspended: deleting replaces each object\'s "null" version (written while versioning was suspended, or before it was enabled) with a delete marker, so that data is deleted for good; only versions kept while versioning was enabled stay.', bucketList(suspended))
        : l10n.t('{0} have versioning suspended: deleting replaces each object\'s "null" version (written while versioning was suspended, or before it was enabled) with a delete marker, so that data is deleted for good; only versions kept while versioning was enabled stay.', bucketList(suspended)),
    );
  }
  if (versioned.length + suspended.length < bucketCount) {
    lines.push(lines.length > 0 ? l10n.t('In the other buckets this cannot be undone.') : l10n.t('This cannot be undone.'));
  }
  return lines;
}

/**
 * `s3Browser.delete` (the Delete key in the S3 explorer): objects, folders (every key under the
 * prefix) and multi-selections. Everything is counted first, so the confirmation says how many
 * objects and bytes go, and what stays by each bucket's versioning (Enabled, Suspended, never);
 * exactly the keys counted are then deleted, 1000 per request with several requests in flight, and
 * every key S3 refuses is reported by name.
 */
export async function deleteItems(context: CommandContext, target: unknown, selection: unknown): Promise<void> {
  const items = await commandItems(context, target, selection, l10n.t('objects or folders'));
  const root = items.find((item) => item.key === '');
  if (root) {
    throw new Error(l10n.t('Delete works on objects and folders; to delete bucket "{0}" and everything in it, use "Delete Bucket…" on the bucket.', root.bucket));
  }
  const readOnly = items.find((item) => item.connection.settings.readOnly);
  if (readOnly) {
    throw new Error(l10n.t('"{0}" is read-only (setting s3Browser.readOnlyConnections); nothing was deleted.', readOnly.connection.settings.connectionName));
  }
  const named = items.length === 1 ? s3Text(items[0].bucket, items[0].key) : plural(items.length, 'selected item');
  // Counting, the confirmation and the deletes are one progress notification.
  await runPlannedTransferBatch(context, { title: l10n.t('Deleting {0}', named), summary: l10n.t('Delete {0}', named), concurrency: settings.transferConcurrency(), noun: 'object' }, async (report, signal) => {
    report(l10n.t('Counting what to delete…'));
    const buckets = await objectsOf(context, items, signal, report);
    const versioned: string[] = [];
    const suspended: string[] = [];
    for (const { service, bucket } of buckets) {
      try {
        const status = await service.bucketVersioning(bucket, signal);
        if (status === 'Enabled') {
          versioned.push(bucket);
        } else if (status === 'Suspended') {
          suspended.push(bucket);
        }
      } catch (error) {
        // Without s3:GetBucketVersioning the confirmation cannot say; the delete itself is not affected.
        context.log.info(`Delete: versioning of bucket "${bucket}" unknown: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    const count = buckets.reduce((sum, entry) => sum + entry.objects.length, 0);
    const bytes = buckets.reduce((sum, entry) => sum + entry.objects.reduce((total, object) => total + object.size, 0), 0);
    if (count === 0) {
      throw new Error(l10n.t('Nothing to delete: {0} holds no objects.', named));
    }
    const listed = items.slice(0, 5).map((item) => s3Text(item.bucket, item.key));
    const more = items.length > listed.length ? [l10n.t('… and {0} more', items.length - listed.length)] : [];
    await context.prompts.confirm(l10n.t('Delete {0} ({1})?', plural(count, 'object'), formatBytes(bytes)), [...listed, ...more, '', ...whatStays(versioned, suspended, buckets.length)].join('\n'), l10n.t('Delete'));
    const tasks: TransferTask[] = [];
    for (const { service, bucket, objects } of buckets) {
      for await (const page of deleteTaskPages(service, bucket, objects.map((object) => object.key))) {
        tasks.push(...page);
      }
    }
    return { tasks, totals: { files: count } };
  });
  for (const item of items) {
    await context.tree.refreshParentOf(item.connection.settings.connectionName, item.bucket, item.key);
  }
}
