import * as vscode from 'vscode';
import type { Connection, ConnectionRegistry } from '../profiles/connectionRegistry';
import type { PinnedBuckets } from '../profiles/pinnedBuckets';
import type { S3ServiceFactory } from '../s3/serviceFactory';
import { S3Error } from '../s3/errors';
import { settings } from '../settings';
import { KnownAccess } from '../ui/knownAccess';
import { FolderListing } from './nodes/folderListing';
import { BucketNode } from './nodes/bucketNode';
import { MessageNode } from './nodes/messageNode';
import { ObjectNode } from './nodes/objectNode';
import { ConnectionNode } from './nodes/connectionNode';
import type { NodeAddress, S3Node } from './nodes/s3Node';

export const NO_PROFILES_CONTEXT_KEY = 's3Browser.noProfiles';
/** Edit and Remove Endpoint show in the palette only when there is one to act on. */
export const HAS_ENDPOINTS_CONTEXT_KEY = 's3Browser.hasEndpoints';

export class S3TreeDataProvider implements vscode.TreeDataProvider<S3Node> {
  private readonly changes = new vscode.EventEmitter<S3Node | undefined>();
  readonly onDidChangeTreeData = this.changes.event;
  private readonly bucketsListed = new vscode.EventEmitter<Connection>();
  /** A connection's buckets were listed (expanded or refreshed): its server answers now. */
  readonly onDidListBuckets = this.bucketsListed.event;
  /** Root nodes are kept (and own their children) until the whole view is refreshed. */
  private roots?: Promise<S3Node[]>;
  /** Objects known to be public, marked in the tree. */
  readonly knownAccess = new KnownAccess();

  constructor(
    private readonly connections: ConnectionRegistry,
    private readonly services: S3ServiceFactory,
    private readonly pinned: PinnedBuckets,
  ) {
    // Cached nodes re-render with the new marks; nothing is listed again.
    this.knownAccess.onDidChange(() => this.changes.fire(undefined));
  }

  getTreeItem(node: S3Node): vscode.TreeItem {
    return node.getTreeItem();
  }

  /** Just before an object's tooltip shows: one HEAD adds its encryption and Content-Type (listings do not say). */
  async resolveTreeItem(item: vscode.TreeItem, node: S3Node, token: vscode.CancellationToken): Promise<vscode.TreeItem> {
    if (node instanceof BucketNode) {
      // What the bucket does with new writes (versions, encryption): one request each, when the tooltip is about to show.
      const [status, encryption] = await Promise.all([node.resolveVersioning(), this.defaultEncryption(node)]);
      const base = typeof item.tooltip === 'string' ? item.tooltip.replace(/\nVersioning: .*/, '') : node.bucket;
      item.tooltip = vscode.l10n.t('{0}\nVersioning: {1}\nDefault encryption: {2}', base, status === 'Enabled' ? vscode.l10n.t('enabled') : status === 'Suspended' ? vscode.l10n.t('suspended (versions kept so far stay)') : vscode.l10n.t('never enabled'), encryption);
      return item;
    }
    if (node instanceof ObjectNode) {
      try {
        const connection = await this.connections.get(node.connectionName);
        const service = await this.services.forBucket(connection.settings, node.bucket);
        const abort = new AbortController();
        const subscription = token.onCancellationRequested(() => abort.abort());
        try {
          item.tooltip = node.tooltip(await service.headObject(node.bucket, node.object.key, undefined, abort.signal));
        } finally {
          subscription.dispose();
        }
      } catch {
        // The listing's tooltip stays; the HEAD is a nicety (an identity without s3:GetObject, a deleted key).
      }
    }
    return item;
  }

  private async defaultEncryption(node: BucketNode): Promise<string> {
    try {
      const service = await this.services.forBucket(node.connection.settings, node.bucket);
      const encryption = await service.bucketEncryption(node.bucket);
      if (!encryption) {
        return vscode.l10n.t('none configured');
      }
      const withKey = encryption.kmsKeyId ? vscode.l10n.t('{0} (key {1})', encryption.algorithm, encryption.kmsKeyId) : encryption.algorithm;
      return encryption.bucketKeyEnabled ? vscode.l10n.t('{0}, bucket key', withKey) : withKey;
    } catch (error) {
      return vscode.l10n.t('unknown ({0})', error instanceof S3Error ? (error.code ?? error.kind) : vscode.l10n.t('error'));
    }
  }

  getParent(node: S3Node): S3Node | undefined {
    return node.parent;
  }

  getChildren(node?: S3Node): Promise<S3Node[]> {
    if (node) {
      return node.getChildren ? node.getChildren() : Promise.resolve([]);
    }
    this.roots ??= this.loadRoots();
    return this.roots;
  }

