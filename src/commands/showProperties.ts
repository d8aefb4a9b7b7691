import * as vscode from 'vscode';
import { propertiesUri } from '../fs/propertiesFileSystem';
import { formatS3Location, S3_SCHEME } from '../fs/s3Location';
import type { CommandContext } from './commandContext';
import { commandItems } from './commandTargets';

/**
 * `s3Browser.showProperties`: everything HeadObject, GetObjectTagging and GetObjectAcl say about one
 * object, as a JSON document in the editor; content headers, metadata and tags are edited there and
 * applied on save.
 */
export async function showProperties(context: CommandContext, target: unknown, selection: unknown): Promise<void> {
  const items = await commandItems(context, target, selection, 'an object');
  const [item] = items;
  if (items.length !== 1 || item.isFolder) {
    throw new Error('Properties works on one object.');
  }
  const objectUri = vscode.Uri.from({ scheme: S3_SCHEME, ...formatS3Location({ connectionName: item.connection.settings.connectionName, bucket: item.bucket, key: item.key }) });
  await vscode.commands.executeCommand('vscode.open', propertiesUri(objectUri), { preview: false });
}
