import type { NodeAddress, S3Node } from '../../tree/nodes/s3Node';
import type { S3TreeDataProvider } from '../../tree/s3TreeDataProvider';

function isNode(target: unknown): target is S3Node {
  return typeof (target as S3Node | undefined)?.getTreeItem === 'function';
}

/**
 * `s3Browser.refresh`: a node from its context menu, an address from an error node's Retry, or the
 * whole view from the title bar (and when the addressed node is gone).
 */
export async function refresh(tree: S3TreeDataProvider, target?: S3Node | NodeAddress): Promise<void> {
  tree.refresh(isNode(target) ? target : target ? await tree.nodeAt(target) : undefined);
}
