import * as vscode from 'vscode';

/** Who outside the account can read an object, as last learned; `undefined` is "only the account". */
export type OutsideReaders = 'everyone' | 'any AWS account' | undefined;

/**
 * What the extension learned about objects' access (Show Access, Make Public/Private, Properties):
 * listings do not say, and asking for every listed object would cost a request each, so the tree
 * marks an object public once it is known, and stops marking it once it is known private.
 */
export class KnownAccess {
  private readonly readers = new Map<string, OutsideReaders>();
  private readonly changes = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changes.event;

  private static id(connectionName: string, bucket: string, key: string): string {
    return `${connectionName}\u0000${bucket}\u0000${key}`;
  }

  remember(connectionName: string, bucket: string, key: string, readers: OutsideReaders): void {
    this.readers.set(KnownAccess.id(connectionName, bucket, key), readers);
    this.changes.fire();
  }

  /** Who outside can read it, when known to be anyone; undefined when private or not known. */
  outsideReaders(connectionName: string, bucket: string, key: string): OutsideReaders {
    return this.readers.get(KnownAccess.id(connectionName, bucket, key));
  }

  dispose(): void {
    this.changes.dispose();
  }
}
