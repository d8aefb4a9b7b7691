// First: routes src/l10n.ts through vscode.l10n.t before any other module's top level runs.
import './ui/vscodeL10n';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { offerLeftoverCleanUp } from './commands/buckets/cleanUpIncompleteUploads';
import type { CommandContext } from './commands/commandContext';
import { RecentSyncs } from './commands/sync/recentSyncs';
import { SYNC_PREVIEW_SCHEME, SyncPreviews } from './commands/sync/syncPreviews';
import { dropActions } from './commands/transfers/dropActions';
import { registerCommands } from './commands/registerCommands';
import { runCommand } from './commands/runCommand';
import { CURRENT_VERSION_SCHEME, CurrentVersionContentProvider, RefusedSaves } from './commands/objects/resolveSaveConflict';
import { ObjectPropertiesFileSystem, PROPERTIES_SCHEME } from './fs/propertiesFileSystem';
import { offerToReopenLegacyFolders } from './fs/legacyFolders';
import { S3FileSystemProvider } from './fs/s3FileSystemProvider';
import { parseS3Location, S3_SCHEME } from './fs/s3Location';
import { ConnectionRegistry, environmentSource, sharedConfigSource } from './profiles/connectionRegistry';
import { sharedConfigPaths } from './profiles/connections';
import { CustomEndpointStore } from './profiles/customEndpoints';
import { PinnedBuckets } from './profiles/pinnedBuckets';
import { S3ServiceFactory } from './s3/serviceFactory';
import { UploadJournal, type UploadJournalEntry } from './s3/uploadJournal';
import type { S3Node } from './tree/nodes/s3Node';
import { S3DragAndDropController } from './tree/dragAndDrop';
import { S3TreeDataProvider } from './tree/s3TreeDataProvider';
import { setDisplayLocale } from './ui/format';
import { Log } from './ui/log';
import { mfaCodePrompt } from './ui/mfaPrompt';
import { windowPrompts, type Prompts } from './ui/prompts';
import { Registrations } from './ui/registrations';
import { settings } from './settings';

/** What the extension exports, used by its integration tests. */
export interface S3BrowserApi {
  tree: S3TreeDataProvider;
  treeView: vscode.TreeView<S3Node>;
  fileSystem: S3FileSystemProvider;
  /** What the extension asks and tells the user; tests answer and observe by replacing a method. */
  prompts: Prompts;
  /** The S3 output channel; tests read what it was told through `onDidWrite`. */
  log: Log;
  /** The S3 explorer's drag & drop; tests drop through it as VS Code does. */
  dragAndDrop: S3DragAndDropController;
}

const UPLOAD_JOURNAL_KEY = 's3Browser.uploadJournal';

function isReadOnly(name: string): boolean {
  return settings.readOnlyConnections().includes(name);
}

/** Reloads connections when the AWS config or credentials file changes, without a window reload. */
function watchSharedConfig(files: string[], onChange: () => void): vscode.Disposable[] {
  return files.flatMap((file) => {
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(path.dirname(file)), path.basename(file)));
    return [watcher, watcher.onDidChange(onChange), watcher.onDidCreate(onChange), watcher.onDidDelete(onChange)];
  });
}

