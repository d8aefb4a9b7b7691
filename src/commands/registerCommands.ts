import * as vscode from 'vscode';
import type { Registrations } from '../ui/registrations';
import type { NodeAddress, S3Node } from '../tree/nodes/s3Node';
import { copyArn } from './access/copyArn';
import { copyHttpsUrl } from './access/copyHttpsUrl';
import { copyPresignedUploadUrl } from './access/copyPresignedUploadUrl';
import { copyPresignedUrl } from './access/copyPresignedUrl';
import { copyS3Uri } from './access/copyS3Uri';
import { makePrivate } from './access/makePrivate';
import { makePublic } from './access/makePublic';
import { setAccess } from './access/setAccess';
import { showAccess } from './access/showAccess';
import { addBucketByName } from './buckets/addBucketByName';
import { cleanUpIncompleteUploads } from './buckets/cleanUpIncompleteUploads';
import { createBucket } from './buckets/createBucket';
import { deleteBucket } from './buckets/deleteBucket';
import { clearFilter, filterListing } from './buckets/filterListing';
import { findInBucket } from './buckets/findInBucket';
import { loadMore } from './buckets/loadMore';
import { removeBucketFromList } from './buckets/removeBucketFromList';
import { showSize } from './buckets/showSize';
import { addEndpoint } from './connections/addEndpoint';
import { editEndpoint } from './connections/editEndpoint';
import { openAwsConfig } from './connections/openAwsConfig';
import { refresh } from './connections/refresh';
import { removeEndpoint } from './connections/removeEndpoint';
import { ssoLogin } from './connections/ssoLogin';
import { compareWith } from './objects/compareWith';
import { createFolder } from './objects/createFolder';
import { deleteItems } from './objects/deleteItems';
import { goToS3Uri } from './objects/goToS3Uri';
import { openAsWorkspaceFolder } from './objects/openAsWorkspaceFolder';
import { openObject } from './objects/openObject';
import { renameItem } from './objects/renameItem';
import { compareConflict, overwriteConflict } from './objects/resolveSaveConflict';
import { showProperties } from './objects/showProperties';
import { changeStorageClass } from './storage/changeStorageClass';
import { restoreFromArchive } from './storage/restoreFromArchive';
import { setDefaultEncryption } from './storage/setDefaultEncryption';
import { setEncryption } from './storage/setEncryption';
import { copyItems } from './transfers/copyItems';
import { copyTo } from './transfers/copyTo';
import { cutItems } from './transfers/cutItems';
import { download } from './transfers/download';
import { moveTo } from './transfers/moveTo';
import { pasteItems } from './transfers/pasteItems';
import { uploadFiles } from './transfers/uploadFiles';
import { uploadFolder } from './transfers/uploadFolder';
import { uploadToS3 } from './transfers/uploadToS3';
import { uploadWithOptions } from './transfers/uploadWithOptions';
import { compareVersionWithCurrent } from './versions/compareVersion';
import { openVersion } from './versions/openVersion';
import { restoreVersion } from './versions/restoreVersion';
import { setVersioning } from './versions/setVersioning';
import { syncAgain } from './sync/syncAgain';
import { syncLocalToS3 } from './sync/syncLocalToS3';
import { syncS3ToLocal } from './sync/syncS3ToLocal';
import { showDeletedObjects } from './versions/showDeletedObjects';
import { undelete } from './versions/undelete';
import type { CommandContext } from './commandContext';
import { runCommand } from './runCommand';

/**
 * Tree commands receive (node, selected nodes) from VS Code's menus. Whatever else they need they
 * ask through `context.prompts`, never from extra arguments, so no caller can skip a confirmation.
 */
