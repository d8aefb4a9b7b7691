import * as vscode from 'vscode';

export const SYNC_PREVIEW_SCHEME = 's3browser-sync';

/**
 * The read-only documents that show sync plans before they run (no "save?" when closed, as an
 * untitled document would ask). Each preview has its own URI; the newest few are kept.
 */
export class SyncPreviews implements vscode.TextDocumentContentProvider {
  private readonly texts = new Map<string, string>();
  private next = 1;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.path) ?? vscode.l10n.t('This sync preview is no longer available: run the sync again to see a new one.');
  }

  /** Opens `markdown` in an editor beside the current one, without taking the focus. */
  async show(title: string, markdown: string): Promise<vscode.Uri> {
    // A name cannot hold "/": the division slash (U+2215) looks the same on the tab.
    const uri = vscode.Uri.from({ scheme: SYNC_PREVIEW_SCHEME, path: `/${this.next++}/${title.replace(/[\\/]/g, '\u2215')}.md` });
    this.texts.set(uri.path, markdown);
    for (const path of [...this.texts.keys()].slice(0, -10)) {
      this.texts.delete(path);
    }
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preview: true, preserveFocus: true });
    return uri;
  }

  /** The text a preview shows (tests read it). */
  text(uri: vscode.Uri): string | undefined {
    return this.texts.get(uri.path);
  }
}
