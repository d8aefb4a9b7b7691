import { FolderListing } from '../../tree/nodes/folderListing';
import { ObjectNode } from '../../tree/nodes/objectNode';
import type { CommandContext } from '../commandContext';
import { TREE_SELECTION } from '../shared/commandTargets';
import { moveOrCopyItems } from './moveOrCopy';
import { s3Clipboard } from './s3Clipboard';
import { l10n } from '../../l10n';

/**
 * `s3Browser.paste` (Ctrl/Cmd+V in the S3 explorer): copies what Copy put aside, or moves what Cut
 * did, into the bucket or folder pasted onto (an object's own folder when pasted onto an object).
 */
export async function pasteItems(context: CommandContext, target: unknown): Promise<void> {
  const node = target === undefined || target === TREE_SELECTION ? context.treeView.selection[0] : target;
  const folder = node instanceof ObjectNode ? node.parent : node;
  if (!(folder instanceof FolderListing)) {
    throw new Error(l10n.t('Paste works on a bucket or folder in the S3 explorer: select where the items go.'));
  }
  const { items, mode } = s3Clipboard;
  if (items.length === 0) {
    throw new Error(l10n.t('Nothing to paste: Cut or Copy objects or folders in the S3 explorer first.'));
  }
  const outcome = await moveOrCopyItems(context, items, { connection: folder.connection, bucket: folder.bucket, prefix: folder.prefix }, mode);
  // What was cut is now where it was pasted; pasting it again would find nothing to move.
  if (mode === 'move' && outcome.failed.length === 0 && !outcome.cancelled) {
    s3Clipboard.clear();
  }
}
