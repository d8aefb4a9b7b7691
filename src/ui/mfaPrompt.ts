import * as vscode from 'vscode';

/** Asks for the current MFA code of a profile's `mfa_serial`; the SDK calls it when assuming the role. */
export async function promptMfaCode(serial: string): Promise<string> {
  const code = await vscode.window.showInputBox({
    title: 'MFA code',
    prompt: `Enter the current code of the MFA device ${serial}`,
    ignoreFocusOut: true,
    validateInput: (value) => (/^\d{6}$/.test(value.trim()) ? undefined : 'Enter the 6-digit code.'),
  });
  if (code === undefined) {
    throw new vscode.CancellationError();
  }
  return code.trim();
}
