import type { CommandContext } from './commandContext';
import { commandItems } from './commandTargets';
import { rewriteObjects } from './rewriteObjects';

/**
 * `s3Browser.setEncryption`: objects, folders and selections re-encrypted in place — SSE-S3
 * (AES256) or SSE-KMS with a key id, alias or ARN — by a copy onto itself that keeps everything else.
 */
export async function setEncryption(context: CommandContext, target: unknown, selection: unknown): Promise<void> {
  const items = await commandItems(context, target, selection, 'objects, folders or buckets');
  const { mode } = await context.prompts.pick(
    [
      { label: 'AES256', detail: 'SSE-S3: keys managed by S3', mode: 'AES256' },
      { label: 'aws:kms', detail: 'SSE-KMS: a KMS key (id, alias/name or ARN); every read needs kms:Decrypt on it', mode: 'aws:kms' },
    ],
    { title: 'Set Encryption: server-side encryption' },
  );
  let kmsKeyId: string | undefined;
  if (mode === 'aws:kms') {
    kmsKeyId =
      (await context.prompts.ask({
        title: 'Set Encryption: KMS key',
        prompt: "A key id, alias/name or ARN; empty for the account's AWS managed key (aws/s3).",
        validateInput: (text) => (/\s/.test(text.trim()) ? 'No spaces in a key id, alias or ARN.' : undefined),
      })).trim() || undefined;
  }
  await rewriteObjects(context, items, {
    what: 'encryption',
    value: mode === 'aws:kms' ? `aws:kms (${kmsKeyId ?? 'AWS managed key'})` : 'AES256',
    change: (attributes) => ({ ...attributes, serverSideEncryption: mode, kmsKeyId, bucketKeyEnabled: mode === 'aws:kms' ? attributes.bucketKeyEnabled : undefined }),
  });
}
