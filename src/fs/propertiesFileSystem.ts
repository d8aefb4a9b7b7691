import * as vscode from 'vscode';
import type { ConnectionRegistry } from '../profiles/connectionRegistry';
import { S3Error } from '../s3/errors';
import type { S3ServiceFactory } from '../s3/serviceFactory';
import type { ObjectAcl } from '../s3/types';
import { runTransfers } from '../transfer/transferEngine';
import { rewriteTask } from '../transfer/rewriteTasks';
import type { KnownAccess } from '../ui/knownAccess';
import { readableByOutsiders } from '../ui/access';
import { s3Text } from '../ui/format';
import { toFileSystemError } from './fileSystemErrors';
import { applyEdits, needsCopy, parseEdits, renderProperties } from './objectProperties';
import { parseS3Location, type S3Location } from './s3Location';

export const PROPERTIES_SCHEME = 's3-properties';
/** Makes the tab say what it is and gives the document JSON highlighting. */
const SUFFIX = '.properties.json';

/** The properties document of an `s3:` object URI. */
export function propertiesUri(objectUri: vscode.Uri): vscode.Uri {
  return objectUri.with({ scheme: PROPERTIES_SCHEME, path: `${objectUri.path}${SUFFIX}` });
}

interface Rendered {
  text: string;
  etag?: string;
  mtime: number;
}

/**
 * An object's properties as an editable JSON document (`s3-properties:`): reading it asks the
 * server (HeadObject, GetObjectTagging, GetObjectAcl); saving it applies the edited content headers,
 * metadata and tags in place — tags alone with PutObjectTagging, anything else by the copy onto
 * itself that keeps everything not edited — only if the object is still the one shown.
 */
export class ObjectPropertiesFileSystem implements vscode.FileSystemProvider {
  private readonly changes = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changes.event;
  private readonly rendered = new Map<string, Rendered>();

  constructor(
    private readonly connections: ConnectionRegistry,
    private readonly services: S3ServiceFactory,
    private readonly knownAccess: KnownAccess,
    private readonly log: (line: string) => void,
  ) {}

  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }

  private location(uri: vscode.Uri): S3Location & { versionId?: string } {
    if (!uri.path.endsWith(SUFFIX)) {
      throw vscode.FileSystemError.FileNotFound(uri);
    }
    return { ...parseS3Location(uri.authority, uri.path.slice(0, -SUFFIX.length), uri.query), versionId: new URLSearchParams(uri.query).get('versionId') ?? undefined };
  }

  private async service(location: S3Location) {
    const connection = await this.connections.get(location.connectionName);
    return { connection, service: await this.services.forBucket(connection.settings, location.bucket) };
  }

  private async render(uri: vscode.Uri): Promise<Rendered> {
    const location = this.location(uri);
    const { connection, service } = await this.service(location);
    const connectionName = connection.settings.connectionName;
    const [head, tags, acl] = await Promise.all([
      service.headObject(location.bucket, location.key, location.versionId),
      service.getObjectTags(location.bucket, location.key, location.versionId),
      // Without s3:GetObjectAcl the rest is still worth showing.
      service.getObjectAcl(location.bucket, location.key, location.versionId).catch((error: unknown): ObjectAcl | undefined => {
        if (error instanceof S3Error && error.kind === 'AccessDenied') {
          return undefined;
        }
        throw error;
      }),
    ]);
    if (acl && !location.versionId) {
      this.knownAccess.remember(connectionName, location.bucket, location.key, readableByOutsiders(acl));
    }
    const previous = this.rendered.get(uri.toString());
    const text = renderProperties({ location: s3Text(location.bucket, location.key), connectionName, head, tags, acl });
    const rendered = { text, etag: head.etag, mtime: Math.max(Date.now(), (previous?.mtime ?? 0) + 1) };
    this.rendered.set(uri.toString(), rendered);
    return rendered;
  }

  async stat(uri: vscode.Uri): Promise<vscode.FileStat> {
    try {
      const rendered = this.rendered.get(uri.toString()) ?? (await this.render(uri));
      // An older version's metadata cannot be changed (S3 has no per-version form): shown read-only.
      const permissions = this.location(uri).versionId ? vscode.FilePermission.Readonly : undefined;
      return { type: vscode.FileType.File, ctime: 0, mtime: rendered.mtime, size: Buffer.byteLength(rendered.text), permissions };
    } catch (error) {
      throw toFileSystemError(error, uri);
    }
  }

  async readFile(uri: vscode.Uri): Promise<Uint8Array> {
    try {
      return Buffer.from((await this.render(uri)).text);
    } catch (error) {
      throw toFileSystemError(error, uri);
    }
  }

  async writeFile(uri: vscode.Uri, content: Uint8Array): Promise<void> {
    const location = this.location(uri);
    if (location.versionId) {
      throw vscode.FileSystemError.NoPermissions(vscode.l10n.t('These are the properties of an older version of {0}, which cannot be changed; nothing was changed.', s3Text(location.bucket, location.key)));
    }
    const shown = this.rendered.get(uri.toString());
    if (!shown) {
      throw vscode.FileSystemError.NoPermissions(vscode.l10n.t('Open the properties before saving them.'));
    }
    let edits;
    try {
      edits = parseEdits(Buffer.from(content).toString('utf8'), shown.text);
    } catch (error) {
      throw vscode.FileSystemError.NoPermissions(error instanceof Error ? error.message : String(error));
    }
    try {
      const { connection, service } = await this.service(location);
      if (connection.settings.readOnly) {
        throw vscode.FileSystemError.NoPermissions(vscode.l10n.t('"{0}" is read-only (setting s3Browser.readOnlyConnections); nothing was changed.', connection.settings.connectionName));
      }
      const head = await service.headObject(location.bucket, location.key);
      if (head.etag !== shown.etag) {
        throw vscode.FileSystemError.NoPermissions(vscode.l10n.t('{0} changed on S3 after these properties were read; nothing was changed. Revert the file to see the current ones, then edit again.', s3Text(location.bucket, location.key)));
      }
      if (needsCopy(head, edits)) {
        const outcome = await runTransfers([rewriteTask(service, location.bucket, location.key, { what: 'metadata', value: 'as edited', change: (current) => applyEdits(current, edits) }, this.log)], { concurrency: 1 });
        if (outcome.failed.length > 0) {
          throw outcome.failed[0].error;
        }
      } else {
        await service.putObjectTags(location.bucket, location.key, edits.tags);
      }
      await this.render(uri);
      this.changes.fire([{ type: vscode.FileChangeType.Changed, uri }]);
    } catch (error) {
      throw toFileSystemError(error, uri);
    }
  }

  readDirectory(): never {
    throw vscode.FileSystemError.NoPermissions(vscode.l10n.t('Properties documents are single files.'));
  }

  createDirectory(): never {
    throw vscode.FileSystemError.NoPermissions(vscode.l10n.t('Properties documents are single files.'));
  }

  delete(): never {
    throw vscode.FileSystemError.NoPermissions(vscode.l10n.t('Delete the object itself from the S3 explorer.'));
  }

  rename(): never {
    throw vscode.FileSystemError.NoPermissions(vscode.l10n.t('Rename the object itself from the S3 explorer.'));
  }

  dispose(): void {
    this.changes.dispose();
  }
}
