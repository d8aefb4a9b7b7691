import * as vscode from 'vscode';

/** An input box whose dismissal cancels the command (silently, through runCommand). */
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

/** A modal yes/no; anything but the confirming button cancels. */
export async function confirm(message: string, detail: string, action: string): Promise<void> {
  if ((await vscode.window.showWarningMessage(message, { modal: true, detail }, action)) !== action) {
    throw new vscode.CancellationError();
  }
}
