import * as vscode from 'vscode';
import type { CommandContext } from '../commandContext';
import { chooseS3Folder } from '../shared/chooseS3Folder';
import { uploadLocalUris } from './uploadLocalUris';

function isFileUri(value: unknown): value is vscode.Uri {
  return value instanceof vscode.Uri && value.scheme === 'file';
}

/** `s3Browser.uploadToS3`: files and folders selected in VS Code's Explorer `(uri, uris)`, to a connection, bucket and prefix asked for. */
export async function uploadToS3(context: CommandContext, uri: unknown, uris: unknown): Promise<void> {
  // VS Code passes the whole selection as `uris` when the clicked item is part of it.
  const chosen = Array.isArray(uris) && uris.length > 0 && uris.every(isFileUri) ? uris : isFileUri(uri) ? [uri] : [];
  if (chosen.length === 0) {
    throw new Error(vscode.l10n.t('Upload to S3… works on files and folders in the Explorer: right-click them.'));
  }
  const destination = await chooseS3Folder(context, undefined, vscode.l10n.t('Upload to S3'), { writable: true });
  await uploadLocalUris(context, destination, chosen);
}
