import { FolderListing } from '../../tree/nodes/folderListing';
import type { CommandContext } from '../commandContext';
import { l10n } from '../../l10n';

/** `s3Browser.showDeletedObjects` / `hideDeletedObjects`: a "Deleted objects" node first in a bucket or folder, listing keys whose latest version is a delete marker. */
export function showDeletedObjects(context: CommandContext, target: unknown, on: boolean): void {
  if (!(target instanceof FolderListing)) {
    throw new Error(l10n.t('Show Deleted Objects works on a bucket or folder in the S3 explorer.'));
  }
  target.setShowDeleted(on);
  context.tree.refresh(target);
}
