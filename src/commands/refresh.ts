import type { S3Node } from '../tree/nodes/s3Node';
import type { S3TreeDataProvider } from '../tree/s3TreeDataProvider';

/** `s3Browser.refresh`: one node from its context menu, or the whole view from the title bar. */
export function refresh(tree: S3TreeDataProvider, node?: S3Node): void {
  tree.refresh(node);
}
