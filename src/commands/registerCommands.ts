import * as vscode from 'vscode';
import type { NodeAddress, S3Node } from '../tree/nodes/s3Node';
import { addBucketByName } from './addBucketByName';
import { addEndpoint } from './addEndpoint';
import type { CommandContext } from './commandContext';
import { compareWith } from './compareWith';
import { copyS3Uri } from './copyS3Uri';
import { createBucket, type CreateBucketInput } from './createBucket';
import { createFolder } from './createFolder';
import { deleteBucket } from './deleteBucket';
import { editEndpoint } from './editEndpoint';
import type { EndpointInput } from './endpointForm';
import { clearFilter, filterListing } from './filterListing';
import { goToS3Uri } from './goToS3Uri';
import { loadMore } from './loadMore';
import { openAsWorkspaceFolder } from './openAsWorkspaceFolder';
import { openAwsConfig } from './openAwsConfig';
import { openObject } from './openObject';
import { openVersion } from './openVersion';
import { refresh } from './refresh';
import { removeBucketFromList } from './removeBucketFromList';
import { removeEndpoint } from './removeEndpoint';
import { compareConflict, overwriteConflict } from './resolveSaveConflict';
import { runCommand } from './runCommand';
import { ssoLogin } from './ssoLogin';

/**
 * Tree commands receive (node, selected nodes) from VS Code's menus; values a test or another
 * command supplies instead of prompting come third, so a selection is never mistaken for them.
 */
export function registerCommands(extension: vscode.ExtensionContext, context: CommandContext): void {
  const commands: Record<string, (...args: never[]) => unknown> = {
    's3Browser.refresh': (target?: S3Node | NodeAddress) => refresh(context.tree, target),
    's3Browser.loadMore': (node: unknown) => loadMore(context.tree, node),
    's3Browser.openAwsConfig': () => openAwsConfig(),
    's3Browser.copyS3Uri': (node: unknown) => copyS3Uri(node),
    's3Browser.addEndpoint': (preset?: EndpointInput) => addEndpoint(context, preset),
    's3Browser.editEndpoint': (target?: unknown, _selection?: unknown, preset?: EndpointInput) => editEndpoint(context, target, preset),
    's3Browser.removeEndpoint': (target?: unknown) => removeEndpoint(context, target),
    's3Browser.addBucketByName': (target?: unknown, _selection?: unknown, name?: string) => addBucketByName(context, target, name),
    's3Browser.removeBucketFromList': (target: unknown) => removeBucketFromList(context, target),
    's3Browser.ssoLogin': (profile: unknown) => ssoLogin(profile),
    's3Browser.createBucket': (target?: unknown, _selection?: unknown, preset?: CreateBucketInput) => createBucket(context, target, preset),
    's3Browser.deleteBucket': (target: unknown) => deleteBucket(context, target),
    // From the notification with the URI, from the palette on the active editor.
    's3Browser.compareConflict': (uri?: unknown) => compareConflict(uri ?? vscode.window.activeTextEditor?.document.uri),
    's3Browser.overwriteConflict': (uri?: unknown) => overwriteConflict(context.fileSystem, context.prompts, uri ?? vscode.window.activeTextEditor?.document.uri),
    's3Browser.createFolder': (target: unknown, _selection?: unknown, name?: string) => createFolder(context, target, name),
    's3Browser.filter': (target: unknown, _selection?: unknown, text?: string) => filterListing(context, target, text),
    's3Browser.clearFilter': (target: unknown) => clearFilter(context, target),
    's3Browser.openObject': (target: unknown, size?: unknown) => openObject(target, size),
    's3Browser.openAsWorkspaceFolder': (target: unknown) => openAsWorkspaceFolder(target),
    's3Browser.compareWith': (target: unknown, selection?: unknown, other?: string) => compareWith(target, selection, other),
    's3Browser.openVersion': (target: unknown, _selection?: unknown, versionId?: string) => openVersion(context, target, versionId),
    's3Browser.goToS3Uri': (text?: string) => goToS3Uri(context, typeof text === 'string' ? text : undefined),
  };
  for (const [id, handler] of Object.entries(commands)) {
    extension.subscriptions.push(vscode.commands.registerCommand(id, runCommand(id, context.log, handler)));
  }
}
