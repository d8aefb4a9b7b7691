import type { Prompts } from '../../ui/prompts';
import { l10n } from '../../l10n';

export interface ChosenEncryption {
  mode: 'AES256' | 'aws:kms';
  /** aws:kms only; undefined for the account's AWS managed key (aws/s3). */
  kmsKeyId?: string;
  /** For messages: "aws:kms (testkey-1)", "AES256". */
  label: string;
}

/** SSE-S3 or SSE-KMS with a key id, alias or ARN, asked with `title` as the prefix of each question. */
export async function chooseEncryption(prompts: Prompts, title: string): Promise<ChosenEncryption> {
  const { mode } = await prompts.pick(
    [
      { label: 'AES256', detail: l10n.t('SSE-S3: keys managed by S3'), mode: 'AES256' as const },
      { label: 'aws:kms', detail: l10n.t('SSE-KMS: a KMS key (id, alias/name or ARN); every read needs kms:Decrypt on it'), mode: 'aws:kms' as const },
    ],
    { title: l10n.t('{0}: server-side encryption', title) },
  );
  if (mode === 'AES256') {
    return { mode, label: 'AES256' };
  }
  const kmsKeyId =
    (
      await prompts.ask({
        title: l10n.t('{0}: KMS key', title),
        prompt: l10n.t('A key id, alias/name or ARN; empty for the account\'s AWS managed key (aws/s3).'),
        validateInput: (text) => (/\s/.test(text.trim()) ? l10n.t('No spaces in a key id, alias or ARN.') : undefined),
      })
    ).trim() || undefined;
  return { mode, kmsKeyId, label: l10n.t('aws:kms ({0})', kmsKeyId ?? l10n.t('AWS managed key')) };
}
