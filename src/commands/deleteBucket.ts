import * as vscode from 'vscode';
import { S3Error } from '../s3/errors';
import { BucketNode } from '../tree/nodes/bucketNode';
import { ask, confirm } from '../ui/prompts';
import type { CommandContext } from './commandContext';

export interface DeleteBucketInput {
  /** The bucket name typed as confirmation (tests and scripts pass it instead of typing). */
  confirmation?: string;
}

/**
 * `s3Browser.deleteBucket`: an empty bucket after a plain confirmation; a non-empty one only after
 * the user types its name, then every object version, delete marker and incomplete multipart
 * upload is removed (with progress, cancellable) before the bucket itself.
 */
export async function deleteBucket(context: CommandContext, target: unknown, preset: DeleteBucketInput = {}): Promise<void> {
  if (!(target instanceof BucketNode)) {
    throw new Error('Delete Bucket works on a bucket in the S3 explorer: right-click it.');
  }
  const { bucket } = target;
  const settings = target.connection.settings;
  const service = await context.services.forBucket(settings, bucket);
  const firstPage = await service.listFolder({ bucket, prefix: '', pageSize: 1 });
  const looksEmpty = firstPage.files.length === 0 && firstPage.folders.length === 0;

  if (looksEmpty && preset.confirmation === undefined) {
    await confirm(`Delete the empty bucket "${bucket}"?`, `Connection: ${settings.id}. This cannot be undone.`, 'Delete Bucket');
  }
  if (!looksEmpty || preset.confirmation !== undefined) {
    const typed =
      preset.confirmation ??
      (await ask({
        title: `Delete bucket "${bucket}" and everything in it`,
        prompt: `Type "${bucket}" to delete every object, every version and delete marker, and every incomplete upload in it. This cannot be undone.`,
        validateInput: (value) => (value.trim() === bucket ? undefined : `Type the bucket name exactly: ${bucket}`),
      }));
    if (typed !== bucket) {
      throw new Error(`The typed name "${typed}" is not "${bucket}"; nothing was deleted.`);
    }
  }

  await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Deleting bucket "${bucket}"`, cancellable: true },
    async (progress, token) => {
      const abort = new AbortController();
      const cancellation = token.onCancellationRequested(() => abort.abort());
      try {
        const result = await service.emptyBucket(
          bucket,
          ({ deleted, abortedUploads }) => progress.report({ message: `${deleted.toLocaleString('en-US')} versions deleted, ${abortedUploads} uploads aborted` }),
          abort.signal,
        );
        await service.deleteBucket(bucket, abort.signal);
        context.log.info(`Deleted bucket ${bucket} (${settings.id}): ${result.deleted} versions, ${result.abortedUploads} incomplete uploads`);
      } catch (error) {
        if (abort.signal.aborted || (error instanceof S3Error && error.kind === 'Cancelled')) {
          // Deletions already made cannot be undone; say what state the bucket is in.
          void vscode.window.showWarningMessage(`Deleting "${bucket}" was cancelled: the bucket remains, and part of its contents may already be deleted.`);
          throw new vscode.CancellationError();
        }
        throw error;
      } finally {
        cancellation.dispose();
      }
    },
  );
  await context.pinned.remove(settings.id, bucket);
  context.tree.refresh(target.parent);
}
