import type { CommandContext } from './commandContext';
import { chooseS3Folder } from './chooseS3Folder';
import { uploadLocalUris } from './uploadLocalUris';

/** `s3Browser.uploadFiles`: files from the open dialog into a bucket or folder (the node, or asked from the palette). */
export async function uploadFiles(context: CommandContext, target: unknown): Promise<void> {
  const destination = await chooseS3Folder(context, target, 'Upload Files', { writable: true });
  const uris = await context.prompts.openDialog({
    title: `Upload files to s3://${destination.bucket}/${destination.prefix}`,
    openLabel: 'Upload',
    canSelectFiles: true,
    canSelectFolders: false,
    canSelectMany: true,
  });
  await uploadLocalUris(context, destination, uris);
}
