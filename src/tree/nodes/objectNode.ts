import * as vscode from 'vscode';
import { baseName, formatS3Location, S3_SCHEME } from '../../fs/s3Location';
import { ARCHIVED_STORAGE_CLASSES, type ObjectHead, type ObjectSummary } from '../../s3/types';
import { describeArchive } from '../../ui/archive';
import { formatBytes, formatCount, localAndUtc } from '../../ui/format';
import type { OutsideReaders } from '../../ui/knownAccess';
import { contextValue } from './contextValue';
import type { FolderListing, ListingContext } from './folderListing';
import { MessageNode } from './messageNode';
import { VersionNode } from './versionNode';
import type { S3Node } from './s3Node';

/** Server-given text inside a tooltip's markdown: every markdown character taken literally. */
function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, '\\$&');
}

export class ObjectNode implements S3Node {
  static readonly contextValue = 's3Browser.object';

  readonly connectionName: string;
  readonly bucket: string;

  constructor(
    readonly parent: FolderListing,
    private readonly context: ListingContext,
    readonly object: ObjectSummary,
  ) {
    this.connectionName = context.connection.settings.connectionName;
    this.bucket = parent.bucket;
  }

  get uri(): vscode.Uri {
    return vscode.Uri.from({ scheme: S3_SCHEME, ...formatS3Location({ connectionName: this.connectionName, bucket: this.bucket, key: this.object.key }) });
  }

  getTreeItem(): vscode.TreeItem {
    // On a versioned bucket an object expands into its versions and delete markers.
    const versioned = this.parent.bucketVersioning !== undefined;
    const item = new vscode.TreeItem(baseName(this.object.key) || this.object.key, versioned ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    item.contextValue = contextValue(ObjectNode.contextValue, {
      readOnly: this.context.connection.settings.readOnly === true,
      versioned,
      archived: ARCHIVED_STORAGE_CLASSES.includes(this.object.storageClass ?? ''),
      public: this.readers() !== undefined,
    });
    item.resourceUri = this.uri; // file-type icons from the key's extension
    item.description = this.readers() ? `${formatBytes(this.object.size)} · public` : formatBytes(this.object.size);
    item.tooltip = this.tooltip();
    item.id = `${this.connectionName}\u0000${this.bucket}\u0000${this.object.key}`;
    item.command = { command: 's3Browser.openObject', title: vscode.l10n.t('Open'), arguments: [this.uri, this.object.size] };
    return item;
  }

  private readers(): OutsideReaders {
    return this.context.knownAccess.outsideReaders(this.connectionName, this.bucket, this.object.key);
  }

  /** Every version and delete marker, newest first; a failure becomes a message node. */
  async getChildren(): Promise<S3Node[]> {
    try {
      const service = await this.context.services.forBucket(this.context.connection.settings, this.bucket);
      const versions = await service.listObjectVersions(this.bucket, this.object.key);
      return versions.length > 0 ? versions.map((version) => new VersionNode(this, version)) : [MessageNode.empty(this, vscode.l10n.t('No versions'))];
    } catch (error) {
      return [MessageNode.error(this, error, this.connectionName)];
    }
  }

  /** What the listing says; with `head` (read when the tooltip is about to show) also encryption and Content-Type. */
  tooltip(head?: ObjectHead): vscode.MarkdownString {
    const tooltip = new vscode.MarkdownString();
    tooltip.appendText(`s3://${this.bucket}/${this.object.key}\n\n`);
    tooltip.appendMarkdown(vscode.l10n.t('Size: {0} ({1} bytes)  \n', formatBytes(this.object.size), formatCount(this.object.size)));
    if (this.object.lastModified) {
      tooltip.appendMarkdown(vscode.l10n.t('Last modified: {0}  \n', localAndUtc(this.object.lastModified)));
    }
    const storageClass = head ? (head.storageClass ?? 'STANDARD') : this.object.storageClass;
    if (storageClass) {
      tooltip.appendMarkdown(vscode.l10n.t('Storage class: {0}  \n', storageClass));
    }
    if (head) {
      const encryption = head.serverSideEncryption ? (head.kmsKeyId ? vscode.l10n.t('{0} (key {1})', head.serverSideEncryption, head.kmsKeyId) : head.serverSideEncryption) : vscode.l10n.t('none reported');
      tooltip.appendMarkdown(vscode.l10n.t('Encryption: {0}  \nContent-Type: {1}  \n', escapeMarkdown(encryption), escapeMarkdown(head.contentType ?? vscode.l10n.t('none'))));
      const archive = describeArchive(head.storageClass, head.restore);
      if (archive) {
        tooltip.appendMarkdown(`**${escapeMarkdown(archive[0].toUpperCase() + archive.slice(1))}**  \n`);
      }
    }
    const readers = this.readers();
    if (readers) {
      tooltip.appendMarkdown(readers === 'everyone' ? vscode.l10n.t('**Public:** anyone on the internet can read it  \n') : vscode.l10n.t('**Public:** any AWS account can read it  \n'));
    }
    if (this.object.etag) {
      tooltip.appendText(`ETag: ${this.object.etag}`);
    }
    return tooltip;
  }
}
