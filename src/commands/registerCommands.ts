import * as vscode from 'vscode';
import type { Registrations } from '../registrations';
import type { NodeAddress, S3Node } from '../tree/nodes/s3Node';
import { addBucketByName } from './addBucketByName';
import { addEndpoint } from './addEndpoint';
import { cleanUpIncompleteUploads } from './cleanUpIncompleteUploads';
import type { CommandContext } from './commandContext';
import { compareVersionWithCurrent } from './compareVersion';
import { compareWith } from './compareWith';
import { changeStorageClass } from './changeStorageClass';
import { copyArn } from './copyArn';
import { copyHttpsUrl } from './copyHttpsUrl';
import { copyItems } from './copyItems';
import { copyPresignedUploadUrl } from './copyPresignedUploadUrl';
import { copyPresignedUrl } from './copyPresignedUrl';
import { copyS3Uri } from './copyS3Uri';
import { copyTo } from './copyTo';
import { createBucket } from './createBucket';
import { createFolder } from './createFolder';
import { cutItems } from './cutItems';
import { deleteBucket } from './deleteBucket';
import { deleteItems } from './deleteItems';
import { download } from './download';
import { editEndpoint } from './editEndpoint';
import { clearFilter, filterListing } from './filterListing';
import { goToS3Uri } from './goToS3Uri';
import { loadMore } from './loadMore';
import { makePrivate } from './makePrivate';
import { makePublic } from './makePublic';
import { moveTo } from './moveTo';
import { openAsWorkspaceFolder } from './openAsWorkspaceFolder';
import { openAwsConfig } from './openAwsConfig';
import { openObject } from './openObject';
import { openVersion } from './openVersion';
import { pasteItems } from './pasteItems';
import { refresh } from './refresh';
import { removeBucketFromList } from './removeBucketFromList';
import { removeEndpoint } from './removeEndpoint';
import { renameItem } from './renameItem';
import { restoreFromArchive } from './restoreFromArchive';
import { restoreVersion } from './restoreVersion';
import { compareConflict, overwriteConflict } from './resolveSaveConflict';
import { runCommand } from './runCommand';
import { setAccess } from './setAccess';
import { setDefaultEncryption } from './setDefaultEncryption';
import { setEncryption } from './setEncryption';
import { setVersioning } from './setVersioning';
import { showAccess } from './showAccess';
import { showDeletedObjects } from './showDeletedObjects';
import { showProperties } from './showProperties';
import { ssoLogin } from './ssoLogin';
import { undelete } from './undelete';
import { uploadFiles } from './uploadFiles';
import { uploadFolder } from './uploadFolder';
import { uploadWithOptions } from './uploadWithOptions';
import { uploadToS3 } from './uploadToS3';

/**
 * Tree commands receive (node, selected nodes) from VS Code's menus. Whatever else they need they
 * ask through `context.prompts`, never from extra arguments, so no caller can skip a confirmation.
 */
