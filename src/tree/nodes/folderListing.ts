import * as vscode from 'vscode';
import type { Connection } from '../../profiles/connectionRegistry';
import type { S3ServiceFactory } from '../../s3/serviceFactory';
import type { FolderSummary, ObjectSummary } from '../../s3/types';
import { LoadMoreNode } from './loadMoreNode';
import { MessageNode } from './messageNode';
import { ObjectNode } from './objectNode';
import type { S3Node } from './s3Node';

export interface ListingContext {
  connection: Connection;
  services: S3ServiceFactory;
  pageSize(): number;
}

/**
 * A bucket or prefix whose children are listed page by page. The continuation token lives here,
 * so "Load more…" appends the next page and memory grows with the pages shown.
 */
export abstract class FolderListing implements S3Node {
  private folders: FolderSummary[] = [];
  private files: ObjectSummary[] = [];
  private token?: string;
  private loaded = false;

  constructor(
    readonly parent: S3Node | undefined,
    protected readonly context: ListingContext,
    readonly bucket: string,
    readonly prefix: string,
  ) {}

  abstract getTreeItem(): vscode.TreeItem;
  protected abstract createFolderNode(prefix: string): S3Node;

  get hasMore(): boolean {
    return this.token !== undefined;
  }

  /** Forgets loaded pages so the next expansion lists from the start. */
  reset(): void {
    this.folders = [];
    this.files = [];
    this.token = undefined;
    this.loaded = false;
  }

  /** Fetches the next page; errors propagate to the caller (a command). */
  async loadNextPage(): Promise<void> {
    const service = await this.context.services.forBucket(this.context.connection.settings, this.bucket);
    const page = await service.listFolder({ bucket: this.bucket, prefix: this.prefix, token: this.token, pageSize: this.context.pageSize() });
    this.folders.push(...page.folders);
    // A `prefix/` marker object is the folder itself, not a child.
    this.files.push(...page.files.filter((file) => file.key !== this.prefix));
    this.token = page.token;
    this.loaded = true;
  }

  async getChildren(): Promise<S3Node[]> {
    try {
      if (!this.loaded) {
        await this.loadNextPage();
      }
    } catch (error) {
      this.reset();
      return [MessageNode.error(this, error, this.context.connection.settings.id)];
    }
    const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    const children: S3Node[] = [
      ...[...this.folders].sort((a, b) => byName(a.prefix, b.prefix)).map((folder) => this.createFolderNode(folder.prefix)),
      ...[...this.files].sort((a, b) => byName(a.key, b.key)).map((file) => new ObjectNode(this, this.context.connection.settings.id, this.bucket, file)),
    ];
    if (this.token) {
      children.push(new LoadMoreNode(this));
    }
    return children.length > 0 ? children : [MessageNode.empty(this, this.prefix ? 'Empty folder' : 'Empty bucket')];
  }
}
