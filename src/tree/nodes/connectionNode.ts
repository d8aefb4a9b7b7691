import * as vscode from 'vscode';
import type { Connection } from '../../profiles/connectionRegistry';
import type { PinnedBuckets } from '../../profiles/pinnedBuckets';
import type { S3ServiceFactory } from '../../s3/serviceFactory';
import type { BucketSummary } from '../../s3/types';
import type { KnownAccess } from '../../ui/knownAccess';
import { BucketNode } from './bucketNode';
import { MessageNode } from './messageNode';
import type { NodeAddress, S3Node } from './s3Node';
import { contextValue } from './contextValue';

/** Buckets whose versioning is read as soon as they are listed; the rest learn it when expanded. */
const VERSIONING_LOOKUPS = 20;
const VERSIONING_LOOKUP_CONCURRENCY = 4;

const ICONS = { profile: 'cloud', environment: 'terminal', endpoint: 'server' } as const;

/** A root: one AWS profile, the environment's credentials, or a custom endpoint, and its buckets. */
export class ConnectionNode implements S3Node {
  static readonly contextValue = 's3Browser.connection';
  static readonly endpointContextValue = 's3Browser.endpoint';
  readonly parent = undefined;
  /** Bucket nodes are kept so their listings (pages, filters, expanded folders) survive re-rendering. */
  private buckets?: BucketNode[];
  /** Why ListBuckets failed, shown above the buckets added by name (which still work). */
  private listError?: MessageNode;
  /** The ListBuckets on its way: callers at the same time (the view, a command) share it. */
  private listing?: Promise<void>;
  /** Bumped by reset(), so a listing that started before it is dropped rather than stored. */
  private generation = 0;

  constructor(
    readonly connection: Connection,
    private readonly services: S3ServiceFactory,
    private readonly pinned: PinnedBuckets,
    private readonly pageSize: () => number,
    private readonly isDefault: boolean,
    private readonly knownAccess: KnownAccess,
    private readonly changed: (node: S3Node) => void,
    /** Told each time ListBuckets answered (where the leftover-upload check hooks in). */
    private readonly onListed: (connection: Connection) => void = () => undefined,
  ) {}

  get connectionName(): string {
    return this.connection.settings.connectionName;
  }

  get address(): NodeAddress {
    return { connectionName: this.connectionName };
  }

  getTreeItem(): vscode.TreeItem {
    const { settings, kind, origin } = this.connection;
    const item = new vscode.TreeItem(this.connectionName, vscode.TreeItemCollapsibleState.Collapsed);
    item.contextValue = contextValue(kind === 'endpoint' ? ConnectionNode.endpointContextValue : ConnectionNode.contextValue, { readOnly: settings.readOnly === true });
    item.iconPath = new vscode.ThemeIcon(settings.endpoint && kind === 'profile' ? 'server-environment' : ICONS[kind]);
    item.description = [
      this.isDefault && this.connectionName !== 'default' ? 'default' : undefined,
      settings.readOnly ? 'read-only' : undefined,
      settings.endpoint ?? settings.region,
    ]
      .filter(Boolean)
      .join(' · ');
    item.tooltip = [
      kind === 'endpoint' ? vscode.l10n.t('Endpoint: {0}', this.connectionName) : kind === 'environment' ? vscode.l10n.t('Environment credentials: {0}', this.connectionName) : vscode.l10n.t('Profile: {0}', this.connectionName),
      vscode.l10n.t('Region: {0}', settings.region),
      vscode.l10n.t('Endpoint: {0}', settings.endpoint ?? 'AWS'),
      settings.forcePathStyle ? vscode.l10n.t('Addressing: path-style') : vscode.l10n.t('Addressing: virtual-hosted'),
      settings.readOnly ? vscode.l10n.t('Read-only: writes are refused') : undefined,
      vscode.l10n.t('From: {0}', origin),
    ]
      .filter(Boolean)
      .join('\n');
    item.id = `connection\u0000${this.connectionName}`;
    return item;
  }

  /** Lists buckets again on the next expansion. */
  reset(): void {
    this.buckets = undefined;
    this.listError = undefined;
    this.listing = undefined;
    this.generation++;
  }

  /** The bucket's node if buckets were already listed. */
  loadedBucket(name: string): BucketNode | undefined {
    return this.buckets?.find((bucket) => bucket.bucket === name);
  }

  /** The bucket's node among those listed, listing first if needed. */
  async bucketNode(name: string): Promise<BucketNode | undefined> {
    await this.getChildren();
    return this.buckets?.find((bucket) => bucket.bucket === name);
  }

  async getChildren(): Promise<S3Node[]> {
    // Two listings at once would each build their own bucket nodes, and the view would show one set
    // while a refresh-after-upload looked in the other.
    while (!this.buckets) {
      if (!this.listing) {
        const listing = this.listBuckets().finally(() => {
          if (this.listing === listing) {
            this.listing = undefined;
          }
        });
        this.listing = listing;
      }
      await this.listing;
    }
    if (this.listError) {
      return [this.listError, ...this.buckets];
    }
    return this.buckets.length > 0 ? this.buckets : [MessageNode.empty(this, vscode.l10n.t('No buckets'))];
  }

  private async listBuckets(): Promise<void> {
    const generation = this.generation;
    const context = { connection: this.connection, services: this.services, pageSize: this.pageSize, knownAccess: this.knownAccess, changed: this.changed };
    const pinned: BucketSummary[] = this.pinned.list(this.connectionName).map((name) => ({ name }));
    let listed: BucketSummary[];
    try {
      listed = await this.services.get(this.connection.settings).listBuckets();
    } catch (error) {
      if (generation === this.generation) {
        // Identities without s3:ListAllMyBuckets still browse the buckets added by name; their nodes are
        // kept like listed ones (expansion survives, Go to S3 URI and refresh-after-save find them).
        this.listError = MessageNode.error(this, error, this.connectionName);
        this.buckets = pinned.map((bucket) => new BucketNode(this, context, bucket, true));
      }
      return;
    }
    if (generation !== this.generation) {
      return; // refreshed while ListBuckets was on its way: the next loop lists again
    }
    this.onListed(this.connection);
    for (const bucket of listed) {
      if (bucket.region) {
        this.services.rememberRegion(this.connection.settings, bucket.name, bucket.region);
      }
    }
    const listedNames = new Set(listed.map((bucket) => bucket.name));
    this.buckets = [
      ...listed.map((bucket) => new BucketNode(this, context, bucket, false)),
      ...pinned.filter((bucket) => !listedNames.has(bucket.name)).map((bucket) => new BucketNode(this, context, bucket, true)),
    ].sort((a, b) => a.bucket.localeCompare(b.bucket));
    void this.learnVersioning(this.buckets, generation);
  }

  /**
   * Reads the first buckets' versioning in the background, a few at a time, and redraws each that is
   * still collapsed, so its Versions menu offers Enable or Suspend as fits. An expanded bucket is not
   * redrawn (VS Code would drop the versions shown under its objects); it learnt its state itself.
   */
  private async learnVersioning(buckets: BucketNode[], generation: number): Promise<void> {
    const queue = buckets.slice(0, VERSIONING_LOOKUPS);
    const lookUp = async (): Promise<void> => {
      for (let bucket = queue.shift(); bucket && generation === this.generation; bucket = queue.shift()) {
        if (!bucket.isLoaded && (await bucket.resolveVersioning()) !== undefined && !bucket.isLoaded && generation === this.generation) {
          this.changed(bucket);
        }
      }
    };
    await Promise.all(Array.from({ length: VERSIONING_LOOKUP_CONCURRENCY }, lookUp));
  }
}
