import { STORAGE_CLASSES } from '../../s3/types';
import type { CommandContext } from '../commandContext';
import { commandItems } from '../shared/commandTargets';
import { rewriteObjects } from './rewriteObjects';
import { l10n } from '../../l10n';

const DESCRIPTIONS: Record<(typeof STORAGE_CLASSES)[number], string> = {
  STANDARD: l10n.t('frequent access'),
  STANDARD_IA: l10n.t('infrequent access: cheaper storage, a fee per GB read, 30-day minimum'),
  ONEZONE_IA: l10n.t('infrequent access in one Availability Zone'),
  INTELLIGENT_TIERING: l10n.t('moved between tiers by access pattern'),
  GLACIER_IR: l10n.t('archive with millisecond reads, 90-day minimum'),
  GLACIER: l10n.t('archive: readable only after a restore (minutes to hours)'),
  DEEP_ARCHIVE: l10n.t('cheapest archive: restore takes up to 48 hours'),
  REDUCED_REDUNDANCY: l10n.t('legacy, not recommended'),
};

/**
 * `s3Browser.changeStorageClass`: objects, folders and selections copied onto themselves in the
 * chosen class, keeping everything else. A class the server does not offer is refused per object
 * with the reason (many S3-compatible servers offer STANDARD only).
 */
export async function changeStorageClass(context: CommandContext, target: unknown, selection: unknown): Promise<void> {
  const items = await commandItems(context, target, selection, l10n.t('objects, folders or buckets'));
  const { storageClass } = await context.prompts.pick(
    STORAGE_CLASSES.map((storageClass) => ({ label: storageClass, detail: DESCRIPTIONS[storageClass], storageClass })),
    { title: l10n.t('Change Storage Class: to which class? (each object is copied onto itself; S3 bills the copy requests)') },
  );
  await rewriteObjects(context, items, { what: 'storage class', value: storageClass, change: (attributes) => ({ ...attributes, storageClass }) });
}
