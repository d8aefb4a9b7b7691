import * as vscode from 'vscode';
import { withQueryParameter } from '../fs/s3Location';
import { ObjectNode } from '../tree/nodes/objectNode';
import { formatBytes } from '../ui/format';
import type { CommandContext } from './commandContext';

/** `s3Browser.openVersion`: lists an object's versions and opens the chosen one read-only (`?versionId=`). */
export async function openVersion(context: CommandContext, target: unknown): Promise<void> {
  if (!(target instanceof ObjectNode)) {
    throw new Error('Open Version works on an object in the S3 explorer.');
  }
  const connection = await context.connections.get(target.connectionName);
  const service = await context.services.forBucket(connection.settings, target.bucket);
  const versions = (await service.listObjectVersions(target.bucket, target.object.key)).filter((version) => !version.isDeleteMarker);
  if (versions.length <= 1) {
    throw new Error(`s3://${target.bucket}/${target.object.key} has no older versions (is versioning enabled on the bucket?).`);
  }
  const { versionId } = await context.prompts.pick(
    versions.map((version) => ({
      label: version.lastModified?.toISOString() ?? version.versionId,
      description: `${formatBytes(version.size)}${version.isLatest ? ' · latest' : ''}`,
      detail: version.versionId,
      versionId: version.versionId,
    })),
    { title: `Versions of ${target.object.key}` },
  );
  await vscode.commands.executeCommand('vscode.open', target.uri.with({ query: withQueryParameter(target.uri.query, 'versionId', versionId) }), { preview: true });
}
