import * as vscode from 'vscode';
import { ObjectNode } from '../tree/nodes/objectNode';
import { FolderListing } from '../tree/nodes/folderListing';

/** `s3Browser.copyS3Uri`: the plain `s3://bucket/key` form the aws CLI accepts. */
export async function copyS3Uri(node: unknown): Promise<void> {
  let uri: string;
  if (node instanceof ObjectNode) {
    uri = `s3://${node.bucket}/${node.object.key}`;
  } else if (node instanceof FolderListing) {
    uri = `s3://${node.bucket}/${node.prefix}`;
  } else {
    throw new Error('Copy S3 URI works on a bucket, folder or object in the S3 explorer.');
  }
  await vscode.env.clipboard.writeText(uri);
  vscode.window.setStatusBarMessage(`Copied ${uri}`, 3000);
}
