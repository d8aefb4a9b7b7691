import * as vscode from 'vscode';
import type { Connection, ConnectionRegistry } from '../profiles/connectionRegistry';
import { keyLengthProblem, S3Error } from '../s3/errors';
import type { S3Service } from '../s3/service';
import type { S3ServiceFactory } from '../s3/serviceFactory';
import type { ObjectHead } from '../s3/types';
import { settings } from '../settings';
import { attributesOf, copyObjectWithAttributes, type BucketEndpoint } from '../transfer/copyAttributes';
import type { CopyJob } from '../transfer/copyTasks';
import { deleteFolder, reportDroppedAcl, transferFolder, type FolderJobHost } from '../transfer/folderJobs';
import { formatBytes, s3Text } from '../ui/format';
import type { Prompts } from '../ui/prompts';
import { contentTypeForKey } from '../s3/contentType';
import { toFileSystemError } from './fileSystemErrors';
import { folderEntries, HiddenKeysNotice } from './folderEntries';
import { SaveConflicts } from './saveConflicts';
import { baseName, folderPrefix, parseS3Location, type S3Location } from './s3Location';

interface Target {
  connection: Connection;
  service: S3Service;
  location: S3Location;
  /** Writes refused: a read-only connection, or an older version (`?versionId=`). */
  readOnlyReason?: string;
  versionId?: string;
}

function isNotFound(error: unknown): boolean {
  return error instanceof S3Error && error.kind === 'NotFound';
}

/**
 * Objects as files and prefixes as folders, for `s3://[connection@]bucket/key[?versionId=…]` URIs.
 * A save is conditional on the ETag the document's content is based on (If-Match, plus a HEAD
 * comparison for servers that ignore it; saveConflicts.ts keeps those ETags) and keeps everything
 * the object had; folder operations page through their keys with progress and Cancel and stop at
 * the first failure (src/transfer/folderJobs.ts).
 */
export class S3FileSystemProvider implements vscode.FileSystemProvider {
  private readonly changes = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changes.event;
  private readonly saves = new SaveConflicts();
  /** A save was refused because someone else changed the object; the UI offers Compare / Overwrite. */
  readonly onDidRefuseSave = this.saves.onDidRefuseSave;
  private readonly hiddenKeys: HiddenKeysNotice;

  constructor(
    private readonly connections: ConnectionRegistry,
    private readonly services: S3ServiceFactory,
    private readonly prompts: Prompts,
    private readonly log: (line: string) => void = () => undefined,
  ) {
    this.hiddenKeys = new HiddenKeysNotice(prompts, log);
  }

  watch(): vscode.Disposable {
    // S3 has no change notifications; the provider reports its own writes through onDidChangeFile.
    return new vscode.Disposable(() => undefined);
  }

  private async target(uri: vscode.Uri): Promise<Target> {
    const location = parseS3Location(uri.authority, uri.path, uri.query);
    const connection = await this.connections.get(location.connectionName);
    const versionId = new URLSearchParams(uri.query).get('versionId') ?? undefined;
    const readOnlyReason = versionId
      ? vscode.l10n.t('This is an older version ({0}) of {1}; versions are read-only.', versionId, s3Text(location.bucket, location.key))
      : connection.settings.readOnly
        ? vscode.l10n.t('"{0}" is read-only (setting s3Browser.readOnlyConnections).', connection.settings.connectionName)
        : undefined;
    return { connection, service: await this.services.forBucket(connection.settings, location.bucket), location, readOnlyReason, versionId };
  }

  /** Runs an operation and rethrows its failure as a FileSystemError, as the contract requires. */
  private async run<T>(uri: vscode.Uri, operation: (target: Target) => Promise<T>): Promise<T> {
    try {
      return await operation(await this.target(uri));
    } catch (error) {
      throw toFileSystemError(error, uri);
    }
  }

  private writable(target: Target, key = target.location.key): void {
    if (target.readOnlyReason) {
      throw vscode.FileSystemError.NoPermissions(target.readOnlyReason);
    }
    const problem = keyLengthProblem(key);
    if (problem) {
      throw vscode.FileSystemError.NoPermissions(problem);
    }
  }

