import { BucketNode } from '../../tree/nodes/bucketNode';
import type { CommandContext } from '../commandContext';
import { l10n } from '../../l10n';

/** `s3Browser.removeBucketFromList`: forgets a bucket added by name (the bucket itself is untouched). */
export async function removeBucketFromList({ pinned, tree }: CommandContext, target: unknown): Promise<void> {
  if (!(target instanceof BucketNode) || !target.pinned) {
    throw new Error(l10n.t('Remove from list works on a bucket that was added by name in the S3 explorer.'));
  }
  await pinned.remove(target.connectionName, target.bucket);
  tree.refresh();
}
