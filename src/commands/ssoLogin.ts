import * as vscode from 'vscode';

/** POSIX single-quoting, so a profile name can never run as shell code. */
function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** `s3Browser.ssoLogin`: runs `aws sso login` for the profile in a terminal; the tree refreshes when it closes. */
export function ssoLogin(profile: unknown): void {
  if (typeof profile !== 'string') {
    throw new Error('Run "aws sso login --profile NAME" in a terminal for the SSO profile.');
  }
  const terminal = vscode.window.createTerminal({ name: `aws sso login (${profile})` });
  terminal.sendText(`aws sso login --profile ${shellQuote(profile)}`);
  terminal.show();
  const closed = vscode.window.onDidCloseTerminal((closedTerminal) => {
    if (closedTerminal === terminal) {
      closed.dispose();
      void vscode.commands.executeCommand('s3Browser.refresh');
    }
  });
}
