import * as vscode from 'vscode';
import { s3Text } from '../ui/format';
import type { Prompts } from '../ui/prompts';
import { FolderListing } from './nodes/folderListing';
import { ObjectNode } from './nodes/objectNode';
import type { S3Node } from './nodes/s3Node';

/** The MIME type VS Code gives nodes dragged inside the S3 explorer (`application/vnd.code.tree.<view id>`). */
export const TREE_MIME = 'application/vnd.code.tree.s3explorer';
const URI_LIST = 'text/uri-list';

/** What a drop does; the extension wires these to the transfer commands. */
export interface DropActions {
  /** Uploads local files and folders (with their layout) into the bucket or folder. */
  upload(destination: FolderListing, files: vscode.Uri[]): Promise<void>;
  /** Moves or copies S3 objects and folders into the bucket or folder. */
  transfer(nodes: Array<ObjectNode | FolderListing>, destination: FolderListing, mode: 'move' | 'copy'): Promise<void>;
}

/** Dropping onto an object drops into the folder that shows it. */
function dropFolder(target: S3Node | undefined): FolderListing | undefined {
  if (target instanceof FolderListing) {
    return target;
  }
  return target instanceof ObjectNode && target.parent instanceof FolderListing ? target.parent : undefined;
}

function transferable(node: unknown): node is ObjectNode | FolderListing {
  return node instanceof ObjectNode || node instanceof FolderListing;
}

/**
 * The dragged nodes. VS Code hands this very item back for a drop within the tree, but first sends
 * its `asString()` to the workbench; nodes link to their parents (not JSON), so that text names them.
 */
class DraggedNodes extends vscode.DataTransferItem {
  constructor(private readonly nodes: Array<ObjectNode | FolderListing>) {
    super(nodes);
  }

  override asString(): Promise<string> {
    const named = this.nodes.map((node) => ({ connectionName: node.connectionName, bucket: node.bucket, key: node instanceof ObjectNode ? node.object.key : node.prefix }));
    return Promise.resolve(JSON.stringify(named));
  }
}

/**
 * Drag & drop in the S3 explorer: nodes dropped on a bucket or folder are moved or copied there (VS
 * Code's tree API does not tell which modifier key was held, so the drop asks, Move first); files
 * and folders from VS Code's Explorer or the OS are uploaded. Dragged nodes also carry their `s3:`
 * URIs, so dropping one on the editor opens it.
 */
export class S3DragAndDropController implements vscode.TreeDragAndDropController<S3Node> {
  readonly dragMimeTypes = [URI_LIST];
  readonly dropMimeTypes = [TREE_MIME, URI_LIST, 'files'];

  constructor(
    private readonly prompts: Prompts,
    private readonly actions: () => DropActions,
    /** The commands' wrapper (log, one notification, silent cancel): a drop is a command without one. */
    private readonly asCommand: (work: () => Promise<void>) => Promise<void>,
  ) {}

  handleDrag(source: readonly S3Node[], dataTransfer: vscode.DataTransfer): void {
    // The workbench's own item for this tree holds only handles; the nodes themselves go under the
    // same mime type, which VS Code keeps as they are for a drop within this tree.
    dataTransfer.set(TREE_MIME, new DraggedNodes(source.filter(transferable)));
    const uris = source.filter((node): node is ObjectNode => node instanceof ObjectNode).map((node) => node.uri.toString());
    if (uris.length > 0) {
      dataTransfer.set(URI_LIST, new vscode.DataTransferItem(uris.join('\r\n')));
    }
  }

  async handleDrop(target: S3Node | undefined, dataTransfer: vscode.DataTransfer, token: vscode.CancellationToken): Promise<void> {
    const destination = dropFolder(target);
    if (!destination || token.isCancellationRequested) {
      return;
    }
    await this.asCommand(async () => {
      const dragged = dataTransfer.get(TREE_MIME)?.value as unknown;
      if (Array.isArray(dragged)) {
        await this.dropNodes(dragged.filter(transferable), destination);
        return;
      }
      const files = await this.localFiles(dataTransfer);
      if (files.length > 0) {
        await this.actions().upload(destination, files);
      }
    });
  }

  private async dropNodes(nodes: Array<ObjectNode | FolderListing>, destination: FolderListing): Promise<void> {
    // Dropping a folder into itself or onto its own place would move nothing (or recurse).
    const moving = nodes.filter((node) => node !== destination && node.parent !== destination && !(node instanceof FolderListing && destination.bucket === node.bucket && destination.prefix.startsWith(node.prefix)));
    if (moving.length === 0) {
      return;
    }
    const what = moving.length === 1 ? `"${moving[0] instanceof ObjectNode ? moving[0].object.key : moving[0].prefix}"` : vscode.l10n.t('{0} items', moving.length);
    const { mode } = await this.prompts.pick(
      [
        { label: vscode.l10n.t('Move {0} to {1}', what, s3Text(destination.bucket, destination.prefix)), mode: 'move' as const },
        { label: vscode.l10n.t('Copy {0} to {1}', what, s3Text(destination.bucket, destination.prefix)), mode: 'copy' as const },
      ],
      { title: vscode.l10n.t('Drop onto {0}', s3Text(destination.bucket, destination.prefix)) },
    );
    await this.actions().transfer(moving, destination, mode);
  }

  /** Local files from VS Code's Explorer (`text/uri-list`) or the OS (`files`, when they have a path). */
  private async localFiles(dataTransfer: vscode.DataTransfer): Promise<vscode.Uri[]> {
    const list = await dataTransfer.get(URI_LIST)?.asString();
    const fromList = (list ?? '')
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.startsWith('#'))
      .map((line) => vscode.Uri.parse(line))
      .filter((uri) => uri.scheme === 'file');
    if (fromList.length > 0) {
      return fromList;
    }
    const files: vscode.Uri[] = [];
    dataTransfer.forEach((item) => {
      const uri = item.asFile()?.uri;
      if (uri?.scheme === 'file') {
        files.push(uri);
      }
    });
    return files;
  }
}
