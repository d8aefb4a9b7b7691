import * as vscode from 'vscode';
import { S3Error, SSO_LOGIN_REQUIRED } from '../s3/errors';
import type { Log } from '../ui/log';
import type { Prompts } from '../ui/prompts';

function isCancellation(error: unknown): boolean {
  return error instanceof vscode.CancellationError || (error instanceof S3Error && error.kind === 'Cancelled');
}

/**
 * Every command goes through here: failures are logged and shown once (with the fix as a button
 * when there is one); user cancellation is silent. Nothing is rethrown: VS Code would show a
 * second, less helpful notification.
 */
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
        void prompts.notify('error', message, 'Run aws sso login').then((choice) => {
          if (choice) {
            void vscode.commands.executeCommand('s3Browser.ssoLogin', profile);
          }
        });
      } else {
        void prompts.notify('error', message);
      }
    }
  };
}
