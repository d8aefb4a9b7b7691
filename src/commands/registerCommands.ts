import * as vscode from 'vscode';
import type { S3TreeDataProvider } from '../tree/s3TreeDataProvider';
import type { S3Node } from '../tree/nodes/s3Node';
import type { Log } from '../ui/log';
import { copyS3Uri } from './copyS3Uri';
import { loadMore } from './loadMore';
import { openAwsConfig } from './openAwsConfig';
import { refresh } from './refresh';
import { runCommand } from './runCommand';

export function registerCommands(context: vscode.ExtensionContext, tree: S3TreeDataProvider, log: Log): void {
  const commands: Record<string, (...args: never[]) => unknown> = {
    's3Browser.refresh': (node?: S3Node) => refresh(tree, node),
    's3Browser.loadMore': (node: unknown) => loadMore(tree, node),
    's3Browser.openAwsConfig': () => openAwsConfig(),
    's3Browser.copyS3Uri': (node: unknown) => copyS3Uri(node),
  };
  for (const [id, handler] of Object.entries(commands)) {
    context.subscriptions.push(vscode.commands.registerCommand(id, runCommand(id, log, handler)));
  }
}
