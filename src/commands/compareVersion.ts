import * as vscode from 'vscode';
import { VersionNode } from '../tree/nodes/versionNode';
import { localAndUtc } from '../ui/format';

/** `s3Browser.compareVersionWithCurrent`: VS Code's diff of a version (left, read-only) and the current object (right). */
export async function compareVersionWithCurrent(target: unknown): Promise<void> {
  if (!(target instanceof VersionNode) || target.version.isDeleteMarker) {
    throw new Error('Compare with Current works on a version under an object in the S3 explorer.');
  }
  const when = target.version.lastModified ? localAndUtc(target.version.lastModified) : target.version.versionId;
  await vscode.commands.executeCommand('vscode.diff', target.uri, target.parent.uri, `${target.parent.object.key} (${when}) ↔ current`);
}
