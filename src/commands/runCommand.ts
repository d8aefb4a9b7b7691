import * as vscode from 'vscode';
import { S3Error, SSO_LOGIN_REQUIRED } from '../s3/errors';
import type { Log } from '../ui/log';
import type { Prompts } from '../ui/prompts';
import { isStepBack } from '../ui/formSteps';

function isCancellation(error: unknown): boolean {
  // Back on a form's first question (which has no Back button) ends the form like Escape.
  return error instanceof vscode.CancellationError || isStepBack(error) || (error instanceof S3Error && error.kind === 'Cancelled');
}

/**
 * Every command goes through here: failures are logged and shown once (with the fix as a button
 * when there is one); user cancellation is silent. Nothing is rethrown: VS Code would show a
 * second, less helpful notification.
 */
const OPEN_SETTINGS = vscode.l10n.t('Open Settings');
// "(setting s3Browser.x)": the setting's name after a space, whatever the translated word before it.
const SETTING_NAMED = /(?:^|[\s(])(s3Browser\.[A-Za-z.]*[A-Za-z])/;

export function runCommand<A extends unknown[]>(id: string, log: Log, prompts: Prompts, handler: (...args: A) => unknown): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await handler(...args);
    } catch (error) {
      if (isCancellation(error)) {
        return;
      }
      const message = error instanceof Error ? error.message : String(error);
      log.error(`${id}: ${message}`);
      if (error instanceof S3Error && error.code === SSO_LOGIN_REQUIRED && error.connectionName) {
        const profile = error.connectionName;
        void prompts.notify('error', message, vscode.l10n.t('Run aws sso login')).then((choice) => {
          if (choice) {
            void vscode.commands.executeCommand('s3Browser.ssoLogin', profile);
          }
        });
      } else {
        // An error that names the setting behind it ("… (setting s3Browser.openRefuseAboveMB)") opens it.
        const setting = SETTING_NAMED.exec(message)?.[1];
        void prompts.notify('error', message, ...(setting ? [OPEN_SETTINGS] : [])).then((choice) => {
          if (choice === OPEN_SETTINGS) {
            void vscode.commands.executeCommand('workbench.action.openSettings', setting);
          }
        });
      }
    }
  };
}
