import type { CommandContext } from '../commandContext';
import { chooseS3Folder } from '../shared/chooseS3Folder';
import { chooseUploadOptions, uploadLocalUris } from './uploadLocalUris';
import { l10n } from '../../l10n';

/**
 * `s3Browser.uploadWithOptions`: files or folders into a bucket or folder with a storage class,
 * encryption, ACL and Cache-Control chosen for this upload; the other upload commands use the settings.
 */
export async function uploadWithOptions(context: CommandContext, target: unknown): Promise<void> {
  const destination = await chooseS3Folder(context, target, l10n.t('Upload with Options'), { writable: true });
  const options = await chooseUploadOptions(context.prompts);
  const uris = await context.prompts.openDialog({
    title: l10n.t('Upload to s3://{0}/{1}', destination.bucket, destination.prefix),
    openLabel: l10n.t('Upload'),
    canSelectFiles: true,
    canSelectFolders: true,
    canSelectMany: true,
  });
  await uploadLocalUris(context, destination, uris, options);
}
