import * as vscode from 'vscode';
import type { Connection, ConnectionRegistry } from '../profiles/connectionRegistry';
import { keyLengthProblem, S3Error } from '../s3/errors';
import { bareEtag } from '../s3/etag';
import type { S3Service } from '../s3/service';
import type { S3ServiceFactory } from '../s3/serviceFactory';
import type { ObjectHead } from '../s3/types';
import { settings } from '../settings';
import { attributesOf, copyObjectWithAttributes, CopyRecord, copyTaskPages, prefixPairs, type BucketEndpoint, type CopyJob } from '../transfer/copyTasks';
import { deleteTaskPages } from '../transfer/deleteTasks';
import { runTransfers, type TransferFailure, type TransferOutcome, type TransferTask } from '../transfer/transferEngine';
import { countOf } from '../transfer/transferJob';
import { formatBytes, formatCount, plural, s3Text } from '../ui/format';
import type { ProgressReport, Prompts } from '../ui/prompts';
import { contentTypeForKey } from './contentType';
import { toFileSystemError } from './fileSystemErrors';
import { baseName, folderPrefix, parseS3Location, type S3Location } from './s3Location';

interface Target {
  connection: Connection;
  service: S3Service;
  location: S3Location;
  /** Writes refused: a read-only connection, or an older version (`?versionId=`). */
  readOnlyReason?: string;
  versionId?: string;
}

/** What this window last reported of an object: its ETag and the mtime given for it. */
interface Stamp {
  etag: string;
  mtime: number;
}

function isNotFound(error: unknown): boolean {
  return error instanceof S3Error && error.kind === 'NotFound';
}

/**
 * Objects as files and prefixes as folders, for `s3://[connection@]bucket/key[?versionId=…]` URIs.
 * A save is conditional on the ETag the document's content is based on (If-Match, plus a HEAD
 * comparison for servers that ignore it) and keeps everything the object had; folder operations
 * page through their keys with progress and Cancel and stop at the first failure.
 */
export class S3FileSystemProvider implements vscode.FileSystemProvider {
  private readonly changes = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changes.event;
  private readonly refusedSaves = new vscode.EventEmitter<vscode.Uri>();
  /** A save was refused because someone else changed the object; the UI offers Compare / Overwrite. */
  readonly onDidRefuseSave = this.refusedSaves.event;
  /**
   * By URI: the ETag the content this window holds is based on. Set only by readFile and this
   * window's own writes (and an explicit Overwrite), never by stat: VS Code stats right before
   * saving, and a stat that re-based would let a save overwrite a change it never saw.
   */
  private readonly bases = new Map<string, Stamp>();
  /** By URI: the mtime last reported, so it moves on every ETag change. */
  private readonly stamps = new Map<string, Stamp>();
  /** Folders whose keys the Explorer cannot show were named to the user once (per folder). */
  private readonly reportedHidden = new Set<string>();

  constructor(
    private readonly connections: ConnectionRegistry,
    private readonly services: S3ServiceFactory,
    private readonly prompts: Prompts,
    private readonly log: (line: string) => void = () => undefined,
  ) {}

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

