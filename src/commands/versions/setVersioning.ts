import { s3Text } from '../../ui/format';
import type { CommandContext } from '../commandContext';
import { commandItems } from '../shared/commandTargets';
import { l10n } from '../../l10n';

/**
 * `s3Browser.enableVersioning` / `suspendVersioning` on a bucket (or the bucket of the selection or
 * the active `s3:` editor). Suspending is confirmed: existing versions stay (and are billed), new
 * writes replace the `null` version.
 */
export async function setVersioning(context: CommandContext, target: unknown, selection: unknown, status: 'Enabled' | 'Suspended'): Promise<void> {
  const items = await commandItems(context, target, selection, l10n.t('a bucket'), { buckets: true });
  const buckets = [...new Map(items.map((item) => [`${item.connection.settings.connectionName}\u0000${item.bucket}`, item])).values()];
  if (status === 'Suspended') {
    await context.prompts.confirm(
      l10n.t('Suspend versioning of {0}?', buckets.map((item) => `"${item.bucket}"`).join(', ')),
      l10n.t('The versions kept so far stay (and are stored and billed) until they are deleted. From now on an overwrite or delete replaces the object\'s "null" version instead of keeping the old data.'),
      l10n.t('Suspend Versioning'),
    );
  }
  for (const item of buckets) {
    if (item.connection.settings.readOnly) {
      throw new Error(l10n.t('"{0}" is read-only (setting s3Browser.readOnlyConnections); versioning of "{1}" was not changed.', item.connection.settings.connectionName, item.bucket));
    }
    const service = await context.services.forBucket(item.connection.settings, item.bucket);
    await service.setBucketVersioning(item.bucket, status);
    const node = await context.tree.findNode(item.connection.settings.connectionName, item.bucket, '', false);
    if (node) {
      context.tree.refresh(node);
    }
    void context.prompts.notify('info', status === 'Enabled' ? l10n.t('Versioning of {0} is enabled: every overwrite and delete keeps the previous version.', s3Text(item.bucket, '')) : l10n.t('Versioning of {0} is suspended.', s3Text(item.bucket, '')));
  }
}
