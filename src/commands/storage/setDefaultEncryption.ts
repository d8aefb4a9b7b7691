import { S3Error } from '../../s3/errors';
import { s3Text } from '../../ui/format';
import type { CommandContext } from '../commandContext';
import { commandItems } from '../shared/commandTargets';
import { chooseEncryption } from '../shared/chooseEncryption';
import { l10n } from '../../l10n';

/**
 * `s3Browser.setDefaultEncryption`: the bucket's default encryption (PutBucketEncryption), what new
 * objects get when their write names none. Existing objects keep theirs; Set Encryption… rewrites them.
 */
export async function setDefaultEncryption(context: CommandContext, target: unknown, selection: unknown): Promise<void> {
  const items = await commandItems(context, target, selection, l10n.t('a bucket'), { buckets: true });
  const buckets = [...new Map(items.map((item) => [`${item.connection.settings.connectionName}\u0000${item.bucket}`, item])).values()];
  const readOnly = buckets.find((item) => item.connection.settings.readOnly);
  if (readOnly) {
    throw new Error(l10n.t('"{0}" is read-only (setting s3Browser.readOnlyConnections); no default encryption was set.', readOnly.connection.settings.connectionName));
  }
  const { mode, kmsKeyId, label } = await chooseEncryption(context.prompts, l10n.t('Set Default Encryption'));
  for (const item of buckets) {
    const service = await context.services.forBucket(item.connection.settings, item.bucket);
    try {
      await service.setBucketEncryption(item.bucket, { algorithm: mode, kmsKeyId });
    } catch (error) {
      if (error instanceof S3Error && (error.kind === 'NotImplemented' || error.code === 'InvalidArgument')) {
        throw new S3Error(error.kind, l10n.t('The server of "{0}" refused a default encryption for bucket "{1}" ({2}): it does not support setting one (Ceph RGW 16 does not). Objects can still be encrypted one by one (Set Encryption…, or the upload options).', item.connection.settings.connectionName, item.bucket, error.code ?? error.kind), error.code);
      }
      throw error;
    }
    void context.prompts.notify('info', l10n.t('New objects in {0} are encrypted with {1} by default. Existing objects keep their encryption (Set Encryption… rewrites them).', s3Text(item.bucket, ''), label));
  }
}
