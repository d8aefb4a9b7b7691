import * as vscode from 'vscode';

/**
 * `s3Browser.ssoLogin`: runs `aws sso login --profile NAME` in a terminal; the tree refreshes when it
 * closes. The command is started as an argument vector, not typed into a shell, so no shell
 * (bash, PowerShell, cmd.exe, each quoting differently) ever interprets the profile name.
 */
export function ssoLogin(profile: unknown): void {
  if (typeof profile !== 'string' || profile === '') {
    throw new Error(vscode.l10n.t('Run "aws sso login --profile NAME" in a terminal for the SSO profile.'));
  }
  const terminal = vscode.window.createTerminal({ name: `aws sso login (${profile})`, shellPath: 'aws', shellArgs: ['sso', 'login', '--profile', profile] });
  terminal.show();
  const closed = vscode.window.onDidCloseTerminal((closedTerminal) => {
    if (closedTerminal === terminal) {
      closed.dispose();
      void vscode.commands.executeCommand('s3Browser.refresh');
    }
  });
}
