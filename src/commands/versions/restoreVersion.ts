import * as vscode from 'vscode';
import { parseS3Location, S3_SCHEME } from '../../fs/s3Location';
import { copyObjectWithAttributes } from '../../transfer/copyAttributes';
import { VersionNode } from '../../tree/nodes/versionNode';
import type { S3Service } from '../../s3/service';
import { formatBytes, localAndUtc, s3Text } from '../../ui/format';
import type { CommandContext } from '../commandContext';

/** The version a command names: a version node, or an `s3:` URI with `?versionId=` (an opened version, from the palette). */
function versionTarget(target: unknown): vscode.Uri {
  if (target instanceof VersionNode) {
    if (target.version.isDeleteMarker) {
      throw new Error(vscode.l10n.t('A delete marker has no content to restore; use Undelete to remove it.'));
    }
    return target.uri;
  }
  const uri = target instanceof vscode.Uri ? target : vscode.window.activeTextEditor?.document.uri;
  if (uri?.scheme !== S3_SCHEME || !new URLSearchParams(uri.query).get('versionId')) {
    throw new Error(vscode.l10n.t('Restore This Version works on a version under an object in the S3 explorer, or on a version opened in the editor (Open Version…).'));
  }
  return uri;
}

/**
 * On a bucket with versioning suspended the restored copy is written as the key's "null" version,
 * replacing the one there (unless the null version is what is restored): said in a modal first.
 * Returns the words for the notification afterwards.
 */
async function confirmSuspendedRestore(context: CommandContext, service: S3Service, bucket: string, key: string, versionId: string): Promise<string> {
  const status = await service.bucketVersioning(bucket);
  if (status !== 'Suspended') {
    return vscode.l10n.t('it is the latest version now, and the versions in between are kept.');
  }
  const nullVersion = (await service.listObjectVersions(bucket, key)).find((version) => version.versionId === 'null' && !version.isDeleteMarker);
  if (nullVersion && versionId !== 'null') {
    await context.prompts.confirm(
      vscode.l10n.t('Restore this version of {0}?', s3Text(bucket, key)),
      vscode.l10n.t('Bucket "{0}" has versioning suspended, so the restored copy is written as the key\'s "null" version: the "null" version there now ({1}) is replaced for good. Versions with an id stay.', bucket, nullVersion.lastModified ? `${formatBytes(nullVersion.size)}, ${localAndUtc(nullVersion.lastModified)}` : formatBytes(nullVersion.size)),
      vscode.l10n.t('Restore'),
    );
    return vscode.l10n.t('it is the latest version now, as the key\'s "null" version (versioning is suspended), which replaced the earlier "null" version.');
  }
  return vscode.l10n.t('it is the latest version now, as the key\'s "null" version (versioning is suspended); the versions in between are kept.');
}

/**
 * `s3Browser.restoreVersion`: copies an older version onto its key (server side, with everything it
 * had: metadata, tags, ACL, encryption), so it becomes the latest; the versions in between stay,
 * except a "null" version that a bucket with versioning suspended replaces (asked first).
 */
export async function restoreVersion(context: CommandContext, target: unknown): Promise<void> {
  const uri = versionTarget(target);
  const location = parseS3Location(uri.authority, uri.path, uri.query);
  const versionId = new URLSearchParams(uri.query).get('versionId')!;
  const connection = await context.connections.get(location.connectionName);
  if (connection.settings.readOnly) {
    throw new Error(vscode.l10n.t('"{0}" is read-only (setting s3Browser.readOnlyConnections); nothing was restored.', connection.settings.connectionName));
  }
  const service = await context.services.forBucket(connection.settings, location.bucket);
  const head = await service.headObject(location.bucket, location.key, versionId);
  const outcome = await confirmSuspendedRestore(context, service, location.bucket, location.key, versionId);
  const endpoint = { connectionName: connection.settings.connectionName, service, bucket: location.bucket };
  await context.prompts.withProgress(vscode.l10n.t('Restoring a version of {0}', s3Text(location.bucket, location.key)), { cancellable: true }, (_report, signal) =>
    copyObjectWithAttributes({ source: { ...endpoint, key: location.key, versionId }, head, keepAccessAndEncryption: true, destination: { ...endpoint, key: location.key }, signal, log: (line) => context.log.info(line) }),
  );
  await context.tree.refreshParentOf(connection.settings.connectionName, location.bucket, location.key);
  void context.prompts.notify('info', vscode.l10n.t('Restored {0} to the version of {1}: {2}', s3Text(location.bucket, location.key), head.lastModified ? localAndUtc(head.lastModified) : versionId, outcome));
}