export function registerCommands(registrations: Registrations, context: CommandContext): void {
  const commands: Record<string, (...args: never[]) => unknown> = {
    's3Browser.refresh': (target?: S3Node | NodeAddress) => refresh(context.tree, target),
    's3Browser.loadMore': (node: unknown) => loadMore(context.tree, node),
    's3Browser.openAwsConfig': () => openAwsConfig(),
    's3Browser.copyS3Uri': (target?: unknown, selection?: unknown) => copyS3Uri(context, target, selection),
    's3Browser.addEndpoint': () => addEndpoint(context),
    's3Browser.editEndpoint': (target?: unknown) => editEndpoint(context, target),
    's3Browser.removeEndpoint': (target?: unknown) => removeEndpoint(context, target),
    's3Browser.addBucketByName': (target?: unknown) => addBucketByName(context, target),
    's3Browser.removeBucketFromList': (target: unknown) => removeBucketFromList(context, target),
    's3Browser.ssoLogin': (profile: unknown) => ssoLogin(profile),
    's3Browser.createBucket': (target?: unknown) => createBucket(context, target),
    's3Browser.deleteBucket': (target: unknown) => deleteBucket(context, target),
    // From the notification with the URI, from the palette on the active editor.
    's3Browser.compareConflict': (uri?: unknown) => compareConflict(uri ?? vscode.window.activeTextEditor?.document.uri),
    's3Browser.overwriteConflict': (uri?: unknown) => overwriteConflict(context.fileSystem, context.prompts, uri ?? vscode.window.activeTextEditor?.document.uri),
    's3Browser.createFolder': (target: unknown) => createFolder(context, target),
    's3Browser.filter': (target: unknown) => filterListing(context, target),
    's3Browser.clearFilter': (target: unknown) => clearFilter(context, target),
    's3Browser.openObject': (target: unknown, size?: unknown) => openObject(context, target, size),
    's3Browser.openAsWorkspaceFolder': (target: unknown) => openAsWorkspaceFolder(target),
    's3Browser.compareWith': (target: unknown, selection?: unknown) => compareWith(context, target, selection),
    's3Browser.openVersion': (target?: unknown, selection?: unknown) => openVersion(context, target, selection),
    's3Browser.goToS3Uri': () => goToS3Uri(context),
    's3Browser.download': (target?: unknown, selection?: unknown) => download(context, target, selection),
    's3Browser.cleanUpIncompleteUploads': (target?: unknown) => cleanUpIncompleteUploads(context, target),
    's3Browser.uploadFiles': (target?: unknown) => uploadFiles(context, target),
    's3Browser.uploadFolder': (target?: unknown) => uploadFolder(context, target),
    's3Browser.uploadWithOptions': (target?: unknown) => uploadWithOptions(context, target),
    's3Browser.uploadToS3': (uri?: unknown, uris?: unknown) => uploadToS3(context, uri, uris),
    's3Browser.delete': (target: unknown, selection?: unknown) => deleteItems(context, target, selection),
    's3Browser.copyTo': (target: unknown, selection?: unknown) => copyTo(context, target, selection),
    's3Browser.moveTo': (target: unknown, selection?: unknown) => moveTo(context, target, selection),
    's3Browser.rename': (target: unknown, selection?: unknown) => renameItem(context, target, selection),
    's3Browser.cut': (target: unknown, selection?: unknown) => cutItems(context, target, selection),
    's3Browser.copy': (target: unknown, selection?: unknown) => copyItems(context, target, selection),
    's3Browser.paste': (target: unknown) => pasteItems(context, target),
    's3Browser.restoreFromArchive': (target?: unknown, selection?: unknown) => restoreFromArchive(context, target, selection),
    's3Browser.restoreVersion': (target?: unknown) => restoreVersion(context, target),
    's3Browser.compareVersionWithCurrent': (target: unknown, selection?: unknown) => compareVersionWithCurrent(target, selection),
    's3Browser.undelete': (target?: unknown) => undelete(context, target),
    's3Browser.showDeletedObjects': (target: unknown) => showDeletedObjects(context, target, true),
    's3Browser.hideDeletedObjects': (target: unknown) => showDeletedObjects(context, target, false),
    's3Browser.enableVersioning': (target?: unknown, selection?: unknown) => setVersioning(context, target, selection, 'Enabled'),
    's3Browser.suspendVersioning': (target?: unknown, selection?: unknown) => setVersioning(context, target, selection, 'Suspended'),
    's3Browser.showProperties': (target?: unknown, selection?: unknown) => showProperties(context, target, selection),
    's3Browser.showAccess': (target?: unknown, selection?: unknown) => showAccess(context, target, selection),
    's3Browser.makePublic': (target?: unknown, selection?: unknown) => makePublic(context, target, selection),
    's3Browser.makePrivate': (target?: unknown, selection?: unknown) => makePrivate(context, target, selection),
    's3Browser.setAccess': (target?: unknown, selection?: unknown) => setAccess(context, target, selection),
    's3Browser.copyPresignedUrl': (target?: unknown, selection?: unknown) => copyPresignedUrl(context, target, selection),
    's3Browser.copyPresignedUploadUrl': (target?: unknown, selection?: unknown) => copyPresignedUploadUrl(context, target, selection),
    's3Browser.copyHttpsUrl': (target?: unknown, selection?: unknown) => copyHttpsUrl(context, target, selection),
    's3Browser.copyArn': (target?: unknown, selection?: unknown) => copyArn(context, target, selection),
    's3Browser.setDefaultEncryption': (target?: unknown, selection?: unknown) => setDefaultEncryption(context, target, selection),
    's3Browser.setEncryption': (target?: unknown, selection?: unknown) => setEncryption(context, target, selection),
    's3Browser.changeStorageClass': (target?: unknown, selection?: unknown) => changeStorageClass(context, target, selection),
  };
  for (const [id, handler] of Object.entries(commands)) {
    registrations.add(vscode.l10n.t('the command {0}', id), vscode.l10n.t('the command {0} is not available', id), () => vscode.commands.registerCommand(id, runCommand(id, context.log, context.prompts, handler)));
  }
}
