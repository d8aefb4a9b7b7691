// Saves that would overwrite someone else's change: the ETag each open document's content is based
// on, the mtimes reported for objects, and the refusal (with its event) when the object has moved on.
import * as vscode from 'vscode';
import { bareEtag } from '../s3/etag';
import type { ObjectHead } from '../s3/types';
import { s3Text } from '../ui/format';

/** What this window last reported of an object: its ETag and the mtime given for it. */
interface Stamp {
  etag: string;
  mtime: number;
}

export class SaveConflicts {
  private readonly refusedSaves = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidRefuseSave = this.refusedSaves.event;
  /**
   * By URI: the ETag the content this window holds is based on. Set only by readFile and this
   * window's own writes (and an explicit Overwrite), never by stat: VS Code stats right before
   * saving, and a stat that re-based would let a save overwrite a change it never saw.
   */
  private readonly bases = new Map<string, Stamp>();
  /** By URI: the mtime last reported, so it moves on every ETag change. */
  private readonly stamps = new Map<string, Stamp>();

  /**
   * Returns the mtime to report for an object. S3 keeps LastModified to the second, so a change
   * within the same second would not move it: a new ETag always gets a later mtime than the one
   * reported before, while an unchanged ETag keeps its mtime.
   */
  stamp(uri: vscode.Uri, etag: string | undefined, lastModified: Date | undefined): number {
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

  setBase(uri: vscode.Uri, etag: string | undefined, mtime: number): void {
    const bare = bareEtag(etag);
    if (bare) {
      this.bases.set(uri.toString(), { etag: bare, mtime });
    } else {
      this.bases.delete(uri.toString());
    }
  }

  /** The ETag a save of `uri` over the object as `current` shows it must replace; throws the refusal when that is not the one this window's content is based on. */
  baseForSave(uri: vscode.Uri, bucket: string, key: string, current: ObjectHead): string | undefined {
    // The save must replace exactly the version this window's content is based on. A caller that
    // never read the object (a programmatic overwrite) replaces the one just seen.
    const base = this.bases.get(uri.toString())?.etag ?? bareEtag(current.etag);
    if (base && bareEtag(current.etag) !== base) {
      throw this.refuseSave(uri, bucket, key);
    }
    return base;
  }

  refuseSave(uri: vscode.Uri, bucket: string, key: string): vscode.FileSystemError {
    this.refusedSaves.fire(uri);
    return vscode.FileSystemError.Unavailable(
      vscode.l10n.t('{0} was changed by someone else after you opened it, so your save was refused to keep their change. Your edits are still in the editor: compare them with the version on S3, or overwrite it on purpose, with the two buttons in the editor\'s title bar.', s3Text(bucket, key)),
    );
  }

  /** Bases the next save of `uri` on the version `head` shows (S3FileSystemProvider.rebase). Returns its ETag. */
  rebase(uri: vscode.Uri, head: ObjectHead): string | undefined {
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
  }

  /** The object at `uri` is gone: nothing is based on it any more. */
  forget(uri: vscode.Uri): void {
    this.stamps.delete(uri.toString());
    this.bases.delete(uri.toString());
  }

  dispose(): void {
    this.refusedSaves.dispose();
  }
}