export function activate(context: vscode.ExtensionContext): S3BrowserApi {
  setDisplayLocale(vscode.env.language);
  const log = new Log();
  const paths = sharedConfigPaths();
  const endpoints = new CustomEndpointStore(context.secrets);
  const prompts = windowPrompts();
  // Looked up on each call, so the MFA prompt goes through the same seam as every other question.
  const mfaCode = mfaCodePrompt((options) => prompts.ask(options));
  const connections = new ConnectionRegistry([sharedConfigSource(paths, { mfaCode }), environmentSource(), endpoints], isReadOnly);
  // In globalState, so uploads left incomplete by a crash are still known in the next window.
  const journal = new UploadJournal({
    load: () => context.globalState.get<UploadJournalEntry[]>(UPLOAD_JOURNAL_KEY, []),
    save: (entries) => context.globalState.update(UPLOAD_JOURNAL_KEY, entries),
  });
  const services = new S3ServiceFactory(
    (line) => log.info(line),
    () => ({ partSizeBytes: settings.multipartPartSizeBytes(), queueSize: settings.multipartQueueSize(), multipartCopyThresholdBytes: settings.multipartCopyThresholdBytes() }),
    journal,
    isReadOnly,
  );
  const pinned = new PinnedBuckets(context.globalState);
  const tree = new S3TreeDataProvider(connections, services, pinned);
  const fileSystem = new S3FileSystemProvider(connections, services, prompts, (line) => log.info(line));
  const properties = new ObjectPropertiesFileSystem(connections, services, tree.knownAccess, (line) => log.info(line));
  const reloadConnections = () => tree.refresh();
  // Drops run the commands' own upload and move/copy, which need the command context made below.
  const dragAndDrop = new S3DragAndDropController(prompts, () => dropActions(commandContext), (work) => runCommand('s3Browser.drop', log, prompts, work)());
  const treeView = vscode.window.createTreeView('s3Explorer', { treeDataProvider: tree, showCollapseAll: true, canSelectMany: true, dragAndDropController: dragAndDrop });

  context.subscriptions.push(log, services, tree, fileSystem, treeView, properties);
  const registrations = new Registrations(context.subscriptions);
  const refusedSaves = new RefusedSaves();
  registrations.add(vscode.l10n.t('the {0}: file system', S3_SCHEME), vscode.l10n.t('objects cannot be opened, edited or saved as documents'), () =>
    vscode.workspace.registerFileSystemProvider(S3_SCHEME, fileSystem, { isCaseSensitive: true }),
  );
  registrations.add(vscode.l10n.t('the {0}: file system', PROPERTIES_SCHEME), vscode.l10n.t('Properties cannot be opened as a document'), () =>
    vscode.workspace.registerFileSystemProvider(PROPERTIES_SCHEME, properties, { isCaseSensitive: true }),
  );
  registrations.add(vscode.l10n.t('the {0}: documents', CURRENT_VERSION_SCHEME), vscode.l10n.t('a refused save cannot be compared with the current object'), () =>
    vscode.workspace.registerTextDocumentContentProvider(CURRENT_VERSION_SCHEME, new CurrentVersionContentProvider(fileSystem)),
  );
  context.subscriptions.push(
    refusedSaves,
    fileSystem.onDidRefuseSave((uri) => refusedSaves.add(uri)),
    ...watchSharedConfig([paths.config, paths.credentials], reloadConnections),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('s3Browser.endpoints') || event.affectsConfiguration('s3Browser.readOnlyConnections')) {
        reloadConnections();
      }
    }),
    context.secrets.onDidChange(reloadConnections),
    fileSystem.onDidChangeFile((events) => {
      for (const { uri } of events) {
        const { connectionName, bucket, key } = parseS3Location(uri.authority, uri.path, uri.query);
        void tree.refreshParentOf(connectionName ?? connections.defaultConnectionName, bucket, key);
      }
    }),
  );
  const syncPreviews = new SyncPreviews();
  registrations.add(vscode.l10n.t('the {0}: documents', SYNC_PREVIEW_SCHEME), vscode.l10n.t('a sync cannot show its preview'), () => vscode.workspace.registerTextDocumentContentProvider(SYNC_PREVIEW_SCHEME, syncPreviews));
  const sync = { recordsFolder: vscode.Uri.joinPath(context.globalStorageUri, 'sync').fsPath, recent: new RecentSyncs(context.workspaceState), previews: syncPreviews };
  const commandContext: CommandContext = { connections, endpoints, pinned, services, tree, treeView, log, fileSystem, prompts, sync };
  registerCommands(registrations, commandContext);
  const { logLines, message } = registrations.report();
  logLines.forEach((line) => log.error(line));
  if (message) {
    void prompts.notify('warning', message);
  }
  void offerToReopenLegacyFolders(prompts);
  // Uploads this extension left incomplete (a crash, a server that died) are offered for clean-up
  // now, and whenever a connection's server answers a bucket listing again.
  const offerCleanUp = (connectionName?: string) =>
    void offerLeftoverCleanUp(commandContext, connectionName).catch((error: unknown) => log.error(`Checking for incomplete uploads left behind: ${error instanceof Error ? error.message : String(error)}`));
  context.subscriptions.push(tree.onDidListBuckets((connection) => offerCleanUp(connection.settings.connectionName)));
  offerCleanUp();
  return { tree, treeView, fileSystem, prompts, log, dragAndDrop };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
