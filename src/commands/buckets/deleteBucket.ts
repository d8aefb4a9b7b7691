import * as vscode from 'vscode';
import { emptyBucket } from '../../s3/emptyBucket';
import { S3Error } from '../../s3/errors';
import type { BucketInventory } from '../../s3/types';
import { BucketNode } from '../../tree/nodes/bucketNode';
import type { CommandContext } from '../commandContext';
import { formatCount, plural } from '../../ui/format';

/** "12 objects, 40 older versions, 3 delete markers and 1 incomplete upload". */
function describeInventory({ objects, noncurrentVersions, deleteMarkers, incompleteUploads }: BucketInventory): string {
  return vscode.l10n.t('{0}, {1}, {2} and {3}', plural(objects, 'object'), plural(noncurrentVersions, 'older version'), plural(deleteMarkers, 'delete marker'), plural(incompleteUploads, 'incomplete upload'));
}

/**
 * `s3Browser.deleteBucket`: a plain confirmation only for a bucket with no objects, no history
 * (old versions, delete markers) and no incomplete uploads; anything else is counted and needs the
 * bucket's name typed. Then everything is removed (with progress, cancellable) before the bucket.
 */
export async function deleteBucket(context: CommandContext, target: unknown): Promise<void> {
  if (!(target instanceof BucketNode)) {
    throw new Error(vscode.l10n.t('Delete Bucket works on a bucket in the S3 explorer: right-click it.'));
  }
  const { bucket } = target;
  const settings = target.connection.settings;
  const service = await context.services.forBucket(settings, bucket);
  // A versioned bucket whose objects were all deleted lists as empty but still holds every version.
  const contents = await service.bucketContents(bucket);
  const isEmpty = !contents.hasObjects && !contents.hasHistory && !contents.hasIncompleteUploads;

  if (isEmpty) {
    await context.prompts.confirm(vscode.l10n.t('Delete the empty bucket "{0}"?', bucket), vscode.l10n.t('Connection: {0}. It holds no objects, versions or incomplete uploads. This cannot be undone.', settings.connectionName), vscode.l10n.t('Delete Bucket'));
  } else {
    const inventory = await context.prompts.withProgress(vscode.l10n.t('Counting what "{0}" holds…', bucket), { cancellable: true }, (_report, signal) => service.bucketInventory(bucket, signal));
    const destroyed = describeInventory(inventory);
    const typed = await context.prompts.ask({
      title: vscode.l10n.t('Delete bucket "{0}" and everything in it', bucket),
      prompt: vscode.l10n.t('This destroys {0}. Type "{1}" to confirm. This cannot be undone.', destroyed, bucket),
      validateInput: (value) => (value.trim() === bucket ? undefined : vscode.l10n.t('Type the bucket name exactly: {0}', bucket)),
    });
    if (typed !== bucket) {
      throw new Error(vscode.l10n.t('The typed name "{0}" is not "{1}"; nothing was deleted.', typed, bucket));
    }
  }

  await context.prompts.withProgress(vscode.l10n.t('Deleting bucket "{0}"', bucket), { cancellable: true }, async (report, signal) => {
    let done = { deleted: 0, abortedUploads: 0 };
    try {
      done = await emptyBucket(
        service,
        bucket,
        (current) => {
          done = current;
          report(vscode.l10n.t('{0} versions deleted, {1} uploads aborted', formatCount(current.deleted), formatCount(current.abortedUploads)));
        },
        signal,
      );
      await service.deleteBucket(bucket, signal);
      context.log.info(`Deleted bucket ${bucket} (${settings.connectionName}): ${done.deleted} versions, ${done.abortedUploads} incomplete uploads`);
    } catch (error) {
      if (signal.aborted || (error instanceof S3Error && error.kind === 'Cancelled')) {
        // Deletions already made cannot be undone; say exactly what is gone.
        void context.prompts.notify(
          'warning',
          vscode.l10n.t('Deleting "{0}" was cancelled: the bucket remains; {1} and {2} were already deleted.', bucket, plural(done.deleted, 'version or delete marker'), plural(done.abortedUploads, 'incomplete upload')),
        );
        throw new vscode.CancellationError();
      }
      throw error;
    }
  });
  await context.pinned.remove(settings.connectionName, bucket);
  context.tree.refresh(target.parent);
}
