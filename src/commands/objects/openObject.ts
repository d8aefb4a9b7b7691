import * as vscode from 'vscode';
import { parseS3Location } from '../../fs/s3Location';
import { settings } from '../../settings';
import { ObjectNode } from '../../tree/nodes/objectNode';
import { formatBytes } from '../../ui/format';
import type { CommandContext } from '../commandContext';

/** Set once an object was opened, for the walkthrough. */
export const OPENED_OBJECT_CONTEXT_KEY = 's3Browser.openedObject';

/**
 * `s3Browser.openObject` (the tree's open action): VS Code runs it on a single or a double click as
 * `workbench.list.openMode` says, and the editor is a preview as `workbench.editor.enablePreview`
 * says, as in the Explorer. Large objects need a confirmation above
 * `s3Browser.openWarnAboveMB` and are refused above `s3Browser.openRefuseAboveMB`. VS Code picks
 * the editor for the file type, so images and PDFs open in their viewers.
 */
export async function openObject({ prompts }: CommandContext, target: unknown, knownSize?: unknown): Promise<void> {
  // The tree's click passes (uri, size); the context menu passes the node.
  const uri = target instanceof ObjectNode ? target.uri : target instanceof vscode.Uri ? target : undefined;
  const size = target instanceof ObjectNode ? target.object.size : typeof knownSize === 'number' ? knownSize : undefined;
  if (!uri || size === undefined) {
    throw new Error(vscode.l10n.t('Open works on an object in the S3 explorer.'));
  }
  const { bucket, key } = parseS3Location(uri.authority, uri.path, uri.query);
  const name = `s3://${bucket}/${key}`;
  const refuseAbove = settings.openRefuseAboveBytes();
  const warnAbove = settings.openWarnAboveBytes();
  if (size > refuseAbove) {
    throw new Error(vscode.l10n.t('{0} is {1}, above the {2} limit for opening in the editor (setting s3Browser.openRefuseAboveMB). Download it instead.', name, formatBytes(size), formatBytes(refuseAbove)));
  }
  if (size > warnAbove) {
    await prompts.confirm(vscode.l10n.t('Open {0} object?', formatBytes(size)), vscode.l10n.t('{0} is larger than {1} (setting s3Browser.openWarnAboveMB): it is downloaded whole and kept in memory while open.', name, formatBytes(warnAbove)), vscode.l10n.t('Open'));
  }
  await vscode.commands.executeCommand('vscode.open', uri);
  // Ticks the walkthrough's "Browse and open" step: a click in the tree runs under VS Code's own command id.
  await vscode.commands.executeCommand('setContext', OPENED_OBJECT_CONTEXT_KEY, true);
}
