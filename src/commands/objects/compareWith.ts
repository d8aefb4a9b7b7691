import * as vscode from 'vscode';
import { formatS3Location, S3_SCHEME } from '../../fs/s3Location';
import { parseS3Url } from '../../s3/s3Url';
import { ObjectNode } from '../../tree/nodes/objectNode';
import type { CommandContext } from '../commandContext';

/**
 * `s3Browser.compareWith`: with two objects selected, diffs them; with one, asks for the other
 * object's S3 URI (on the same connection) and diffs against it.
 */
export async function compareWith({ prompts }: CommandContext, target: unknown, selection: unknown): Promise<void> {
  if (!(target instanceof ObjectNode)) {
    throw new Error(vscode.l10n.t('Compare works on an object in the S3 explorer.'));
  }
  const selected = Array.isArray(selection) ? selection.filter((node): node is ObjectNode => node instanceof ObjectNode) : [];
  if (selected.length === 2) {
    const [first, second] = selected[0] === target ? selected : [selected[1], selected[0]];
    return diff(first.uri, `s3://${first.bucket}/${first.object.key}`, second.uri, `s3://${second.bucket}/${second.object.key}`);
  }
  const text = await prompts.ask({ title: vscode.l10n.t('Compare s3://{0}/{1} with…', target.bucket, target.object.key), value: `s3://${target.bucket}/`, prompt: vscode.l10n.t('Another object\'s S3 URI (connection "{0}").', target.connectionName) });
  const location = parseS3Url(text);
  const other = vscode.Uri.from({ scheme: S3_SCHEME, ...formatS3Location({ connectionName: target.connectionName, bucket: location.bucket, key: location.key }) });
  return diff(target.uri, `s3://${target.bucket}/${target.object.key}`, other, `s3://${location.bucket}/${location.key}`);
}

async function diff(left: vscode.Uri, leftName: string, right: vscode.Uri, rightName: string): Promise<void> {
  await vscode.commands.executeCommand('vscode.diff', left, right, `${leftName} ↔ ${rightName}`);
}
