import * as vscode from 'vscode';
import type { Connection } from '../../profiles/connectionRegistry';
import type { S3ServiceFactory } from '../../s3/serviceFactory';
import type { PrefixSize } from '../../transfer/prefixSize';
import { formatBytes, formatCount, plural } from '../../ui/format';
import type { KnownAccess } from '../../ui/knownAccess';
import { DeletedObjectsNode } from './deletedObjectsNode';
import { LoadMoreNode } from './loadMoreNode';
import { MessageNode } from './messageNode';
import { ObjectNode } from './objectNode';
import type { NodeAddress, S3Node } from './s3Node';

export interface ListingContext {
  connection: Connection;
  services: S3ServiceFactory;
  pageSize(): number;
  knownAccess: KnownAccess;
  /** Re-renders a node whose own item changed (a bucket's versioning learned with its first page). */
  changed(node: S3Node): void;
}

// By name, so `data` sorts before `data-old` (S3 lists `data-old/` first: "-" < "/").
const folderName = (folder: FolderListing) => folder.prefix.slice(0, -1);
const byPrefix = (a: FolderListing, b: FolderListing) => (folderName(a) < folderName(b) ? -1 : folderName(a) > folderName(b) ? 1 : 0);
const byKey = (a: ObjectNode, b: ObjectNode) => (a.object.key < b.object.key ? -1 : a.object.key > b.object.key ? 1 : 0);

/**
 * A bucket or prefix whose children are listed page by page. The continuation token and the child
 * nodes live here, so "Load more…" appends the next page, expanded sub-folders keep their own
 * pages, and memory grows with the pages shown, not with the size of the prefix.
 */
export abstract class FolderListing implements S3Node {
  private folders: FolderListing[] = [];
  private objects: ObjectNode[] = [];
  private token?: string;
  private loaded = false;
  private filterText = '';
  private readonly loadMoreNode = new LoadMoreNode(this);
  /** The page being fetched: a second request (double click, Go to URI racing an expansion) joins it. */
  private loading?: Promise<void>;
  /** Bumped by reset, so a page requested before it is dropped instead of appended. */
  private generation = 0;
  /** "Show Deleted Objects" is on: a node listing the keys deleted at this level comes first. */
  private deletedShown = false;
  /** The bucket's versioning as read with its first page (set on the bucket's own listing). */
  protected versioningStatus?: 'Enabled' | 'Suspended';
  /** What Show Size found, shown in the description and tooltip until the next refresh. */
  measured?: PrefixSize;

  constructor(
    readonly parent: S3Node | undefined,
    protected readonly context: ListingContext,
    readonly bucket: string,
    /** `''` for a bucket root, else the folder's prefix ending in `/`. */
    readonly prefix: string,
  ) {}

  abstract getTreeItem(): vscode.TreeItem;
  protected abstract createFolderNode(prefix: string): FolderListing;

  get connectionName(): string {
    return this.context.connection.settings.connectionName;
  }

  get address(): NodeAddress {
    return { connectionName: this.connectionName, bucket: this.bucket, prefix: this.prefix };
  }

  get connection(): Connection {
    return this.context.connection;
  }

  get hasMore(): boolean {
    return this.token !== undefined;
  }

  /** Whether the bucket keeps versions (enabled, or suspended with versions kept): the bucket listing knows. */
  get bucketVersioning(): 'Enabled' | 'Suspended' | undefined {
    return this.prefix !== '' && this.parent instanceof FolderListing ? this.parent.bucketVersioning : this.versioningStatus;
  }

  get showsDeleted(): boolean {
    return this.deletedShown;
  }

  setShowDeleted(on: boolean): void {
    this.deletedShown = on;
  }

  get isLoaded(): boolean {
    return this.loaded;
  }

  /** The key-prefix filter typed by the user (listed server-side), `''` for none. */
  get filter(): string {
    return this.filterText;
  }

  setFilter(text: string): void {
    this.filterText = text;
    this.reset();
  }

