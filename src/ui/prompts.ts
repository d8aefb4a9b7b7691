import * as vscode from 'vscode';

/**
 * Every question a command asks the user. Commands receive it through their context, so tests
 * answer through the same seam (replacing a method) instead of extra command arguments that any
 * caller could use to skip a confirmation.
 */
export interface Prompts {
  /** An input box; dismissing it cancels the command (silently, through runCommand). */
  ask(options: vscode.InputBoxOptions): Promise<string>;
  pick<T extends vscode.QuickPickItem>(items: T[], options: vscode.QuickPickOptions): Promise<T>;
  /** A modal yes/no; anything but the confirming button cancels. */
  confirm(message: string, detail: string, action: string): Promise<void>;
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

export async function confirm(message: string, detail: string, action: string): Promise<void> {
  if ((await vscode.window.showWarningMessage(message, { modal: true, detail }, action)) !== action) {
    throw new vscode.CancellationError();
  }
}

/** The prompts of the running extension: VS Code's own input box, quick pick and modal. */
export function windowPrompts(): Prompts {
  return { ask, pick, confirm };
}
