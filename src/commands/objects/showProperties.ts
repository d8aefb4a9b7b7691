import * as vscode from 'vscode';
import { propertiesUri } from '../../fs/propertiesFileSystem';
import { formatS3Location, S3_SCHEME, withQueryParameter } from '../../fs/s3Location';
import type { CommandContext } from '../commandContext';
import { commandItems } from '../shared/commandTargets';

/**
 * `s3Browser.showProperties`: everything HeadObject, GetObjectTagging and GetObjectAcl say about one
 * object, as a JSON document in the editor; content headers, metadata and tags are edited there and
 * applied on save. An older version's properties are shown read-only.
 */
export async function showProperties(context: CommandContext, target: unknown, selection: unknown): Promise<void> {
  const items = await commandItems(context, target, selection, vscode.l10n.t('an object'), { versions: true });
  const [item] = items;
  if (items.length !== 1 || item.isFolder) {
    throw new Error(vscode.l10n.t('Properties works on one object.'));
  }
  const location = formatS3Location({ connectionName: item.connection.settings.connectionName, bucket: item.bucket, key: item.key });
  const query = item.versionId ? withQueryParameter(location.query, 'versionId', item.versionId) : location.query;
  const objectUri = vscode.Uri.from({ scheme: S3_SCHEME, ...location, query });
  await vscode.commands.executeCommand('vscode.open', propertiesUri(objectUri), { preview: false });
}
