import type * as vscode from 'vscode';

/**
 * Where a node is, in plain strings: tree item commands carry this rather than the node, because
 * VS Code keeps non-serializable command arguments in a cache that a refresh can invalidate.
 */
export interface NodeAddress {
  connectionName?: string;
  bucket?: string;
  prefix?: string;
}

/** One node of the S3 explorer. `getChildren` never throws: failures become MessageNodes. */
export interface S3Node {
  readonly parent?: S3Node;
  readonly address?: NodeAddress;
  getTreeItem(): vscode.TreeItem;
  getChildren?(): Promise<S3Node[]>;
}
