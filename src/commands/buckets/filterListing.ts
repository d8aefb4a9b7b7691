import { FolderListing } from '../../tree/nodes/folderListing';
import type { CommandContext } from '../commandContext';
import { l10n } from '../../l10n';

function listingOf(target: unknown, command: string): FolderListing {
  if (!(target instanceof FolderListing)) {
    throw new Error(l10n.t('{0} works on a bucket or folder in the S3 explorer: right-click it.', command));
  }
  return target;
}

/** `s3Browser.filter`: narrows a bucket or folder to keys starting with what is typed (server-side). */
export async function filterListing({ tree, prompts }: CommandContext, target: unknown): Promise<void> {
  const listing = listingOf(target, l10n.t('Filter'));
  const text = await prompts.ask({
    title: l10n.t('Filter s3://{0}/{1}', listing.bucket, listing.prefix),
    prompt: l10n.t('Show only keys that start with this text (matched by S3, so it stays fast on large prefixes).'),
    value: listing.filter,
    placeHolder: 'report-2025',
  });
  listing.setFilter(text);
  tree.refresh(listing);
}

/** `s3Browser.clearFilter` */
export function clearFilter({ tree }: CommandContext, target: unknown): void {
  const listing = listingOf(target, l10n.t('Clear Filter'));
  listing.setFilter('');
  tree.refresh(listing);
}