export function registerCommands(registrations: Registrations, context: CommandContext): void {
  const commands: Record<string, (...args: never[]) => unknown> = {
    // Connections: profiles, endpoints, sign-in, the tree's refresh.
    's3Browser.refresh': (target?: S3Node | NodeAddress) => refresh(context.tree, target),
    's3Browser.openAwsConfig': () => openAwsConfig(),
    's3Browser.addEndpoint': () => addEndpoint(context),
    's3Browser.editEndpoint': (target?: unknown) => editEndpoint(context, target),
    's3Browser.removeEndpoint': (target?: unknown) => removeEndpoint(context, target),
    's3Browser.ssoLogin': (profile: unknown) => ssoLogin(profile),
    // Buckets and their listings: create, delete, filter, page, incomplete uploads.
    's3Browser.loadMore': (node: unknown) => loadMore(context.tree, node),
    's3Browser.findInBucket': (target?: unknown) => findInBucket(context, target),
    's3Browser.showSize': (target?: unknown) => showSize(context, target),
    's3Browser.addBucketByName': (target?: unknown) => addBucketByName(context, target),
    's3Browser.removeBucketFromList': (target: unknown) => removeBucketFromList(context, target),
    's3Browser.createBucket': (target?: unknown) => createBucket(context, target),
    's3Browser.deleteBucket': (target: unknown) => deleteBucket(context, target),
    's3Browser.filter': (target: unknown) => filterListing(context, target),
    's3Browser.clearFilter': (target: unknown) => clearFilter(context, target),
    's3Browser.cleanUpIncompleteUploads': (target?: unknown) => cleanUpIncompleteUploads(context, target),
    // Objects and documents: open, compare, create, rename, delete, properties, save conflicts.
    // From the notification with the URI, from the palette on the active editor.
    's3Browser.compareConflict': (uri?: unknown) => compareConflict(uri ?? vscode.window.activeTextEditor?.document.uri),
    's3Browser.overwriteConflict': (uri?: unknown) => overwriteConflict(context.fileSystem, context.prompts, uri ?? vscode.window.activeTextEditor?.document.uri),
    's3Browser.createFolder': (target: unknown) => createFolder(context, target),
    's3Browser.openObject': (target: unknown, size?: unknown) => openObject(context, target, size),
    's3Browser.openAsWorkspaceFolder': (target: unknown) => openAsWorkspaceFolder(target),
    's3Browser.compareWith': (target: unknown, selection?: unknown) => compareWith(context, target, selection),
    's3Browser.goToS3Uri': () => goToS3Uri(context),
    's3Browser.delete': (target: unknown, selection?: unknown) => deleteItems(context, target, selection),
    's3Browser.rename': (target: unknown, selection?: unknown) => renameItem(context, target, selection),
    's3Browser.showProperties': (target?: unknown, selection?: unknown) => showProperties(context, target, selection),
    // Sync: a local folder and an S3 folder made alike, either way, and again.
    's3Browser.syncLocalToS3': (target?: unknown) => syncLocalToS3(context, target),
    's3Browser.syncS3ToLocal': (target?: unknown) => syncS3ToLocal(context, target),
    's3Browser.syncAgain': () => syncAgain(context),
    // Transfers: upload, download, copy and move (also by clipboard and drag & drop).
    's3Browser.download': (target?: unknown, selection?: unknown) => download(context, target, selection),
    's3Browser.uploadFiles': (target?: unknown) => uploadFiles(context, target),
    's3Browser.uploadFolder': (target?: unknown) => uploadFolder(context, target),
    's3Browser.uploadWithOptions': (target?: unknown) => uploadWithOptions(context, target),
    's3Browser.uploadToS3': (uri?: unknown, uris?: unknown) => uploadToS3(context, uri, uris),
    's3Browser.copyTo': (target: unknown, selection?: unknown) => copyTo(context, target, selection),
    's3Browser.moveTo': (target: unknown, selection?: unknown) => moveTo(context, target, selection),
    's3Browser.cut': (target: unknown, selection?: unknown) => cutItems(context, target, selection),
    's3Browser.copy': (target: unknown, selection?: unknown) => copyItems(context, target, selection),
    's3Browser.paste': (target: unknown) => pasteItems(context, target),
    // Access and sharing: ACLs, links, presigned URLs.
    's3Browser.copyS3Uri': (target?: unknown, selection?: unknown) => copyS3Uri(context, target, selection),
    's3Browser.showAccess': (target?: unknown, selection?: unknown) => showAccess(context, target, selection),
    's3Browser.makePublic': (target?: unknown, selection?: unknown) => makePublic(context, target, selection),
    's3Browser.makePrivate': (target?: unknown, selection?: unknown) => makePrivate(context, target, selection),
    's3Browser.setAccess': (target?: unknown, selection?: unknown) => setAccess(context, target, selection),
    's3Browser.copyPresignedUrl': (target?: unknown, selection?: unknown) => copyPresignedUrl(context, target, selection),
    's3Browser.copyPresignedUploadUrl': (target?: unknown, selection?: unknown) => copyPresignedUploadUrl(context, target, selection),
    's3Browser.copyHttpsUrl': (target?: unknown, selection?: unknown) => copyHttpsUrl(context, target, selection),
    's3Browser.copyArn': (target?: unknown, selection?: unknown) => copyArn(context, target, selection),
    // Storage and encryption: encryption, storage class, restore from archive.
    's3Browser.restoreFromArchive': (target?: unknown, selection?: unknown) => restoreFromArchive(context, target, selection),
    's3Browser.setDefaultEncryption': (target?: unknown, selection?: unknown) => setDefaultEncryption(context, target, selection),
    's3Browser.setEncryption': (target?: unknown, selection?: unknown) => setEncryption(context, target, selection),
    's3Browser.changeStorageClass': (target?: unknown, selection?: unknown) => changeStorageClass(context, target, selection),
    // Versions: open, compare, restore, deleted objects, versioning.
    's3Browser.openVersion': (target?: unknown, selection?: unknown) => openVersion(context, target, selection),
    's3Browser.restoreVersion': (target?: unknown) => restoreVersion(context, target),
    's3Browser.compareVersionWithCurrent': (target: unknown, selection?: unknown) => compareVersionWithCurrent(target, selection),
    's3Browser.undelete': (target?: unknown) => undelete(context, target),
    's3Browser.showDeletedObjects': (target: unknown) => showDeletedObjects(context, target, true),
    's3Browser.hideDeletedObjects': (target: unknown) => showDeletedObjects(context, target, false),
    's3Browser.enableVersioning': (target?: unknown, selection?: unknown) => setVersioning(context, target, selection, 'Enabled'),
    's3Browser.suspendVersioning': (target?: unknown, selection?: unknown) => setVersioning(context, target, selection, 'Suspended'),
  };
  for (const [id, handler] of Object.entries(commands)) {
    registrations.add(vscode.l10n.t('the command {0}', id), vscode.l10n.t('the command {0} is not available', id), () => vscode.commands.registerCommand(id, runCommand(id, context.log, context.prompts, handler)));
  }
}
