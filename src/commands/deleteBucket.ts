import * as vscode from 'vscode';
import { emptyBucket } from '../s3/emptyBucket';
import { S3Error } from '../s3/errors';
import type { BucketInventory } from '../s3/types';
import { BucketNode } from '../tree/nodes/bucketNode';
import type { CommandContext } from './commandContext';
import { formatCount } from '../ui/format';

function count(value: number, singular: string, plural = `${singular}s`): string {
  return `${formatCount(value)} ${value === 1 ? singular : plural}`;
}

/** "12 objects, 40 older versions, 3 delete markers and 1 incomplete upload". */
function describeInventory({ objects, noncurrentVersions, deleteMarkers, incompleteUploads }: BucketInventory): string {
  const parts = [count(objects, 'object'), count(noncurrentVersions, 'older version'), count(deleteMarkers, 'delete marker'), count(incompleteUploads, 'incomplete upload')];
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

/**
 * `s3Browser.deleteBucket`: a plain confirmation only for a bucket with no objects, no history
 * (old versions, delete markers) and no incomplete uploads; anything else is counted and needs the
 * bucket's name typed. Then everything is removed (with progress, cancellable) before the bucket.
 */
export async function deleteBucket(context: CommandContext, target: unknown): Promise<void> {
  if (!(target instanceof BucketNode)) {
    throw new Error('Delete Bucket works on a bucket in the S3 explorer: right-click it.');
  }
  const { bucket } = target;
  const settings = target.connection.settings;
  const service = await context.services.forBucket(settings, bucket);
  // A versioned bucket whose objects were all deleted lists as empty but still holds every version.
  const contents = await service.bucketContents(bucket);
  const isEmpty = !contents.hasObjects && !contents.hasHistory && !contents.hasIncompleteUploads;

  if (isEmpty) {
    await context.prompts.confirm(`Delete the empty bucket "${bucket}"?`, `Connection: ${settings.connectionName}. It holds no objects, versions or incomplete uploads. This cannot be undone.`, 'Delete Bucket');
  } else {
    const inventory = await context.prompts.withProgress(`Counting what "${bucket}" holds…`, { cancellable: true }, (_report, signal) => service.bucketInventory(bucket, signal));
    const destroyed = describeInventory(inventory);
    const typed = await context.prompts.ask({
      title: `Delete bucket "${bucket}" and everything in it`,
      prompt: `This destroys ${destroyed}. Type "${bucket}" to confirm. This cannot be undone.`,
      validateInput: (value) => (value.trim() === bucket ? undefined : `Type the bucket name exactly: ${bucket}`),
    });
    if (typed !== bucket) {
      throw new Error(`The typed name "${typed}" is not "${bucket}"; nothing was deleted.`);
    }
  }

  await context.prompts.withProgress(`Deleting bucket "${bucket}"`, { cancellable: true }, async (report, signal) => {
    let done = { deleted: 0, abortedUploads: 0 };
    try {
      done = await emptyBucket(
        service,
        bucket,
        (current) => {
          done = current;
          report(`${formatCount(current.deleted)} versions deleted, ${current.abortedUploads} uploads aborted`);
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
          `Deleting "${bucket}" was cancelled: the bucket remains; ${count(done.deleted, 'object version or delete marker', 'object versions and delete markers')} and ${count(done.abortedUploads, 'incomplete upload')} were already deleted.`,
        );
        throw new vscode.CancellationError();
      }
      throw error;
    }
  });
  await context.pinned.remove(settings.connectionName, bucket);
  context.tree.refresh(target.parent);
}
