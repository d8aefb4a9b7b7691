import * as vscode from 'vscode';
import type { ConnectionRegistry } from '../profiles/connectionRegistry';
import { S3Error } from '../s3/errors';
import { bareEtag } from '../s3/sdkService';
import type { S3Service } from '../s3/service';
import type { S3ServiceFactory } from '../s3/serviceFactory';
import type { ObjectHead } from '../s3/types';
import { contentTypeForKey } from './contentType';
import { toFileSystemError } from './fileSystemErrors';
import { baseName, folderPrefix, parseS3Location, type S3Location } from './s3Location';

interface Target {
  service: S3Service;
  location: S3Location;
  /** Writes refused: a read-only connection, or an older version (`?versionId=`). */
  readOnlyReason?: string;
  versionId?: string;
}

const MAX_KEY_BYTES = 1024;
const PARALLEL_COPIES = 8;

/** What this window last saw of an object: the ETag its edits are based on, and the mtime it reported. */
interface Stamp {
  etag: string;
  mtime: number;
}

function isNotFound(error: unknown): boolean {
  return error instanceof S3Error && error.kind === 'NotFound';
}

async function runLimited<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        await work(items[next++]);
      }
    }),
  );
}

/**
 * Objects as files and prefixes as folders, for `s3://[profile@]bucket/key[?versionId=…]` URIs.
 * Saves are conditional on the ETag last seen (If-Match, plus a HEAD comparison for servers that
 * ignore it) and keep the object's metadata, storage class, encryption and tags.
 */
export class S3FileSystemProvider implements vscode.FileSystemProvider {
  private readonly changes = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changes.event;
  /** By URI: the ETag a save must still find, and the mtime reported for it. */
  private readonly stamps = new Map<string, Stamp>();

  constructor(
    private readonly connections: ConnectionRegistry,
    private readonly services: S3ServiceFactory,
  ) {}

  watch(): vscode.Disposable {
    // S3 has no change notifications; the provider reports its own writes through onDidChangeFile.
    return new vscode.Disposable(() => undefined);
  }

  private async target(uri: vscode.Uri): Promise<Target> {
    const location = parseS3Location(uri.authority, uri.path);
    const connection = await this.connections.get(location.profile);
    const versionId = new URLSearchParams(uri.query).get('versionId') ?? undefined;
    const readOnlyReason = versionId
      ? `This is an older version (${versionId}) of s3://${location.bucket}/${location.key}; versions are read-only.`
      : connection.settings.readOnly
        ? `"${connection.settings.id}" is read-only (setting s3Browser.readOnlyConnections).`
        : undefined;
    return { service: await this.services.forBucket(connection.settings, location.bucket), location, readOnlyReason, versionId };
  }

  /** Runs an operation and rethrows its failure as a FileSystemError, as the contract requires. */
  private async run<T>(uri: vscode.Uri, operation: (target: Target) => Promise<T>): Promise<T> {
    try {
      return await operation(await this.target(uri));
    } catch (error) {
      throw toFileSystemError(error, uri);
    }
  }

  private writable(target: Target): void {
    if (target.readOnlyReason) {
      throw vscode.FileSystemError.NoPermissions(target.readOnlyReason);
    }
    const bytes = Buffer.byteLength(target.location.key, 'utf8');
    if (bytes > MAX_KEY_BYTES) {
      throw vscode.FileSystemError.NoPermissions(`The key is ${bytes} bytes of UTF-8; S3 keys are at most ${MAX_KEY_BYTES}. Use a shorter name.`);
    }
  }

