import * as vscode from 'vscode';
import { withQueryParameter } from '../../fs/s3Location';
import type { ObjectVersion } from '../../s3/types';
import { formatBytes, localAndUtc, localTime } from '../../ui/format';
import type { ObjectNode } from './objectNode';
import type { S3Node } from './s3Node';

/** One version or delete marker of an object on a versioned bucket. */
export class VersionNode implements S3Node {
  static readonly contextValue = 's3Browser.version';
  static readonly deleteMarkerContextValue = 's3Browser.deleteMarker';

  constructor(
    readonly parent: ObjectNode,
    readonly version: ObjectVersion,
  ) {}

  /** The version, read-only in the editor (`?versionId=`). */
  get uri(): vscode.Uri {
    const objectUri = this.parent.uri;
    return objectUri.with({ query: withQueryParameter(objectUri.query, 'versionId', this.version.versionId) });
  }

  getTreeItem(): vscode.TreeItem {
    const { version } = this;
    const when = version.lastModified ? localTime(version.lastModified) : version.versionId;
    const item = new vscode.TreeItem(when, vscode.TreeItemCollapsibleState.None);
    item.description = [version.isDeleteMarker ? vscode.l10n.t('delete marker') : formatBytes(version.size), version.isLatest ? vscode.l10n.t('latest') : undefined].filter(Boolean).join(' · ');
    item.contextValue = version.isDeleteMarker ? VersionNode.deleteMarkerContextValue : `${VersionNode.contextValue}${version.isLatest ? ';latest' : ''}`;
    item.iconPath = new vscode.ThemeIcon(version.isDeleteMarker ? 'trash' : version.isLatest ? 'circle-filled' : 'history');
    item.tooltip = [
      version.isDeleteMarker
        ? version.isLatest
          ? vscode.l10n.t('Delete marker {0} (latest)', String(version.versionId))
          : vscode.l10n.t('Delete marker {0}', String(version.versionId))
        : version.isLatest
          ? vscode.l10n.t('Version {0} (latest)', String(version.versionId))
          : vscode.l10n.t('Version {0}', String(version.versionId)),
      s3Name(this.parent),
      version.lastModified ? (version.isDeleteMarker ? vscode.l10n.t('Deleted {0}', localAndUtc(version.lastModified)) : vscode.l10n.t('Written {0}', localAndUtc(version.lastModified))) : undefined,
    ]
      .filter(Boolean)
      .join('\n');
    item.id = `${this.parent.connectionName}\u0000${this.parent.bucket}\u0000${this.parent.object.key}\u0000${version.versionId}`;
    if (!version.isDeleteMarker) {
      item.command = { command: 'vscode.open', title: vscode.l10n.t('Open Version'), arguments: [this.uri, { preview: true }] };
    }
    return item;
  }
}

function s3Name(object: ObjectNode): string {
  return `s3://${object.bucket}/${object.object.key}`;
}
