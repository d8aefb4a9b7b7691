import type { CommandContext } from '../commandContext';
import { commandItems } from '../shared/commandTargets';
import { chooseEncryption } from '../shared/chooseEncryption';
import { rewriteObjects } from './rewriteObjects';
import { l10n } from '../../l10n';

/**
 * `s3Browser.setEncryption`: objects, folders and selections re-encrypted in place — SSE-S3
 * (AES256) or SSE-KMS with a key id, alias or ARN — by a copy onto itself that keeps everything else.
 */
export async function setEncryption(context: CommandContext, target: unknown, selection: unknown): Promise<void> {
  const items = await commandItems(context, target, selection, l10n.t('objects, folders or buckets'));
  const { mode, kmsKeyId, label } = await chooseEncryption(context.prompts, l10n.t('Set Encryption'));
  await rewriteObjects(context, items, {
    what: 'encryption',
    value: label,
    change: (attributes) => ({ ...attributes, serverSideEncryption: mode, kmsKeyId, bucketKeyEnabled: mode === 'aws:kms' ? attributes.bucketKeyEnabled : undefined }),
  });
}
