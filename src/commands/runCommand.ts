import * as vscode from 'vscode';
import { S3Error } from '../s3/errors';
import type { Log } from '../ui/log';

function isCancellation(error: unknown): boolean {
  return error instanceof vscode.CancellationError || (error instanceof S3Error && error.kind === 'Cancelled');
}

/** Every command goes through here: failures are logged and shown once; user cancellation is silent. */
export function runCommand<A extends unknown[]>(id: string, log: Log, handler: (...args: A) => unknown): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await handler(...args);
    } catch (error) {
      if (isCancellation(error)) {
        return;
      }
      const message = error instanceof Error ? error.message : String(error);
      log.error(`${id}: ${message}`);
      void vscode.window.showErrorMessage(message);
    }
  };
}
