import type * as vscode from 'vscode';

/** One node of the S3 explorer. `getChildren` never throws: failures become MessageNodes. */
export interface S3Node {
  readonly parent?: S3Node;
  getTreeItem(): vscode.TreeItem;
  getChildren?(): Promise<S3Node[]>;
}
