import * as vscode from 'vscode';

/** Prompts one at a time: two clients asking together would otherwise stack input boxes. */
let queue: Promise<unknown> = Promise.resolve();

/** Asks for the current MFA code of a profile's `mfa_serial`; the SDK calls it when assuming the role. */
export function promptMfaCode(serial: string): Promise<string> {
  const asked = queue.then(async () => {
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
  });
  queue = asked.catch(() => undefined);
  return asked;
}
