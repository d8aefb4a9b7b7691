import * as vscode from 'vscode';
import { VersionNode } from '../../tree/nodes/versionNode';
import { localTime } from '../../ui/format';

function when(node: VersionNode): string {
  return node.version.lastModified ? localTime(node.version.lastModified) : node.version.versionId;
}

/**
 * `s3Browser.compareVersionWithCurrent`: VS Code's diff of a version (left, read-only) and the
 * current object (right) — or, with two versions of one object selected, of the older and the newer.
 */
export async function compareVersionWithCurrent(target: unknown, selection?: unknown): Promise<void> {
  if (!(target instanceof VersionNode) || target.version.isDeleteMarker) {
    throw new Error(vscode.l10n.t('Compare works on a version under an object in the S3 explorer (or two selected versions of one object).'));
  }
  const selected = Array.isArray(selection) && selection.includes(target) ? selection.filter((node): node is VersionNode => node instanceof VersionNode) : [];
  if (selected.length === 2) {
    const [a, b] = selected;
    if (a.parent.uri.toString() !== b.parent.uri.toString() || a.version.isDeleteMarker || b.version.isDeleteMarker) {
      throw new Error(vscode.l10n.t('Compare two versions of the same object (delete markers have no content).'));
    }
    const [older, newer] = (a.version.lastModified?.getTime() ?? 0) <= (b.version.lastModified?.getTime() ?? 0) ? [a, b] : [b, a];
    await vscode.commands.executeCommand('vscode.diff', older.uri, newer.uri, `${target.parent.object.key} (${when(older)}) ↔ (${when(newer)})`);
    return;
  }
  await vscode.commands.executeCommand('vscode.diff', target.uri, target.parent.uri, vscode.l10n.t('{0} ({1}) ↔ current', target.parent.object.key, when(target)));
}
