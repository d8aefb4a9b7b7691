import * as vscode from 'vscode';
import type { ConnectionRegistry } from '../profiles/connectionRegistry';
import type { S3Service } from '../s3/service';
import type { S3ServiceFactory } from '../s3/serviceFactory';
import { contentTypeForKey } from './contentType';
import { toFileSystemError } from './fileSystemErrors';
import { baseName, folderPrefix, parseS3Location, type S3Location } from './s3Location';

interface Target {
  service: S3Service;
  location: S3Location;
  readOnly: boolean;
}

/** Objects as files and prefixes as folders, for `s3://[profile@]bucket/key` URIs. */
export class S3FileSystemProvider implements vscode.FileSystemProvider {
  private readonly changes = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changes.event;

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
    return { service: await this.services.forBucket(connection.settings, location.bucket), location, readOnly: connection.settings.readOnly };
  }

  /** Runs an operation and rethrows its failure as a FileSystemError, as the contract requires. */
  private async run<T>(uri: vscode.Uri, operation: (target: Target) => Promise<T>): Promise<T> {
    try {
      return await operation(await this.target(uri));
    } catch (error) {
      throw toFileSystemError(error, uri);
    }
  }

  stat(uri: vscode.Uri): Promise<vscode.FileStat> {
    return this.run(uri, async ({ service, location: { bucket, key }, readOnly }) => {
      // Read-only connections open objects in read-only editors.
      const permissions = readOnly ? vscode.FilePermission.Readonly : undefined;
      const directory: vscode.FileStat = { type: vscode.FileType.Directory, ctime: 0, mtime: 0, size: 0, permissions };
      if (key === '') {
        await service.listFolder({ bucket, prefix: '', pageSize: 1 });
        return directory;
      }
      if (!key.endsWith('/')) {
        try {
          const head = await service.headObject(bucket, key);
          const mtime = head.lastModified?.getTime() ?? 0;
          return { type: vscode.FileType.File, ctime: mtime, mtime, size: head.size, permissions };
        } catch (error) {
          if (toFileSystemError(error, uri).code !== 'FileNotFound') {
            throw error;
          }
        }
      }
      // A folder exists as long as some key lies under it, marker object or not.
      const page = await service.listFolder({ bucket, prefix: folderPrefix(key), pageSize: 1 });
      if (page.files.length === 0 && page.folders.length === 0) {
        throw vscode.FileSystemError.FileNotFound(uri);
      }
      return directory;
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
      return entries;
    });
  }

  readFile(uri: vscode.Uri): Promise<Uint8Array> {
    return this.run(uri, ({ service, location: { bucket, key } }) => service.getObject(bucket, key));
  }

  writeFile(uri: vscode.Uri, content: Uint8Array, options: { create: boolean; overwrite: boolean }): Promise<void> {
    return this.run(uri, async ({ service, location: { bucket, key } }) => {
      const exists = await service.headObject(bucket, key).then(
        () => true,
        (error) => {
          if (toFileSystemError(error, uri).code === 'FileNotFound') {
            return false;
          }
          throw error;
        },
      );
      if (!exists && !options.create) {
        throw vscode.FileSystemError.FileNotFound(uri);
      }
      if (exists && !options.overwrite) {
        throw vscode.FileSystemError.FileExists(uri);
      }
      await service.putObject({ bucket, key, body: content, contentType: contentTypeForKey(key) });
      this.changes.fire([{ type: exists ? vscode.FileChangeType.Changed : vscode.FileChangeType.Created, uri }]);
    });
  }

  createDirectory(uri: vscode.Uri): Promise<void> {
    return this.run(uri, async ({ service, location: { bucket, key } }) => {
      // S3 has no folders; a zero-byte `prefix/` marker makes an empty one visible.
      await service.putObject({ bucket, key: folderPrefix(key), body: new Uint8Array() });
      this.changes.fire([{ type: vscode.FileChangeType.Created, uri }]);
    });
  }

  delete(): never {
    throw vscode.FileSystemError.NoPermissions('Deleting from S3 through the file system is not available yet.');
  }

  rename(): never {
    throw vscode.FileSystemError.NoPermissions('Renaming S3 objects through the file system is not available yet.');
  }

  dispose(): void {
    this.changes.dispose();
  }
}