  /** Forgets loaded pages so the next expansion lists from the start. */
  reset(): void {
    this.folders = [];
    this.objects = [];
    this.token = undefined;
    this.loaded = false;
    this.loading = undefined;
    this.measured = undefined;
    this.generation++;
  }

  /** Fetches the next page, one at a time; errors propagate to the caller (a command). */
  loadNextPage(signal?: AbortSignal): Promise<void> {
    if (!this.loading) {
      const loading = this.fetchNextPage(signal).finally(() => {
        if (this.loading === loading) {
          this.loading = undefined;
        }
      });
      this.loading = loading;
    }
    return this.loading;
  }

  private async fetchNextPage(signal?: AbortSignal): Promise<void> {
    const generation = this.generation;
    const service = await this.context.services.forBucket(this.context.connection.settings, this.bucket);
    const page = await service.listFolder({
      bucket: this.bucket,
      prefix: this.prefix + this.filterText,
      token: this.token,
      pageSize: this.context.pageSize(),
      signal,
    });
    if (generation !== this.generation) {
      return; // reset (refresh, filter) while this page was on its way
    }
    this.folders.push(...page.folders.map((folder) => this.createFolderNode(folder.prefix)));
    // A `prefix/` marker object is the folder itself, not a child.
    this.objects.push(...page.files.filter((file) => file.key !== this.prefix).map((file) => new ObjectNode(this, this.context, file)));
    this.folders.sort(byPrefix);
    this.objects.sort(byKey);
    this.token = page.token;
    this.loaded = true;
  }

  /** A loaded child folder or object by its full prefix or key, without listing. */
  loadedChild(prefixOrKey: string): FolderListing | ObjectNode | undefined {
    return this.folders.find((folder) => folder.prefix === prefixOrKey) ?? this.objects.find((object) => object.object.key === prefixOrKey);
  }

  async getChildren(): Promise<S3Node[]> {
    try {
      if (!this.loaded) {
        await this.loadNextPage();
      }
    } catch (error) {
      this.reset();
      return [MessageNode.error(this, error, this.connectionName)];
    }
    const children: S3Node[] = [...(this.deletedShown ? [new DeletedObjectsNode(this, this.context)] : []), ...this.folders, ...this.objects];
    if (this.token && !this.loading) {
      children.push(this.loadMoreNode);
    }
    if (children.length > 0) {
      return children;
    }
    const what = this.filterText ? vscode.l10n.t('No keys start with "{0}"', `${this.prefix}${this.filterText}`) : this.prefix ? vscode.l10n.t('Empty folder') : vscode.l10n.t('Empty bucket');
    return [MessageNode.empty(this, what)];
  }

  protected sizeDescription(): string | undefined {
    return this.measured ? vscode.l10n.t('{0} in {1}', formatBytes(this.measured.bytes), plural(this.measured.objects, 'object')) : undefined;
  }

  /** Show Size's findings, one line each: the total, each storage class, the history of a versioned bucket. */
  protected sizeTooltip(): string | undefined {
    const size = this.measured;
    if (!size) {
      return undefined;
    }
    const classes = Object.entries(size.byStorageClass).map(([storageClass, { objects, bytes }]) => vscode.l10n.t('{0}: {1} in {2}', storageClass, formatBytes(bytes), plural(objects, 'object')));
    const history = size.history
      ? [vscode.l10n.t('Noncurrent versions: {0} ({1})', formatCount(size.history.noncurrentVersions), formatBytes(size.history.noncurrentBytes)), vscode.l10n.t('Delete markers: {0}', formatCount(size.history.deleteMarkers))]
      : [];
    return [vscode.l10n.t('Size: {0} ({1} bytes) in {2}', formatBytes(size.bytes), formatCount(size.bytes), plural(size.objects, 'object')), ...classes, ...history].join('\n');
  }

  protected filterDescription(): string | undefined {
    return this.filterText ? vscode.l10n.t('filter: {0}*', this.filterText) : undefined;
  }
}
