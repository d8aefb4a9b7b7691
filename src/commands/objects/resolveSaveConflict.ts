import * as vscode from 'vscode';
import type { S3FileSystemProvider } from '../../fs/s3FileSystemProvider';
import { parseS3Location, S3_SCHEME, withQueryParameter } from '../../fs/s3Location';
import type { Prompts } from '../../ui/prompts';

/** Read-only documents with an object's current bytes on S3, the "theirs" side of a conflict diff. */
export const CURRENT_VERSION_SCHEME = 's3-current';

export class CurrentVersionContentProvider implements vscode.TextDocumentContentProvider {
  constructor(private readonly fileSystem: S3FileSystemProvider) {}

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    return new TextDecoder().decode(await this.fileSystem.readCurrent(uri.with({ scheme: S3_SCHEME })));
  }
}

function openDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
  return vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri.toString());
}

function displayName(uri: vscode.Uri): string {
  const { bucket, key } = parseS3Location(uri.authority, uri.path, uri.query);
  return `s3://${bucket}/${key}`;
}

/** Whether the active editor's last save was refused: its title bar then offers Compare and Overwrite. */
export const SAVE_REFUSED_CONTEXT_KEY = 's3Browser.saveRefused';

/**
 * Documents whose save was refused for a conflict. VS Code's own "Failed to save" notification is
 * the one message (it carries the provider's reason); the ways out are buttons in the editor's title
 * bar while the document stays refused, not a second notification.
 */
export class RefusedSaves implements vscode.Disposable {
  private readonly uris = new Set<string>();
  private readonly subscriptions: vscode.Disposable[];

  constructor() {
    const forget = (document: vscode.TextDocument) => this.update(() => this.uris.delete(document.uri.toString()));
    this.subscriptions = [vscode.workspace.onDidSaveTextDocument(forget), vscode.workspace.onDidCloseTextDocument(forget), vscode.window.onDidChangeActiveTextEditor(() => this.update(() => undefined))];
  }

  /** After a refused save: only an open, edited document gets the buttons (code that writes gets the error alone). */
  add(uri: vscode.Uri): void {
    if (openDocument(uri)?.isDirty) {
      this.update(() => this.uris.add(uri.toString()));
    }
  }

  has(uri: vscode.Uri): boolean {
    return this.uris.has(uri.toString());
  }

  private update(change: () => void): void {
    change();
    const active = vscode.window.activeTextEditor?.document.uri;
    void vscode.commands.executeCommand('setContext', SAVE_REFUSED_CONTEXT_KEY, active !== undefined && this.has(active));
  }

  dispose(): void {
    this.subscriptions.forEach((subscription) => subscription.dispose());
  }
}

/** `s3Browser.compareConflict`: their version on S3 (left, read-only) against your edited document (right). */
export async function compareConflict(uri: unknown): Promise<void> {
  if (!(uri instanceof vscode.Uri) || uri.scheme !== S3_SCHEME) {
    throw new Error(vscode.l10n.t('Compare with S3 works on an object opened from S3.'));
  }
  const theirs = uri.with({ scheme: CURRENT_VERSION_SCHEME, query: withQueryParameter(uri.query, 'etag-check', String(Date.now())) });
  await vscode.commands.executeCommand('vscode.diff', theirs, uri, vscode.l10n.t('{0} on S3 ↔ yours', displayName(uri)));
}

/**
 * `s3Browser.overwriteConflict`: an explicit, confirmed choice to replace their version with the
 * editor's content: the save is re-based on their current ETag (so a third change is still caught).
 */
export async function overwriteConflict(fileSystem: S3FileSystemProvider, prompts: Prompts, uri: unknown): Promise<void> {
  if (!(uri instanceof vscode.Uri) || uri.scheme !== S3_SCHEME) {
    throw new Error(vscode.l10n.t('Overwrite works on an object opened from S3.'));
  }
  const document = openDocument(uri);
  if (!document) {
    throw new Error(vscode.l10n.t('{0} is not open in an editor; there is nothing to save over it.', displayName(uri)));
  }
  await prompts.confirm(
    vscode.l10n.t('Overwrite {0} with your version?', displayName(uri)),
    vscode.l10n.t('Someone else changed it after you opened it. Their change is replaced by the content of your editor (on a versioned bucket it stays available as an older version).'),
    vscode.l10n.t('Overwrite'),
  );
  await fileSystem.rebase(uri);
  if (!(await document.save())) {
    throw new Error(vscode.l10n.t('{0} could not be saved: it may have changed again. Your edits are still in the editor.', displayName(uri)));
  }
}