  /**
   * Records the object's ETag and returns its mtime. S3 keeps LastModified to the second, so a
   * change within the same second would not move it: a new ETag always gets a later mtime than
   * the one reported before, so VS Code's "file changed on disk" check (which compares mtimes)
   * sees every change, while an unchanged ETag keeps its mtime.
   */
  private stamp(uri: vscode.Uri, etag: string | undefined, lastModified: Date | undefined): number {
    const key = uri.toString();
    const bare = bareEtag(etag);
    const previous = this.stamps.get(key);
    const reported = lastModified?.getTime() ?? Date.now();
    if (!bare) {
      this.stamps.delete(key);
      return reported;
    }
    const mtime = previous?.etag === bare ? previous.mtime : Math.max(reported, (previous?.mtime ?? 0) + 1);
    this.stamps.set(key, { etag: bare, mtime });
    return mtime;
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
        const mtime = versionId ? (head.lastModified?.getTime() ?? 0) : this.stamp(uri, head.etag, head.lastModified);
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
      const entries: [string, vscode.FileType][] = [];
      let token: string | undefined;
      do {
        const page = await service.listFolder({ bucket, prefix, token });
        for (const folder of page.folders) {
          const name = baseName(folder.prefix);
          if (name) {
            entries.push([name, vscode.FileType.Directory]);
          }
        }
        for (const file of page.files) {
          if (file.key !== prefix) {
            entries.push([baseName(file.key), vscode.FileType.File]);
          }
        }
        token = page.token;
      } while (token);
      if (entries.length === 0 && prefix !== '' && !(await this.folderExists(service, bucket, key))) {
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
      const content = await service.getObject(bucket, key, versionId);
      if (!versionId) {
        this.stamp(uri, content.etag, content.lastModified);
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
        const seen = this.stamps.get(uri.toString())?.etag;
        // Servers that ignore If-Match still get caught here: the object must be the one this window saw.
        if (seen && bareEtag(current.etag) !== seen) {
          throw this.conflict(bucket, key);
        }
        const tags = await service.getObjectTags(bucket, key).catch((error: unknown) => {
          if (error instanceof S3Error && error.kind === 'AccessDenied') {
            throw vscode.FileSystemError.NoPermissions(
              `Cannot read the tags of s3://${bucket}/${key} (s3:GetObjectTagging is denied), and saving without them would drop them, so nothing was saved.`,
            );
          }
          throw error;
        });
        const { contentType, cacheControl, contentDisposition, contentEncoding, contentLanguage, metadata, storageClass, serverSideEncryption, kmsKeyId } = current;
        try {
          written = await service.putObject({
            bucket,
            key,
            body: content,
            ...{ contentType, cacheControl, contentDisposition, contentEncoding, contentLanguage, metadata, storageClass, serverSideEncryption, kmsKeyId, tags },
            ifMatch: current.etag,
          });
        } catch (error) {
          throw error instanceof S3Error && error.kind === 'PreconditionFailed' ? this.conflict(bucket, key) : error;
        }
      } else {
        try {
          written = await service.putObject({ bucket, key, body: content, contentType: contentTypeForKey(key), ifNoneMatch: true });
        } catch (error) {
          // Someone created the key between the HEAD and the PUT.
          throw error instanceof S3Error && error.kind === 'PreconditionFailed' ? vscode.FileSystemError.FileExists(uri) : error;
        }
      }
      // Ceph answers some writes without an ETag; the next stat learns it then.
      this.stamp(uri, written.etag, new Date());
      this.changes.fire([{ type: current ? vscode.FileChangeType.Changed : vscode.FileChangeType.Created, uri }]);
    });
  }

  private conflict(bucket: string, key: string): vscode.FileSystemError {
    return vscode.FileSystemError.Unavailable(
      `s3://${bucket}/${key} was changed by someone else after you opened it, so your save was refused to keep their change. Save again to compare with or overwrite the new version.`,
    );
  }

  createDirectory(uri: vscode.Uri): Promise<void> {
    return this.run(uri, async (target) => {
      this.writable(target);
      const { service, location: { bucket, key } } = target;
      // S3 has no folders; a zero-byte `prefix/` marker makes an empty one visible.
      await service.putObject({ bucket, key: folderPrefix(key), body: new Uint8Array() });
      this.changes.fire([{ type: vscode.FileChangeType.Created, uri }]);
    });
  }

  /** Every key a file or folder URI covers: the object itself, or all keys under the prefix. */
  private async keysOf(service: S3Service, bucket: string, key: string): Promise<{ isFolder: boolean; keys: string[] }> {
    if (await this.headOrUndefined(service, bucket, key)) {
      return { isFolder: false, keys: [key] };
    }
    const keys: string[] = [];
    for await (const page of service.listKeys(bucket, folderPrefix(key))) {
      keys.push(...page.map((object) => object.key));
    }
    return { isFolder: true, keys };
  }

  delete(uri: vscode.Uri, options: { recursive: boolean }): Promise<void> {
    return this.run(uri, async (target) => {
      this.writable(target);
      const { service, location: { bucket, key } } = target;
      if (key === '') {
        throw vscode.FileSystemError.NoPermissions('Deleting a whole bucket is done with "S3: Delete Bucket…" in the S3 explorer.');
      }
      const { isFolder, keys } = await this.keysOf(service, bucket, key);
      if (keys.length === 0) {
        throw vscode.FileSystemError.FileNotFound(uri);
      }
      if (isFolder && !options.recursive && keys.some((candidate) => candidate !== folderPrefix(key))) {
        throw vscode.FileSystemError.NoPermissions(`s3://${bucket}/${folderPrefix(key)} is not empty (${keys.length} keys).`);
      }
      await service.deleteObjects(bucket, keys.map((candidate) => ({ key: candidate })));
      this.stamps.delete(uri.toString());
      this.changes.fire([{ type: vscode.FileChangeType.Deleted, uri }]);
    });
  }

  rename(oldUri: vscode.Uri, newUri: vscode.Uri, options: { overwrite: boolean }): Promise<void> {
    return this.transfer(oldUri, newUri, options, true);
  }

  copy(source: vscode.Uri, destination: vscode.Uri, options: { overwrite: boolean }): Promise<void> {
    return this.transfer(source, destination, options, false);
  }

  /** Server-side copy of an object or of every key under a prefix, then (for rename) deletion of the sources. */
  private transfer(from: vscode.Uri, to: vscode.Uri, options: { overwrite: boolean }, removeSource: boolean): Promise<void> {
    return this.run(to, async (destination) => {
      this.writable(destination);
      const source = await this.target(from);
      if (removeSource) {
        this.writable(source);
      }
      const sourceKeys = await this.keysOf(source.service, source.location.bucket, source.location.key);
      if (sourceKeys.keys.length === 0) {
        throw vscode.FileSystemError.FileNotFound(from);
      }
      const { bucket, key } = destination.location;
      const targetExists = sourceKeys.isFolder ? await this.folderExists(destination.service, bucket, key) : (await this.headOrUndefined(destination.service, bucket, key)) !== undefined;
      if (targetExists && !options.overwrite) {
        throw vscode.FileSystemError.FileExists(to);
      }
      const fromPrefix = folderPrefix(source.location.key);
      const toPrefix = folderPrefix(key);
      const pairs = sourceKeys.isFolder
        ? sourceKeys.keys.map((sourceKey) => [sourceKey, toPrefix + sourceKey.slice(fromPrefix.length)] as const)
        : [[source.location.key, key] as const];
      await runLimited([...pairs], PARALLEL_COPIES, ([sourceKey, targetKey]) => destination.service.copyObject({ bucket: source.location.bucket, key: sourceKey }, { bucket, key: targetKey }));
      if (removeSource) {
        await source.service.deleteObjects(source.location.bucket, sourceKeys.keys.map((sourceKey) => ({ key: sourceKey })));
        this.changes.fire([{ type: vscode.FileChangeType.Deleted, uri: from }]);
      }
      this.changes.fire([{ type: targetExists ? vscode.FileChangeType.Changed : vscode.FileChangeType.Created, uri: to }]);
    });
  }

  dispose(): void {
    this.changes.dispose();
  }
}