  private async loadRoots(): Promise<S3Node[]> {
    try {
      const connections = await this.connections.list();
      // Drives the "no profiles" welcome view; a blank list with no message helps nobody.
      await vscode.commands.executeCommand('setContext', NO_PROFILES_CONTEXT_KEY, connections.length === 0);
      await vscode.commands.executeCommand('setContext', HAS_ENDPOINTS_CONTEXT_KEY, connections.some((connection) => connection.kind === 'endpoint'));
      return connections.map(
        (connection) =>
          new ConnectionNode(connection, this.services, this.pinned, settings.pageSize, connection.settings.connectionName === this.connections.defaultConnectionName, this.knownAccess, (node) => void this.redrawIfShown(node), (listed) =>
            this.bucketsListed.fire(listed),
          ),
      );
    } catch (error) {
      this.roots = undefined;
      return [MessageNode.error(undefined, error)];
    }
  }

  /** Redraws a node that is still part of the tree; one under a root a refresh replaced is left alone. */
  private async redrawIfShown(node: S3Node): Promise<void> {
    let root = node;
    while (root.parent) {
      root = root.parent;
    }
    const roots = this.roots;
    if (roots && (await roots).includes(root) && this.roots === roots) {
      this.changes.fire(node);
    }
  }

  /** The root node of a connection. */
  async connectionNode(connectionName: string): Promise<ConnectionNode | undefined> {
    return (await this.getChildren()).find((node): node is ConnectionNode => node instanceof ConnectionNode && node.connectionName === connectionName);
  }

  /**
   * The node of `s3://bucket/keyOrPrefix` under a connection, walking folder by folder. With
   * `loadPages` it lists (page after page, cancellable) until each step is found, as "Go to S3 URI"
   * needs; without it only what the tree already loaded is searched, as refreshing after an
   * operation needs.
   */
  async findNode(connectionName: string, bucket: string, keyOrPrefix: string, loadPages: false | { signal?: AbortSignal }): Promise<S3Node | undefined> {
    if (!this.roots && !loadPages) {
      return undefined;
    }
    const root = await this.connectionNode(connectionName);
    let node: S3Node | undefined = root && (loadPages ? await root.bucketNode(bucket) : root.loadedBucket(bucket));
    const steps: string[] = [];
    for (let end = keyOrPrefix.indexOf('/') + 1; end > 0; end = keyOrPrefix.indexOf('/', end) + 1) {
      steps.push(keyOrPrefix.slice(0, end));
    }
    if (keyOrPrefix && !keyOrPrefix.endsWith('/')) {
      steps.push(keyOrPrefix);
    }
    for (const step of steps) {
      if (!(node instanceof FolderListing)) {
        return undefined;
      }
      const listing: FolderListing = node;
      if (loadPages) {
        while (!listing.loadedChild(step) && (!listing.isLoaded || listing.hasMore)) {
          if (loadPages.signal?.aborted) {
            throw new vscode.CancellationError();
          }
          await listing.loadNextPage(loadPages.signal);
        }
      }
      node = listing.loadedChild(step);
    }
    return node;
  }

  /** The loaded node at an address (a connection root, or a bucket/folder listing). */
  async nodeAt(address: NodeAddress): Promise<S3Node | undefined> {
    if (!address.connectionName) {
      return undefined;
    }
    if (address.bucket === undefined) {
      return this.connectionNode(address.connectionName);
    }
    return this.findNode(address.connectionName, address.bucket, address.prefix ?? '', false);
  }

  /** After a write, refreshes the listing that shows `key` if it is loaded; nothing else is listed again. */
  async refreshParentOf(connectionName: string, bucket: string, key: string): Promise<void> {
    const trimmed = key.endsWith('/') ? key.slice(0, -1) : key;
    const parentPrefix = trimmed.slice(0, trimmed.lastIndexOf('/') + 1);
    const parent = await this.findNode(connectionName, bucket, parentPrefix, false);
    if (parent instanceof FolderListing && parent.isLoaded) {
      this.refresh(parent);
    }
  }

  /** Refreshes one node (its listing restarts) or, without a node, the whole view from the config files. */
  refresh(node?: S3Node): void {
    if (node instanceof MessageNode) {
      this.refresh(node.parent);
      return;
    }
    if (!node) {
      this.roots = undefined;
      this.connections.reload();
      this.services.clear();
      this.changes.fire(undefined);
      return;
    }
    if (node instanceof FolderListing || node instanceof ConnectionNode) {
      node.reset();
    }
    this.changes.fire(node);
  }

  /** Draws a node again whose own item changed (not its children). */
  redraw(node: S3Node): void {
    this.changes.fire(node);
  }

  /** Shows the next page of a bucket or folder in place. */
  async loadMore(node: FolderListing, signal?: AbortSignal): Promise<void> {
    await node.loadNextPage(signal);
    this.changes.fire(node);
  }

  dispose(): void {
    this.changes.dispose();
    this.bucketsListed.dispose();
    this.knownAccess.dispose();
  }
}
