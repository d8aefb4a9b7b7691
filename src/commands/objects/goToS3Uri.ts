import type { Connection } from '../../profiles/connectionRegistry';
import { parseS3Url, type S3UrlTarget } from '../../s3/s3Url';
import type { CommandContext } from '../commandContext';
import { revealKey } from '../shared/revealKey';
import { l10n } from '../../l10n';

function canServe(connection: Connection, service: S3UrlTarget['service']): boolean {
  const endpoint = connection.settings.endpoint;
  switch (service.kind) {
    case 'any':
      return true;
    case 'aws':
      return endpoint === undefined;
    case 'endpoint':
      return endpoint !== undefined && new URL(endpoint).origin === service.origin;
  }
}

/**
 * `s3Browser.goToS3Uri`: reveals the node of a pasted S3 location, expanding its parents and loading
 * pages as needed (cancellable). The default connection is tried first.
 */
export async function goToS3Uri(context: CommandContext): Promise<void> {
  const text = await context.prompts.ask({ title: l10n.t('Go to S3 URI'), placeHolder: l10n.t('s3://bucket/prefix/key, https://bucket.s3.region.amazonaws.com/key or http://host:port/bucket/key'), validateInput: (value) => { try { parseS3Url(value); return undefined; } catch (error) { return (error as Error).message; } } });
  const target = parseS3Url(text);
  const connections = (await context.connections.list()).filter((connection) => canServe(connection, target.service));
  connections.sort((a, b) => Number(b.settings.connectionName === context.connections.defaultConnectionName) - Number(a.settings.connectionName === context.connections.defaultConnectionName));
  if (connections.length === 0) {
    throw new Error(l10n.t('No connection serves {0}: add a profile or endpoint for {1}.', text, target.service.kind === 'endpoint' ? target.service.origin : 'AWS'));
  }
  await context.prompts.withProgress(l10n.t('Finding s3://{0}/{1}…', target.bucket, target.key), { cancellable: true }, async (_report, signal) => {
    for (const connection of connections) {
      const root = await context.tree.connectionNode(connection.settings.connectionName);
      if (!root || !(await root.bucketNode(target.bucket))) {
        continue;
      }
      if (!(await revealKey(context, connection.settings.connectionName, target.bucket, target.key, signal))) {
        throw new Error(l10n.t('s3://{0}/{1} does not exist ({2}).', target.bucket, target.key, connection.settings.connectionName));
      }
      return;
    }
    throw new Error(l10n.t('No connection lists the bucket "{0}". If your identity cannot list buckets, use "S3: Add Bucket by Name…" first.', target.bucket));
  });
}
