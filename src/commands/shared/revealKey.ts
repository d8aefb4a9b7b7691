import { FolderListing } from '../../tree/nodes/folderListing';
import type { CommandContext } from '../commandContext';

/**
 * Reveals and selects the tree node of a key or folder, expanding its parents and loading their pages
 * on the way (a key on page 3 of a folder too); false when the connection does not list the bucket.
 * Throws when the bucket is listed but the key is not there.
 */
export async function revealKey(context: CommandContext, connectionName: string, bucket: string, key: string, signal?: AbortSignal): Promise<boolean> {
  const root = await context.tree.connectionNode(connectionName);
  if (!root || !(await root.bucketNode(bucket))) {
    return false;
  }
  const node = await context.tree.findNode(connectionName, bucket, key, { signal });
  if (!node) {
    return false;
  }
  await context.treeView.reveal(node, { select: true, focus: true, expand: node instanceof FolderListing });
  return true;
}