  private async headOrUndefined(service: S3Service, bucket: string, key: string, versionId?: string): Promise<ObjectHead | undefined> {
    if (key === '' || key.endsWith('/')) {
      return undefined;
    }
    try {
      return await service.headObject(bucket, key, versionId);
    } catch (error) {
      if (isNotFound(error)) {
        return undefined;
      }
      throw error;
    }
  }

  /** Whether any key lies under the folder: S3 folders exist only through their keys. */
  private async folderExists(service: S3Service, bucket: string, key: string): Promise<boolean> {
    const page = await service.listFolder({ bucket, prefix: folderPrefix(key), pageSize: 1 });
    return page.files.length > 0 || page.folders.length > 0;
  }

  /** `a` next to `a/x`: the Explorer can show only one of them, so operations on the name refuse. */
  private clash(bucket: string, key: string): vscode.FileSystemError {
    return vscode.FileSystemError.NoPermissions(
      vscode.l10n.t('{0} is both an object and a folder ({1}…), so "{2}" is ambiguous here and nothing was changed. Use the S3 explorer, which shows both.', s3Text(bucket, key), s3Text(bucket, folderPrefix(key)), baseName(key)),
    );
  }

  stat(uri: vscode.Uri): Promise<vscode.FileStat> {
    return this.run(uri, async ({ service, location: { bucket, key }, readOnlyReason, versionId }) => {
      const permissions = readOnlyReason ? vscode.FilePermission.Readonly : undefined;
      const directory: vscode.FileStat = { type: vscode.FileType.Directory, ctime: 0, mtime: 0, size: 0, permissions };
      if (key === '') {
        await service.listFolder({ bucket, prefix: '', pageSize: 1 });
        return directory;
      }
      const head = await this.headOrUndefined(service, bucket, key, versionId);
      if (head) {
        // Only the mtime moves here; the ETag a save is conditional on stays the one last read.
        const mtime = versionId ? (head.lastModified?.getTime() ?? 0) : this.saves.stamp(uri, head.etag, head.lastModified);
        return { type: vscode.FileType.File, ctime: mtime, mtime, size: head.size, permissions };
      }
      if (await this.folderExists(service, bucket, key)) {
        return directory;
      }
      throw vscode.FileSystemError.FileNotFound(uri);
    });
  }

  readDirectory(uri: vscode.Uri): Promise<[string, vscode.FileType][]> {
    return this.run(uri, async ({ service, location: { bucket, key } }) => {
      const prefix = folderPrefix(key);
      const { folders, files, hidden } = await folderEntries(service, bucket, prefix);
      this.hiddenKeys.report(uri, bucket, prefix, hidden);
      const clashes = [...files].filter((name) => folders.has(name));
      if (clashes.length > 0) {
        this.log(`Shown as folders only in the Explorer (an object has the same name): ${clashes.map((name) => s3Text(bucket, prefix + name)).join(', ')}`);
      }
      const entries: [string, vscode.FileType][] = [
        ...[...folders].map((name): [string, vscode.FileType] => [name, vscode.FileType.Directory]),
        ...[...files].filter((name) => !folders.has(name)).map((name): [string, vscode.FileType] => [name, vscode.FileType.File]),
      ];
      if (entries.length === 0 && hidden.length === 0 && prefix !== '' && !(await this.folderExists(service, bucket, key))) {
        throw vscode.FileSystemError.FileNotFound(uri);
      }
      return entries;
    });
  }

  readFile(uri: vscode.Uri): Promise<Uint8Array> {
    return this.run(uri, async ({ service, location: { bucket, key }, versionId }) => {
      if (key === '' || key.endsWith('/')) {
        throw vscode.FileSystemError.FileIsADirectory(uri);
      }
      const limit = settings.openRefuseAboveBytes();
      let content;
      try {
        content = await service.getObject(bucket, key, versionId, undefined, limit);
      } catch (error) {
        if (error instanceof S3Error && error.kind === 'TooLarge') {
          throw vscode.FileSystemError.Unavailable(
            vscode.l10n.t('{0} is too large to open in an editor (above {1}, setting s3Browser.openRefuseAboveMB): it would be read into memory whole. Download it instead, or raise the setting.', s3Text(bucket, key), formatBytes(limit)),
          );
        }
        throw error;
      }
      if (!versionId) {
        this.saves.setBase(uri, content.etag, this.saves.stamp(uri, content.etag, content.lastModified));
      }
      return content.body;
    });
  }

