// The checks a copy or move passes before anything is written: each names what would go wrong
// (an item onto itself, two items onto one key, one bucket reached through two connections).
import type { Connection } from '../../profiles/connectionRegistry';
import type { S3Service } from '../../s3/service';
import type { CopyPair } from '../../transfer/copyTasks';
import { s3Text } from '../../ui/format';
import type { S3Item } from '../shared/commandTargets';
import type { PlacedItem, TransferMode } from './moveOrCopy';
import { l10n } from '../../l10n';

export function nameOf(connection: Connection): string {
  return connection.settings.connectionName;
}

export function sameBucket(item: S3Item, destination: { connection: Connection; bucket: string }): boolean {
  return nameOf(item.connection) === nameOf(destination.connection) && item.bucket === destination.bucket;
}

/** Why an item cannot go where it was asked to, if it cannot. */
export function placementProblem({ item, targetKey }: PlacedItem, destination: { connection: Connection; bucket: string }): string | undefined {
  if (!sameBucket(item, destination)) {
    return undefined;
  }
  if (targetKey === item.key) {
    return l10n.t('{0} is already there.', s3Text(item.bucket, item.key));
  }
  if (item.isFolder && targetKey.startsWith(item.key)) {
    return l10n.t('{0} cannot go into itself ({1}).', s3Text(item.bucket, item.key), s3Text(destination.bucket, targetKey));
  }
  return undefined;
}

/**
 * Two items that would land on one key (`x/readme.md` and `y/readme.md` into one folder, or folders
 * `2023/logs/` and `2024/logs/`): the second write would replace the first, and a move would then
 * delete both sources. Named before anything is written.
 */
export function sameNameProblem(placed: PlacedItem[], destination: { bucket: string }, mode: TransferMode): string | undefined {
  const byTarget = new Map<string, PlacedItem>();
  for (const entry of placed) {
    const other = byTarget.get(entry.targetKey);
    if (other) {
      return sameTargetMessage(s3Text(other.item.bucket, other.item.key), s3Text(entry.item.bucket, entry.item.key), s3Text(destination.bucket, entry.targetKey), mode);
    }
    byTarget.set(entry.targetKey, entry);
  }
  return undefined;
}

/** The same check key by key, once folders are listed: no key is written twice in one operation. */
export function sameKeyProblem(planned: PlannedItem[], destination: { bucket: string }, mode: TransferMode): string | undefined {
  const byTarget = new Map<string, string>();
  for (const { placed, pairs } of planned) {
    for (const pair of pairs) {
      const source = s3Text(placed.item.bucket, pair.sourceKey);
      const other = byTarget.get(pair.targetKey);
      if (other !== undefined) {
        return sameTargetMessage(other, source, s3Text(destination.bucket, pair.targetKey), mode);
      }
      byTarget.set(pair.targetKey, source);
    }
  }
  return undefined;
}

function sameTargetMessage(first: string, second: string, target: string, mode: TransferMode): string {
  return mode === 'move'
    ? l10n.t('Nothing was moved: {0} and {1} would both become {2}, and one would replace the other. Move them in separate steps, into different folders, or rename one first.', first, second, target)
    : l10n.t('Nothing was copied: {0} and {1} would both become {2}, and one would replace the other. Copy them in separate steps, into different folders, or rename one first.', first, second, target);
}

export interface PlannedItem {
  placed: PlacedItem;
  service: S3Service;
  pairs: CopyPair[];
}

/**
 * Two connections can reach one bucket (one server and account under two names). A key sent onto
 * itself there would be streamed onto itself and, in a move, then deleted. One existing target
 * with its source's key is compared with its source: the same object (ETag, size, time, version)
 * means the same bucket.
 */
export async function sameBucketProblem(planned: PlannedItem[], destinationService: S3Service, destination: { connection: Connection; bucket: string }, existing: Set<string>, mode: TransferMode, signal: AbortSignal): Promise<string | undefined> {
  for (const { placed, service, pairs } of planned) {
    if (sameBucket(placed.item, destination) || placed.item.bucket !== destination.bucket) {
      continue;
    }
    const pair = pairs.find((candidate) => candidate.sourceKey === candidate.targetKey && existing.has(candidate.targetKey));
    if (!pair) {
      continue;
    }
    const [source, target] = await Promise.all([service.headObject(destination.bucket, pair.sourceKey, undefined, signal), destinationService.headObject(destination.bucket, pair.targetKey, undefined, signal)]);
    if (source.etag === target.etag && source.size === target.size && source.lastModified?.getTime() === target.lastModified?.getTime() && source.versionId === target.versionId) {
      return mode === 'move'
        ? l10n.t('Nothing was moved: "{0}" and "{1}" reach the same bucket ({2} is one object on both), so it would be written onto itself and then deleted.', nameOf(placed.item.connection), nameOf(destination.connection), s3Text(destination.bucket, pair.sourceKey))
        : l10n.t('Nothing was copied: "{0}" and "{1}" reach the same bucket ({2} is one object on both), so it would be written onto itself.', nameOf(placed.item.connection), nameOf(destination.connection), s3Text(destination.bucket, pair.sourceKey));
    }
  }
  return undefined;
}
