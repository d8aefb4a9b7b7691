// Archived objects (GLACIER, DEEP_ARCHIVE) in words: whether they can be read, or when.
import { l10n } from '../l10n';
import { ARCHIVED_STORAGE_CLASSES } from '../s3/types';
import { localAndUtc } from './format';

/** What `x-amz-restore` says about an archived object; undefined for an object that is not archived. */
export function describeArchive(storageClass: string | undefined, restore: string | undefined): string | undefined {
  if (!ARCHIVED_STORAGE_CLASSES.includes(storageClass ?? '')) {
    return undefined;
  }
  if (!restore) {
    return l10n.t('archived: not readable until restored (Restore from Archive…)');
  }
  if (/ongoing-request="true"/.test(restore)) {
    return l10n.t('archived: a restore is in progress (minutes to hours; up to 48 hours for DEEP_ARCHIVE)');
  }
  const expiry = /expiry-date="([^"]+)"/.exec(restore)?.[1];
  const until = expiry && !Number.isNaN(Date.parse(expiry)) ? localAndUtc(new Date(expiry)) : expiry;
  return until ? l10n.t('archived; the restored copy is readable until {0}', until) : l10n.t('archived; the restored copy is readable');
}
