import * as vscode from 'vscode';
import { registerCommands } from './commands/registerCommands';
import { S3FileSystemProvider } from './fs/s3FileSystemProvider';
import { S3_SCHEME } from './fs/s3Location';
import { ConnectionRegistry } from './profiles/connectionRegistry';
import { S3ServiceFactory } from './s3/serviceFactory';
import { S3TreeDataProvider } from './tree/s3TreeDataProvider';
import { Log } from './ui/log';

/** What the extension exports, used by its integration tests. */
export interface S3BrowserApi {
  tree: S3TreeDataProvider;
  fileSystem: S3FileSystemProvider;
}

export function activate(context: vscode.ExtensionContext): S3BrowserApi {
  const log = new Log();
  const connections = new ConnectionRegistry();
  const services = new S3ServiceFactory((line) => log.info(line));
  const tree = new S3TreeDataProvider(connections, services);
  const fileSystem = new S3FileSystemProvider(connections, services);

  context.subscriptions.push(
    log,
    services,
    tree,
    fileSystem,
    vscode.window.createTreeView('s3Explorer', { treeDataProvider: tree, showCollapseAll: true, canSelectMany: true }),
    vscode.workspace.registerFileSystemProvider(S3_SCHEME, fileSystem, { isCaseSensitive: true }),
  );
  registerCommands(context, tree, log);
  return { tree, fileSystem };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
