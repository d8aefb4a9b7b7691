import * as vscode from 'vscode';
import { folderPrefix, parseS3Location, S3_SCHEME, S3_TEXT_SCHEME } from '../../fs/s3Location';
import type { Connection } from '../../profiles/connectionRegistry';
import { S3Error } from '../../s3/errors';
import { FolderListing } from '../../tree/nodes/folderListing';
import { ObjectNode } from '../../tree/nodes/objectNode';
import { s3Text } from '../../ui/format';
import type { CommandContext } from '../commandContext';
import { pickS3Item } from './pickS3Item';

/** One object or folder a command acts on. */
export interface S3Item {
  connection: Connection;
  bucket: string;
  /** An object's key, or a folder's prefix ending in `/` (`''` for a bucket's root). */
  key: string;
  isFolder: boolean;
  /** Known when the item came from a listing. */
  size?: number;
  /** An older version, opened in the editor (`?versionId=`); only commands that take one accept it. */
  versionId?: string;
}

function itemName(item: S3Item): string {
  return `${item.connection.settings.connectionName}\u0000${item.bucket}\u0000${item.key}`;
}

/** Drops items inside a selected folder, so a folder and one of its objects are not worked on twice. */
function outermost(items: S3Item[]): S3Item[] {
  const unique = [...new Map(items.map((item) => [itemName(item), item])).values()];
  const folders = unique.filter((item) => item.isFolder);
  return unique.filter(
    (item) =>
      !folders.some(
        (folder) =>
          folder !== item &&
          folder.connection.settings.connectionName === item.connection.settings.connectionName &&
          folder.bucket === item.bucket &&
          item.key.startsWith(folder.key),
      ),
  );
}

async function fromNode(context: CommandContext, node: unknown): Promise<S3Item | undefined> {
  if (node instanceof ObjectNode) {
    return { connection: await context.connections.get(node.connectionName), bucket: node.bucket, key: node.object.key, isFolder: false, size: node.object.size };
  }
  if (node instanceof FolderListing) {
    return { connection: node.connection, bucket: node.bucket, key: node.prefix, isFolder: true };
  }
  return undefined;
}

/** An `s3:` URI names an object or a folder; which one is asked of the server (an object wins, as in the Explorer). */
async function fromUri(context: CommandContext, uri: vscode.Uri): Promise<S3Item> {
  const location = parseS3Location(uri.authority, uri.path, uri.query);
  const connection = await context.connections.get(location.connectionName);
  const service = await context.services.forBucket(connection.settings, location.bucket);
  const versionId = new URLSearchParams(uri.query).get('versionId') ?? undefined;
  if (versionId !== undefined) {
    const head = await service.headObject(location.bucket, location.key, versionId);
    return { connection, bucket: location.bucket, key: location.key, isFolder: false, size: head.size, versionId };
  }
  if (location.key !== '') {
    try {
      const head = await service.headObject(location.bucket, location.key);
      return { connection, bucket: location.bucket, key: location.key, isFolder: false, size: head.size };
    } catch (error) {
      if (!(error instanceof S3Error && error.kind === 'NotFound')) {
        throw error;
      }
    }
  }
  const prefix = folderPrefix(location.key);
  const page = await service.listFolder({ bucket: location.bucket, prefix, pageSize: 1 });
  if (location.key !== '' && page.files.length === 0 && page.folders.length === 0) {
    throw new Error(vscode.l10n.t('Nothing is at s3://{0}/{1}: no object and no folder with that name.', location.bucket, location.key));
  }
  return { connection, bucket: location.bucket, key: prefix, isFolder: true };
}

/**
 * The argument the S3 explorer's keybindings pass (Delete, F2, Ctrl+X/C/V): the tree's selection,
 * never the active editor, since the key was pressed in the tree.
 */
export const TREE_SELECTION = 's3Browser.treeSelection';

/** A document of this extension's own scheme. */
function isS3Uri(value: unknown): value is vscode.Uri {
  return value instanceof vscode.Uri && value.scheme === S3_SCHEME;
}

/**
 * A URI passed as a command argument: ours, or `s3://bucket/key` as callers (and 0.1.0) build it. An
 * `s3:` URI without a bucket in its authority is AWS Toolkit's (`s3:/region/bucket/key`), not ours.
 */
function isS3Argument(value: unknown): value is vscode.Uri {
  return isS3Uri(value) || (value instanceof vscode.Uri && value.scheme === S3_TEXT_SCHEME && value.authority !== '');
}

/**
 * What a command acts on, from any way it can be run: the tree (clicked node and the selection),
 * VS Code's Explorer convention `(uri, uris)` with `s3:` URIs, or the palette (the active `s3:`
 * editor, else the tree's selection). `what` completes "…works on": "objects or folders". An older
 * version open in the editor is refused unless the command acts on `versionId` (`versions`).
 */
export async function commandItems(context: CommandContext, target: unknown, selection: unknown, what: string, options: { versions?: boolean; buckets?: boolean } = {}): Promise<S3Item[]> {
  const items = await itemsOf(context, target, selection, what, options.buckets ?? false);
  const version = options.versions ? undefined : items.find((item) => item.versionId !== undefined);
  if (version) {
    throw new Error(
      vscode.l10n.t('This command acts on the current object, not on an older version: the editor shows version {0} of {1}. Run it on the object in the S3 explorer, or make this version current first with Restore This Version.', String(version.versionId), s3Text(version.bucket, version.key)),
    );
  }
  return items;
}

async function itemsOf(context: CommandContext, target: unknown, selection: unknown, what: string, buckets: boolean): Promise<S3Item[]> {
  if (target === undefined || target === TREE_SELECTION) {
    const active = vscode.window.activeTextEditor?.document.uri;
    if (target === undefined && isS3Uri(active)) {
      return [await fromUri(context, active)];
    }
    const selected = (await Promise.all(context.treeView.selection.map((node) => fromNode(context, node)))).filter((item): item is S3Item => item !== undefined);
    if (selected.length > 0) {
      return outermost(selected);
    }
    if (target === TREE_SELECTION) {
      throw new Error(vscode.l10n.t('This command works on {0}: select them in the S3 explorer.', what));
    }
    // From the palette with nothing open or selected: the user picks it.
    return [await pickS3Item(context, what, { bucketOnly: buckets })];
  }
  if (isS3Argument(target)) {
    const uris = Array.isArray(selection) && selection.length > 0 && selection.every(isS3Argument) ? selection : [target];
    return outermost(await Promise.all(uris.map((uri) => fromUri(context, uri))));
  }
  const clicked = await fromNode(context, target);
  if (!clicked) {
    throw new Error(vscode.l10n.t('This command works on {0} in the S3 explorer.', what));
  }
  // VS Code passes the selection only when the clicked node is part of it.
  const nodes = Array.isArray(selection) && selection.includes(target) ? selection : [target];
  const items = await Promise.all(nodes.map((node) => fromNode(context, node)));
  return outermost(items.filter((item): item is S3Item => item !== undefined));
}
