import * as vscode from 'vscode';
import type { Prompts } from '../ui/prompts';
import { S3_SCHEME, S3_TEXT_SCHEME } from './s3Location';

/**
 * A workspace folder 0.1.0 opened as `s3://[connection@]bucket/prefix`. Its authority names the bucket;
 * AWS Toolkit's `s3:/region/bucket/key` has none, and is not ours to move.
 */
function isLegacyFolder(uri: vscode.Uri): boolean {
  return uri.scheme === S3_TEXT_SCHEME && uri.authority !== '';
}

/**
 * Offers to reopen 0.1.0's `s3:` workspace folders under this extension's own scheme (same
 * authority, path and query, so the same connection, bucket and prefix).
 */
export async function offerToReopenLegacyFolders(prompts: Prompts): Promise<void> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  const legacy = folders.filter((folder) => isLegacyFolder(folder.uri));
  if (legacy.length === 0) {
    return;
  }
  const reopen = vscode.l10n.t('Reopen');
  const answer = await prompts.notify(
    'info',
    legacy.length === 1
      ? vscode.l10n.t('The workspace folder "{0}" was opened by S3 Browser 0.1.0 as s3://…, a scheme AWS Toolkit also uses. S3 Browser now opens S3 as {1}://…', legacy[0].name, S3_SCHEME)
      : vscode.l10n.t('{0} workspace folders were opened by S3 Browser 0.1.0 as s3://…, a scheme AWS Toolkit also uses. S3 Browser now opens S3 as {1}://…', legacy.length, S3_SCHEME),
    reopen,
  );
  if (answer !== reopen) {
    return;
  }
  // From the last, so each index still points at its folder after the ones after it are replaced.
  for (const folder of [...legacy].reverse()) {
    vscode.workspace.updateWorkspaceFolders(folder.index, 1, { uri: folder.uri.with({ scheme: S3_SCHEME }), name: folder.name });
  }
}
