import type { CommandContext } from '../commandContext';
import { chooseS3Folder } from '../shared/chooseS3Folder';
import { uploadLocalUris } from './uploadLocalUris';
import { l10n } from '../../l10n';

/** `s3Browser.uploadFiles`: files from the open dialog into a bucket or folder (the node, or asked from the palette). */
export async function uploadFiles(context: CommandContext, target: unknown): Promise<void> {
  const destination = await chooseS3Folder(context, target, l10n.t('Upload Files'), { writable: true });
  const uris = await context.prompts.openDialog({
    title: l10n.t('Upload files to s3://{0}/{1}', destination.bucket, destination.prefix),
    openLabel: l10n.t('Upload'),
    canSelectFiles: true,
    canSelectFolders: false,
    canSelectMany: true,
  });
  await uploadLocalUris(context, destination, uris);
}
