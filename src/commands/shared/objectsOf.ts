import type { Connection } from '../../profiles/connectionRegistry';
import type { S3Service } from '../../s3/service';
import type { ProgressReport } from '../../ui/prompts';
import type { CommandContext } from '../commandContext';
import type { S3Item } from './commandTargets';
import { formatCount } from '../../ui/format';
import { l10n } from '../../l10n';

/** The objects of one bucket of one connection that a command works on. */
export interface BucketObjects {
  connection: Connection;
  bucket: string;
  service: S3Service;
  /** The selected items in this bucket. */
  items: S3Item[];
  objects: Array<{ key: string; size: number }>;
}

/**
 * Every object the items stand for — an object itself, every key under a folder (a bucket's root:
 * the whole bucket) — grouped by bucket, with a running count for the progress notification.
 */
export async function objectsOf(context: CommandContext, items: S3Item[], signal: AbortSignal, report: ProgressReport): Promise<BucketObjects[]> {
  const buckets = new Map<string, BucketObjects>();
  let found = 0;
  for (const item of items) {
    const id = `${item.connection.settings.connectionName}\u0000${item.bucket}`;
    let entry = buckets.get(id);
    if (!entry) {
      entry = { connection: item.connection, bucket: item.bucket, service: await context.services.forBucket(item.connection.settings, item.bucket), items: [], objects: [] };
      buckets.set(id, entry);
    }
    entry.items.push(item);
    if (item.isFolder) {
      for await (const page of entry.service.listKeys(item.bucket, item.key, signal)) {
        entry.objects.push(...page.map(({ key, size }) => ({ key, size })));
        found += page.length;
        report(l10n.t('{0} objects found…', formatCount(found)));
      }
    } else {
      entry.objects.push({ key: item.key, size: item.size ?? (await entry.service.headObject(item.bucket, item.key, undefined, signal)).size });
      found++;
    }
  }
  return [...buckets.values()];
}

/**
 * The first phase of a batch over many objects: finds them (reporting in the batch's progress) and
 * refuses an empty selection with `nothing` ("Nothing to change: {0} holds no objects.").
 */
export async function findObjects(context: CommandContext, items: S3Item[], signal: AbortSignal, report: ProgressReport, nothing: string): Promise<{ buckets: BucketObjects[]; count: number }> {
  report(l10n.t('Finding the objects'));
  const buckets = await objectsOf(context, items, signal, report);
  const count = buckets.reduce((sum, entry) => sum + entry.objects.length, 0);
  if (count === 0) {
    throw new Error(nothing);
  }
  return { buckets, count };
}
