import * as vscode from 'vscode';
import { parseS3Location } from '../fs/s3Location';
import { settings } from '../settings';
import { ObjectNode } from '../tree/nodes/objectNode';
import { formatBytes } from '../ui/format';
import type { CommandContext } from './commandContext';

const DOUBLE_CLICK_MS = 500;
let lastClick: { id: string; at: number } | undefined;

/**
 * `s3Browser.openObject` (the tree's click action): a single click previews, a second click on the
 * same object within half a second opens it for good. Large objects need a confirmation above
 * `s3Browser.openWarnAboveMB` and are refused above `s3Browser.openRefuseAboveMB`. VS Code picks
 * the editor for the file type, so images and PDFs open in their viewers.
 */
export async function openObject({ prompts }: CommandContext, target: unknown, knownSize?: unknown): Promise<void> {
  // The tree's click passes (uri, size); the context menu passes the node.
  const uri = target instanceof ObjectNode ? target.uri : target instanceof vscode.Uri ? target : undefined;
  const size = target instanceof ObjectNode ? target.object.size : typeof knownSize === 'number' ? knownSize : undefined;
  if (!uri || size === undefined) {
    throw new Error('Open works on an object in the S3 explorer.');
  }
  const { bucket, key } = parseS3Location(uri.authority, uri.path, uri.query);
  const name = `s3://${bucket}/${key}`;
  const id = uri.toString();
  const now = Date.now();
  const doubleClick = lastClick?.id === id && now - lastClick.at < DOUBLE_CLICK_MS;
  lastClick = { id, at: now };

  const refuseAbove = settings.openRefuseAboveBytes();
  const warnAbove = settings.openWarnAboveBytes();
  if (size > refuseAbove) {
    throw new Error(`${name} is ${formatBytes(size)}, above the ${formatBytes(refuseAbove)} limit for opening in the editor (setting s3Browser.openRefuseAboveMB). Download it instead.`);
  }
  if (size > warnAbove && !doubleClick) {
    await prompts.confirm(`Open ${formatBytes(size)} object?`, `${name} is larger than ${formatBytes(warnAbove)} (setting s3Browser.openWarnAboveMB): it is downloaded whole and kept in memory while open.`, 'Open');
  }
  await vscode.commands.executeCommand('vscode.open', uri, { preview: !doubleClick });
}
