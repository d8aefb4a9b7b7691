import type { CommandContext } from '../commandContext';
import { chooseS3Folder } from '../shared/chooseS3Folder';
import { uploadLocalUris } from './uploadLocalUris';
import { l10n } from '../../l10n';

/** `s3Browser.uploadFolder`: folders from the open dialog, recursively with their layout, into a bucket or folder. */
export async function uploadFolder(context: CommandContext, target: unknown): Promise<void> {
  const destination = await chooseS3Folder(context, target, l10n.t('Upload Folder'), { writable: true });
  const uris = await context.prompts.openDialog({
    title: l10n.t('Upload folders to s3://{0}/{1}', destination.bucket, destination.prefix),
    openLabel: l10n.t('Upload'),
    canSelectFiles: false,
    canSelectFolders: true,
    canSelectMany: true,
  });
  await uploadLocalUris(context, destination, uris);
}
