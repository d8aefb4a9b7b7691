import * as vscode from 'vscode';

export type NotificationSeverity = 'info' | 'warning' | 'error';

/** Reports a step of long work: a message and the percentage it adds. */
export type ProgressReport = (message: string, increment?: number) => void;

/**
 * Everything the extension asks or tells the user. Commands and the file system receive it, so
 * tests answer and observe through the same seam (replacing a method) instead of extra command
 * arguments that any caller could use to skip a confirmation.
 */
export interface Prompts {
  /** An input box; dismissing it cancels the command (silently, through runCommand). */
  ask(options: vscode.InputBoxOptions): Promise<string>;
  pick<T extends vscode.QuickPickItem>(items: T[], options: vscode.QuickPickOptions): Promise<T>;
  /** A multi-select quick pick (items with `picked` start selected); dismissing it or choosing none cancels. */
  pickMany<T extends vscode.QuickPickItem>(items: T[], options: vscode.QuickPickOptions): Promise<T[]>;
  /** VS Code's open dialog (files or folders); dismissing it cancels the command. */
  openDialog(options: vscode.OpenDialogOptions): Promise<vscode.Uri[]>;
  /** A modal yes/no; anything but the confirming button cancels. */
  confirm(message: string, detail: string, action: string): Promise<void>;
  /** A non-modal notification; resolves to the action clicked, or undefined when it is dismissed. */
  notify(severity: NotificationSeverity, message: string, ...actions: string[]): Promise<string | undefined>;
  /** Long work in a progress notification; with `cancellable`, its Cancel button aborts `signal`. */
  withProgress<T>(title: string, options: { cancellable: boolean }, task: (report: ProgressReport, signal: AbortSignal) => Promise<T>): Promise<T>;
}

export async function ask(options: vscode.InputBoxOptions): Promise<string> {
  const value = await vscode.window.showInputBox({ ignoreFocusOut: true, ...options });
  if (value === undefined) {
    throw new vscode.CancellationError();
  }
  return value.trim();
}

export async function pick<T extends vscode.QuickPickItem>(items: T[], options: vscode.QuickPickOptions): Promise<T> {
  const choice = await vscode.window.showQuickPick(items, { ignoreFocusOut: true, ...options });
  if (!choice) {
    throw new vscode.CancellationError();
  }
  return choice;
}

export async function pickMany<T extends vscode.QuickPickItem>(items: T[], options: vscode.QuickPickOptions): Promise<T[]> {
  const chosen = await vscode.window.showQuickPick(items, { ignoreFocusOut: true, ...options, canPickMany: true });
  if (!chosen || chosen.length === 0) {
    throw new vscode.CancellationError();
  }
  return chosen;
}

export async function openDialog(options: vscode.OpenDialogOptions): Promise<vscode.Uri[]> {
  const chosen = await vscode.window.showOpenDialog(options);
  if (!chosen || chosen.length === 0) {
    throw new vscode.CancellationError();
  }
  return chosen;
}

export async function confirm(message: string, detail: string, action: string): Promise<void> {
  if ((await vscode.window.showWarningMessage(message, { modal: true, detail }, action)) !== action) {
    throw new vscode.CancellationError();
  }
}

export async function notify(severity: NotificationSeverity, message: string, ...actions: string[]): Promise<string | undefined> {
  const show = severity === 'error' ? vscode.window.showErrorMessage : severity === 'warning' ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
  return show(message, ...actions);
}

export async function withProgress<T>(title: string, { cancellable }: { cancellable: boolean }, task: (report: ProgressReport, signal: AbortSignal) => Promise<T>): Promise<T> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable }, async (progress, token) => {
    const abort = new AbortController();
    const cancellation = token.onCancellationRequested(() => abort.abort());
    try {
      return await task((message, increment) => progress.report({ message, increment }), abort.signal);
    } finally {
      cancellation.dispose();
    }
  });
}

/** The prompts of the running extension: VS Code's own input box, quick pick, modal, notifications and progress. */
export function windowPrompts(): Prompts {
  return { ask, pick, pickMany, openDialog, confirm, notify, withProgress };
}
