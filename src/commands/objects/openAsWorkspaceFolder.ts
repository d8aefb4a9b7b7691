import * as vscode from 'vscode';
import { formatS3Location, S3_SCHEME } from '../../fs/s3Location';
import { FolderListing } from '../../tree/nodes/folderListing';

/** `s3Browser.openAsWorkspaceFolder`: adds a bucket or folder to the workspace, so the Explorer, Quick Open and editors work on it. */
export function openAsWorkspaceFolder(target: unknown): void {
  if (!(target instanceof FolderListing)) {
    throw new Error(vscode.l10n.t('Open as Workspace Folder works on a bucket or folder in the S3 explorer.'));
  }
  const key = target.prefix.replace(/\/$/, '');
  const uri = vscode.Uri.from({ scheme: S3_SCHEME, ...formatS3Location({ connectionName: target.connectionName, bucket: target.bucket, key }) });
  if (uri.query) {
    // The Explorer builds children by joining names to the folder's path, which cannot hold this prefix.
    throw new Error(vscode.l10n.t('s3://{0}/{1} cannot be a workspace folder: its path has an empty, "." or ".." segment, which VS Code\'s paths cannot hold. Open its parent folder or the bucket instead.', target.bucket, target.prefix));
  }
  const existing = vscode.workspace.workspaceFolders ?? [];
  if (existing.some((folder) => folder.uri.toString() === uri.toString())) {
    return;
  }
  // Added at the end: replacing the first folder would restart every extension host.
  const added = vscode.workspace.updateWorkspaceFolders(existing.length, 0, { uri, name: `S3: ${target.bucket}${target.prefix ? `/${key}` : ''}` });
  if (!added) {
    throw new Error(vscode.l10n.t('VS Code refused to add s3://{0}/{1} as a workspace folder.', target.bucket, target.prefix));
  }
}
