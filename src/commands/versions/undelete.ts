import * as vscode from 'vscode';
import { parseS3Location, S3_SCHEME, S3_TEXT_SCHEME } from '../../fs/s3Location';
import { DeletedObjectNode } from '../../tree/nodes/deletedObjectsNode';
import { VersionNode } from '../../tree/nodes/versionNode';
import { s3Text } from '../../ui/format';
import type { CommandContext } from '../commandContext';

/**
 * `s3Browser.undelete`: removes the delete marker that hides a key (a deleted object under "Deleted
 * objects", or the latest delete marker among an object's versions), so the newest version before it
 * is current again. From the palette it asks for the key's `s3://` URI.
 */
export async function undelete(context: CommandContext, target: unknown): Promise<void> {
  let connectionName: string | undefined;
  let bucket: string;
  let key: string;
  let markerVersionId: string | undefined;
  if (target instanceof DeletedObjectNode) {
    ({ connectionName, bucket } = target);
    key = target.deleted.key;
    markerVersionId = target.deleted.markerVersionId;
  } else if (target instanceof VersionNode && target.version.isDeleteMarker) {
    ({ connectionName, bucket } = target.parent);
    key = target.parent.object.key;
    if (!target.version.isLatest) {
      throw new Error(vscode.l10n.t('That delete marker of {0} is not the latest version, so the object is not deleted by it; nothing to undelete.', s3Text(bucket, key)));
    }
    markerVersionId = target.version.versionId;
  } else if (target === undefined || target instanceof vscode.Uri) {
    const uri =
      target ??
      vscode.Uri.parse(
        await context.prompts.ask({
          title: vscode.l10n.t('Undelete: the deleted key'),
          placeHolder: vscode.l10n.t('s3://bucket/key or s3://connection@bucket/key'),
          validateInput: (value) => (/^s3:\/\/[^/]+\/.+[^/]$/.test(value.trim()) ? undefined : vscode.l10n.t('Enter s3://bucket/key (an object, not a folder).')),
        }),
      );
    if (uri.scheme !== S3_SCHEME && uri.scheme !== S3_TEXT_SCHEME) {
      throw new Error(vscode.l10n.t('Undelete works on an s3:// key.'));
    }
    ({ connectionName, bucket, key } = parseS3Location(uri.authority, uri.path, uri.query));
  } else {
    throw new Error(vscode.l10n.t('Undelete works on a deleted object or a latest delete marker in the S3 explorer.'));
  }
  const connection = await context.connections.get(connectionName);
  if (connection.settings.readOnly) {
    throw new Error(vscode.l10n.t('"{0}" is read-only (setting s3Browser.readOnlyConnections); nothing was undeleted.', connection.settings.connectionName));
  }
  const service = await context.services.forBucket(connection.settings, bucket);
  if (!markerVersionId) {
    const latest = (await service.listObjectVersions(bucket, key)).find((version) => version.isLatest);
    if (!latest?.isDeleteMarker) {
      throw new Error(latest ? vscode.l10n.t('{0} is not deleted: its latest version is an object.', s3Text(bucket, key)) : vscode.l10n.t('{0} has no versions: nothing to undelete (was the bucket versioned when it was deleted?).', s3Text(bucket, key)));
    }
    markerVersionId = latest.versionId;
  }
  await service.deleteObjects(bucket, [{ key, versionId: markerVersionId }]);
  await context.tree.refreshParentOf(connection.settings.connectionName, bucket, key);
  void context.prompts.notify('info', vscode.l10n.t('Undeleted {0}: its delete marker is removed and the newest version before it is current again.', s3Text(bucket, key)));
}