  writeFile(uri: vscode.Uri, content: Uint8Array, options: { create: boolean; overwrite: boolean }): Promise<void> {
    return this.run(uri, async (target) => {
      this.writable(target);
      const { service, location: { bucket, key } } = target;
      if (key === '' || key.endsWith('/')) {
        throw vscode.FileSystemError.FileIsADirectory(uri);
      }
      const current = await this.headOrUndefined(service, bucket, key);
      if (!current && !options.create) {
        throw vscode.FileSystemError.FileNotFound(uri);
      }
      if (current && !options.overwrite) {
        throw vscode.FileSystemError.FileExists(uri);
      }
      let written: { etag?: string };
      if (current) {
        const base = this.saves.baseForSave(uri, bucket, key, current);
        const attributes = await attributesOf(service, bucket, key, current);
        try {
          written = await service.putObject({ bucket, key, body: content, ...attributes, ifMatch: base });
        } catch (error) {
          throw error instanceof S3Error && error.kind === 'PreconditionFailed' ? this.saves.refuseSave(uri, bucket, key) : error;
        }
      } else {
        try {
          written = await service.putObject({ bucket, key, body: content, contentType: contentTypeForKey(key), ifNoneMatch: true });
        } catch (error) {
          // Someone created the key between the HEAD and the PUT.
          throw error instanceof S3Error && error.kind === 'PreconditionFailed' ? vscode.FileSystemError.FileExists(uri) : error;
        }
      }
      // Ceph answers some writes without an ETag; then the next save is conditional on the HEAD's.
      this.saves.setBase(uri, written.etag, this.saves.stamp(uri, written.etag, new Date()));
      this.changes.fire([{ type: current ? vscode.FileChangeType.Changed : vscode.FileChangeType.Created, uri }]);
    });
  }

  /**
   * Makes the next save of `uri` replace the object's current version (an explicit, confirmed
   * Overwrite after a refused save). Returns that version's ETag.
   */
  async rebase(uri: vscode.Uri): Promise<string | undefined> {
    return this.run(uri, async ({ service, location: { bucket, key } }) => this.saves.rebase(uri, await service.headObject(bucket, key)));
  }

  /** The object's current bytes, without changing what this window's saves are based on (for Compare). */
  readCurrent(uri: vscode.Uri): Promise<Uint8Array> {
    return this.run(uri, async ({ service, location: { bucket, key } }) => (await service.getObject(bucket, key, undefined, undefined, settings.openRefuseAboveBytes())).body);
  }

  createDirectory(uri: vscode.Uri): Promise<void> {
    return this.run(uri, async (target) => {
      const { service, location: { bucket, key } } = target;
      this.writable(target, folderPrefix(key));
      // S3 has no folders; a zero-byte `prefix/` marker makes an empty one visible.
      await service.putObject({ bucket, key: folderPrefix(key), body: new Uint8Array() });
      this.changes.fire([{ type: vscode.FileChangeType.Created, uri }]);
    });
  }

  /** Whether `key` names an object, a folder, both (a clash) or nothing. */
  private async kindOf(target: Target): Promise<{ head?: ObjectHead; isFolder: boolean }> {
    const { service, location: { bucket, key }, versionId } = target;
    const [head, isFolder] = await Promise.all([this.headOrUndefined(service, bucket, key, versionId), key === '' || versionId ? Promise.resolve(key === '') : this.folderExists(service, bucket, key)]);
    return { head, isFolder };
  }