  /**
   * Returns the mtime to report for an object. S3 keeps LastModified to the second, so a change
   * within the same second would not move it: a new ETag always gets a later mtime than the one
   * reported before, while an unchanged ETag keeps its mtime.
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
      const folders = new Set<string>();
      const files = new Set<string>();
      const hidden: string[] = [];
      let token: string | undefined;
      do {
        const page = await service.listFolder({ bucket, prefix, token });
        for (const folder of page.folders) {
          const name = baseName(folder.prefix);
          if (name === '' || name === '.' || name === '..') {
            hidden.push(folder.prefix);
          } else {
            folders.add(name);
          }
        }
        for (const file of page.files) {
          const name = baseName(file.key);
          if (file.key === prefix) {
            continue; // the folder's own `prefix/` marker
          }
          if (name === '.' || name === '..') {
            hidden.push(file.key);
          } else {
            files.add(name);
          }
        }
        token = page.token;
      } while (token);
      if (hidden.length > 0) {
        // Paths cannot hold empty, "." or ".." segments: VS Code would drop or normalise them (a ".."
        // entry would even resolve to the parent folder, so deleting it would delete the wrong thing).
        const named = hidden.map((hiddenKey) => s3Text(bucket, hiddenKey));
        this.log(`Not shown in the Explorer (empty, "." or ".." path segment; open them from the S3 explorer): ${named.join(', ')}`);
        if (!this.reportedHidden.has(uri.toString())) {
          this.reportedHidden.add(uri.toString());
          const more = named.length > 3 ? vscode.l10n.t(' and {0} more (listed in the S3 output)', named.length - 3) : '';
          void this.prompts.notify(
            'warning',
            named.length === 1
              ? vscode.l10n.t('VS Code\'s Explorer cannot show this key of {0}, because a path cannot hold an empty, "." or ".." segment: {1}{2}. Open them from the S3 explorer.', s3Text(bucket, prefix), named.slice(0, 3).join(', '), more)
              : vscode.l10n.t('VS Code\'s Explorer cannot show {0} keys of {1}, because a path cannot hold an empty, "." or ".." segment: {2}{3}. Open them from the S3 explorer.', named.length, s3Text(bucket, prefix), named.slice(0, 3).join(', '), more),
          );
        }
      }
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
        this.setBase(uri, content.etag, this.stamp(uri, content.etag, content.lastModified));
      }
      return content.body;
    });
  }

  private setBase(uri: vscode.Uri, etag: string | undefined, mtime: number): void {
    const bare = bareEtag(etag);
    if (bare) {
      this.bases.set(uri.toString(), { etag: bare, mtime });
    } else {
      this.bases.delete(uri.toString());
    }
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
        // The save must replace exactly the version this window's content is based on. A caller that
        // never read the object (a programmatic overwrite) replaces the one just seen.
        const base = this.bases.get(uri.toString())?.etag ?? bareEtag(current.etag);
        if (base && bareEtag(current.etag) !== base) {
          throw this.refuseSave(uri, bucket, key);
        }
        const attributes = await attributesOf(service, bucket, key, current);
        try {
          written = await service.putObject({ bucket, key, body: content, ...attributes, ifMatch: base });
        } catch (error) {
          throw error instanceof S3Error && error.kind === 'PreconditionFailed' ? this.refuseSave(uri, bucket, key) : error;
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
      this.setBase(uri, written.etag, this.stamp(uri, written.etag, new Date()));
      this.changes.fire([{ type: current ? vscode.FileChangeType.Changed : vscode.FileChangeType.Created, uri }]);
    });
  }

  private refuseSave(uri: vscode.Uri, bucket: string, key: string): vscode.FileSystemError {
    this.refusedSaves.fire(uri);
    return vscode.FileSystemError.Unavailable(
      vscode.l10n.t('{0} was changed by someone else after you opened it, so your save was refused to keep their change. Your edits are still in the editor: compare them with the version on S3, or overwrite it on purpose, with the two buttons in the editor\'s title bar.', s3Text(bucket, key)),
    );
  }

  /**
   * Makes the next save of `uri` replace the object's current version (an explicit, confirmed
   * Overwrite after a refused save). Returns that version's ETag.
   */
  async rebase(uri: vscode.Uri): Promise<string | undefined> {
    return this.run(uri, async ({ service, location: { bucket, key } }) => {
      const head = await service.headObject(bucket, key);
      const bare = bareEtag(head.etag);
      const previous = this.bases.get(uri.toString());
      if (bare && previous) {
        // Their version is reported with the mtime the editor's content was read at, so VS Code's own
        // "newer on disk" check lets this one confirmed save through; the ETag condition still holds.
        this.stamps.set(uri.toString(), { etag: bare, mtime: previous.mtime });
        this.bases.set(uri.toString(), { etag: bare, mtime: previous.mtime });
      } else {
        this.setBase(uri, head.etag, this.stamp(uri, head.etag, head.lastModified));
      }
      return bare;
    });
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
        await this.deleteFolder(target, options.recursive);
      } else {
        throw vscode.FileSystemError.FileNotFound(uri);
      }
      this.stamps.delete(uri.toString());
      this.bases.delete(uri.toString());
      this.changes.fire([{ type: vscode.FileChangeType.Deleted, uri }]);
    });
  }

  private async deleteFolder(target: Target, recursive: boolean): Promise<void> {
    const { service, location: { bucket, key } } = target;
    const prefix = folderPrefix(key);
    if (!recursive) {
      const page = await service.listFolder({ bucket, prefix, pageSize: 2 });
      if (page.folders.length > 0 || page.files.some((file) => file.key !== prefix)) {
        throw vscode.FileSystemError.NoPermissions(vscode.l10n.t('{0} is not empty.', s3Text(bucket, prefix)));
      }
    }
    // A listed page (up to 1000 keys) is deleted with one request, so a cancel stops between requests.
    await runFolderJob(
      this.prompts,
      vscode.l10n.t('Deleting {0}', s3Text(bucket, prefix)),
      'deleted',
      undefined,
      (signal) => deleteTaskPages(service, bucket, service.listKeys(bucket, prefix, signal)),
      (done) => ({ summary: vscode.l10n.t('deleted {0} keys; the rest are still there', formatCount(done)) }),
      // Keys S3 refused within a request it answered: how many of all, and the first by name.
      (outcome, first) =>
        vscode.l10n.t('{0} of {1} deletions in bucket "{2}" failed, e.g. "{3}": {4}', outcome.failed.length, formatCount(outcome.succeeded + outcome.failed.length), bucket, first.label.slice(s3Text(bucket, '').length), errorText(first.error)),
    );
  }

  rename(oldUri: vscode.Uri, newUri: vscode.Uri, options: { overwrite: boolean }): Promise<void> {
    return this.transfer(oldUri, newUri, options, true);
  }

  copy(source: vscode.Uri, destination: vscode.Uri, options: { overwrite: boolean }): Promise<void> {
    return this.transfer(source, destination, options, false);
  }

  /** Says once per operation that copies were made without their ACL, and why; `what` is a clause such as "… was moved". */
  private reportDroppedAcl(bucket: string, what: string, count = 1): void {
    void this.prompts.notify(
      'warning',
      count === 1
        ? vscode.l10n.t('{0} without its ACL grants (for example public-read): bucket "{1}" has ACLs disabled (Object Ownership "Bucket owner enforced"), so who can read there is decided by its bucket policy. Change it under the bucket\'s Permissions → Object Ownership if the grants must apply.', what, bucket)
        : vscode.l10n.t('{0} without their ACL grants (for example public-read): bucket "{1}" has ACLs disabled (Object Ownership "Bucket owner enforced"), so who can read there is decided by its bucket policy. Change it under the bucket\'s Permissions → Object Ownership if the grants must apply.', what, bucket),
    );
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
          this.reportDroppedAcl(bucket, removeSource ? vscode.l10n.t('{0} was moved', s3Text(bucket, key)) : vscode.l10n.t('{0} was copied', s3Text(bucket, key)));
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
        await this.transferFolder(source, destination, removeSource, !targetExists);
      }
      if (removeSource) {
        this.changes.fire([{ type: vscode.FileChangeType.Deleted, uri: from }]);
      }
      this.changes.fire([{ type: vscode.FileChangeType.Created, uri: to }]);
    });
  }

  /**
   * A move deletes each source key once its copy is verified, so a stop leaves every key in exactly
   * one place. A copy into a new folder that stops removes its partial copies, so a retry starts clean.
   */
  private async transferFolder(source: Target, destination: Target, removeSource: boolean, targetIsNew: boolean): Promise<void> {
    const fromPrefix = folderPrefix(source.location.key);
    const toPrefix = folderPrefix(destination.location.key);
    const { bucket: sourceBucket } = source.location;
    const verb = removeSource ? 'moved' : 'copied';
    const from = s3Text(sourceBucket, fromPrefix);
    const to = s3Text(destination.location.bucket, toPrefix);
    const title = removeSource ? vscode.l10n.t('Moving {0} to {1}', from, to) : vscode.l10n.t('Copying {0} to {1}', from, to);
    const record = new CopyRecord();
    const job: CopyJob = { source: endpointOf(source), destination: endpointOf(destination), removeSource, keepAccessAndEncryption: settings.copyKeepsAccessAndEncryption(), log: this.log };
    await runFolderJob(
      this.prompts,
      title,
      verb,
      async (report, signal) => {
        // One listing pass first: the total for the progress and the report, and every new key's
        // length checked before anything is written. Keys are counted, not kept.
        let total = 0;
        for await (const page of source.service.listKeys(sourceBucket, fromPrefix, signal)) {
          for (const object of page) {
            const problem = keyLengthProblem(toPrefix + object.key.slice(fromPrefix.length));
            if (problem) {
              throw vscode.FileSystemError.NoPermissions(removeSource ? vscode.l10n.t('Nothing was moved: {0}', problem) : vscode.l10n.t('Nothing was copied: {0}', problem));
            }
          }
          total += page.length;
          report(vscode.l10n.t('{0} keys found…', formatCount(total)));
        }
        return total;
      },
      (signal) => copyTaskPages(job, prefixPairs(source.service.listKeys(sourceBucket, fromPrefix, signal), fromPrefix, toPrefix), record),
      async (done, total, stopped) => {
        if (record.withoutAcl > 0) {
          const keys = formatCount(record.withoutAcl);
          this.reportDroppedAcl(destination.location.bucket, removeSource ? vscode.l10n.t('{0} keys were moved', keys) : vscode.l10n.t('{0} keys were copied', keys), record.withoutAcl);
        }
        const counted = removeSource ? vscode.l10n.t('moved {0} keys', countOf(done, total)) : vscode.l10n.t('copied {0} keys', countOf(done, total));
        if (removeSource) {
          return { summary: vscode.l10n.t('{0}; the rest are still at the source', counted) };
        }
        if (stopped && targetIsNew && record.startedTargets.length > 0) {
          const { bucket } = destination.location;
          await destination.service.deleteObjects(bucket, record.startedTargets.map((copiedKey) => ({ key: copiedKey })));
          // Said as the server shows it: a write that was still finishing may have landed since.
          let left = 0;
          for await (const page of destination.service.listKeys(bucket, toPrefix)) {
            left += page.length;
          }
          return {
            summary:
              left === 0
                ? vscode.l10n.t('{0}, then removed those copies again, so nothing was copied', counted)
                : left === 1
                  ? vscode.l10n.t('{0}, then removed the copies it had made, but {1} still is under {2}', counted, plural(left, 'key'), to)
                  : vscode.l10n.t('{0}, then removed the copies it had made, but {1} still are under {2}', counted, plural(left, 'key'), to),
          };
        }
        return { summary: counted };
      },
    );
  }

  dispose(): void {
    this.changes.dispose();
    this.refusedSaves.dispose();
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function endpointOf(target: Target): BucketEndpoint {
  return { connectionName: target.connection.settings.connectionName, service: target.service, bucket: target.location.bucket };
}

/** What a folder job does to each key. */
type FolderVerb = 'deleted' | 'moved' | 'copied';

/** "812 of 1,204 keys moved": a folder job's progress, a message for each kind of job. */
const KEYS_DONE: Record<FolderVerb, (count: string) => string> = {
  deleted: (count) => vscode.l10n.t('{0} keys deleted', count),
  moved: (count) => vscode.l10n.t('{0} keys moved', count),
  copied: (count) => vscode.l10n.t('{0} keys copied', count),
};

/**
 * Runs a folder job on the transfer engine in a cancellable progress notification, stopping at the
 * first failure. Anything short of complete becomes a FileSystemError that says exactly what was
 * done ("moved 812 of 1,204 keys; the rest are still at the source") and why it stopped.
 */
async function runFolderJob(
  prompts: Prompts,
  title: string,
  verb: FolderVerb,
  count: ((report: ProgressReport, signal: AbortSignal) => Promise<number>) | undefined,
  tasks: (signal: AbortSignal) => AsyncIterable<TransferTask[]>,
  conclude: (done: number, total: number | undefined, stopped: boolean) => { summary: string } | Promise<{ summary: string }>,
  describeFailure: (outcome: TransferOutcome, first: TransferFailure) => string = (_outcome, first) => {
    const reason = errorText(first.error);
    return first.label.split(' → ').some((part) => reason.includes(part)) ? reason : `${first.label}: ${reason}`;
  },
): Promise<void> {
  const { outcome, summary } = await prompts.withProgress(title, { cancellable: true }, async (report, signal) => {
    const total = count ? await count(report, signal) : undefined;
    let reported = 0;
    const outcome = await runTransfers(tasks(signal), {
      concurrency: settings.transferConcurrency(),
      signal,
      stopOnFailure: true,
      totals: { files: total },
      progressIntervalMs: 0,
      onProgress: (progress) => {
        // One message per key (or delete batch) done, so the count a user sees is never ahead.
        if (progress.filesDone !== reported) {
          const increment = total ? ((progress.filesDone - reported) * 100) / Math.max(total, 1) : undefined;
          reported = progress.filesDone;
          report(KEYS_DONE[verb](countOf(progress.filesDone, total)), increment);
        }
      },
    });
    const stopped = outcome.failed.length > 0 || outcome.cancelled;
    const known = total === undefined ? undefined : Math.max(total, outcome.succeeded + outcome.failed.length + outcome.notDone);
    return { outcome, ...(await conclude(outcome.succeeded, known, stopped)) };
  });
  const failure = outcome.failed[0];
  if (failure && !outcome.cancelled) {
    const named = describeFailure(outcome, failure);
    const denied = failure.error instanceof S3Error && (failure.error.kind === 'AccessDenied' || failure.error.kind === 'ReadOnly');
    const message = vscode.l10n.t('{0} stopped at the first failure: {1}. {2}', title, summary, named);
    throw denied ? vscode.FileSystemError.NoPermissions(message) : vscode.FileSystemError.Unavailable(message);
  }
  if (outcome.cancelled) {
    throw vscode.FileSystemError.Unavailable(vscode.l10n.t('{0} was cancelled: {1}.', title, summary));
  }
}
