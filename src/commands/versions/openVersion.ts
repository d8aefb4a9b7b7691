import * as vscode from 'vscode';
import { formatS3Location, S3_SCHEME, withQueryParameter } from '../../fs/s3Location';
import { formatBytes, localTime, s3Text } from '../../ui/format';
import type { CommandContext } from '../commandContext';
import { commandItems } from '../shared/commandTargets';

/** `s3Browser.openVersion`: lists an object's versions and opens the chosen one read-only (`?versionId=`). */
export async function openVersion(context: CommandContext, target: unknown, selection: unknown): Promise<void> {
  const items = await commandItems(context, target, selection, vscode.l10n.t('an object'), { versions: true });
  if (items.length !== 1 || items[0].isFolder) {
    throw new Error(vscode.l10n.t('Open Version works on one object: select only that object.'));
  }
  const [{ connection, bucket, key }] = items;
  const service = await context.services.forBucket(connection.settings, bucket);
  const versions = (await service.listObjectVersions(bucket, key)).filter((version) => !version.isDeleteMarker);
  if (versions.length <= 1) {
    throw new Error(vscode.l10n.t('{0} has no older versions (is versioning enabled on the bucket?).', s3Text(bucket, key)));
  }
  const { versionId } = await context.prompts.pick(
    versions.map((version) => ({
      label: version.lastModified ? localTime(version.lastModified) : version.versionId,
      description: version.isLatest ? vscode.l10n.t('{0} · latest', formatBytes(version.size)) : formatBytes(version.size),
      detail: version.versionId,
      versionId: version.versionId,
    })),
    { title: vscode.l10n.t('Versions of {0}', key) },
  );
  const location = formatS3Location({ connectionName: connection.settings.connectionName, bucket, key });
  await vscode.commands.executeCommand('vscode.open', vscode.Uri.from({ scheme: S3_SCHEME, ...location, query: withQueryParameter(location.query, 'versionId', versionId) }), { preview: true });
}