  delete(uri: vscode.Uri, options: { recursive: boolean }): Promise<void> {
    return this.run(uri, async (target) => {
      this.writable(target);
      const { service, location: { bucket, key } } = target;
      if (key === '') {
        throw vscode.FileSystemError.NoPermissions(vscode.l10n.t('Deleting a whole bucket is done with "S3: Delete Bucket…" in the S3 explorer.'));
      }
      const { head, isFolder } = await this.kindOf(target);
      if (head && isFolder) {
        throw this.clash(bucket, key);
      }
      if (head) {
        await service.deleteObjects(bucket, [{ key }]);
      } else if (isFolder) {
        const prefix = folderPrefix(key);
        if (!options.recursive) {
          const page = await service.listFolder({ bucket, prefix, pageSize: 2 });
          if (page.folders.length > 0 || page.files.some((file) => file.key !== prefix)) {
            throw vscode.FileSystemError.NoPermissions(vscode.l10n.t('{0} is not empty.', s3Text(bucket, prefix)));
          }
        }
        await deleteFolder(this.folderJobHost(), service, bucket, prefix);
      } else {
        throw vscode.FileSystemError.FileNotFound(uri);
      }
      this.saves.forget(uri);
      this.changes.fire([{ type: vscode.FileChangeType.Deleted, uri }]);
    });
  }

  rename(oldUri: vscode.Uri, newUri: vscode.Uri, options: { overwrite: boolean }): Promise<void> {
    return this.transfer(oldUri, newUri, options, true);
  }

  copy(source: vscode.Uri, destination: vscode.Uri, options: { overwrite: boolean }): Promise<void> {
    return this.transfer(source, destination, options, false);
  }

  /** Rename (copy, verify, then delete the source) or copy of an object or of every key under a prefix. */
  private transfer(from: vscode.Uri, to: vscode.Uri, options: { overwrite: boolean }, removeSource: boolean): Promise<void> {
    return this.run(to, async (destination) => {
      this.writable(destination);
      const source = await this.target(from);
      if (removeSource) {
        this.writable(source);
      }
      const { bucket: sourceBucket, key: sourceKey } = source.location;
      const { bucket, key } = destination.location;
      const { head, isFolder } = await this.kindOf(source);
      if (head && isFolder) {
        throw this.clash(sourceBucket, sourceKey);
      }
      if (!head && !isFolder) {
        throw vscode.FileSystemError.FileNotFound(from);
      }
      if (head) {
        if ((await this.headOrUndefined(destination.service, bucket, key)) && !options.overwrite) {
          throw vscode.FileSystemError.FileExists(to);
        }
        const { aclDropped } = await copyObjectWithAttributes({
          source: { ...endpointOf(source), key: sourceKey, versionId: source.versionId },
          head,
          keepAccessAndEncryption: removeSource || settings.copyKeepsAccessAndEncryption(),
          destination: { ...endpointOf(destination), key },
          log: this.log,
        });
        if (aclDropped) {
          reportDroppedAcl(this.prompts, bucket, removeSource ? vscode.l10n.t('{0} was moved', s3Text(bucket, key)) : vscode.l10n.t('{0} was copied', s3Text(bucket, key)));
        }
        if (removeSource) {
          await source.service.deleteObjects(sourceBucket, [{ key: sourceKey }]);
        }
      } else {
        if (source.versionId) {
          throw vscode.FileSystemError.NoPermissions(vscode.l10n.t('A versionId names one object version, not a folder.'));
        }
        const targetExists = await this.folderExists(destination.service, bucket, key);
        if (targetExists && !options.overwrite) {
          throw vscode.FileSystemError.FileExists(to);
        }
        const job: CopyJob = { source: endpointOf(source), destination: endpointOf(destination), removeSource, keepAccessAndEncryption: settings.copyKeepsAccessAndEncryption(), log: this.log };
        await transferFolder(this.folderJobHost(), job, folderPrefix(sourceKey), folderPrefix(key), !targetExists);
      }
      if (removeSource) {
        this.changes.fire([{ type: vscode.FileChangeType.Deleted, uri: from }]);
      }
      this.changes.fire([{ type: vscode.FileChangeType.Created, uri: to }]);
    });
  }

  private folderJobHost(): FolderJobHost {
    return { prompts: this.prompts, concurrency: settings.transferConcurrency() };
  }

  dispose(): void {
    this.changes.dispose();
    this.saves.dispose();
  }
}

function endpointOf(target: Target): BucketEndpoint {
  return { connectionName: target.connection.settings.connectionName, service: target.service, bucket: target.location.bucket };
}
