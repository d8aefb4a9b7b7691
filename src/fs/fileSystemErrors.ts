import * as vscode from 'vscode';
import { S3Error } from '../s3/errors';

/** The provider contract allows only vscode.FileSystemError; this maps everything else onto it. */
export function toFileSystemError(error: unknown, uri: vscode.Uri): vscode.FileSystemError {
  if (error instanceof vscode.FileSystemError) {
    return error;
  }
  if (error instanceof S3Error) {
    switch (error.kind) {
      case 'NotFound':
        return vscode.FileSystemError.FileNotFound(uri);
      case 'AccessDenied':
      case 'InvalidCredentials':
      case 'ReadOnly':
        return vscode.FileSystemError.NoPermissions(error.message);
      default:
        return vscode.FileSystemError.Unavailable(error.message);
    }
  }
  return vscode.FileSystemError.Unavailable(error instanceof Error ? error.message : String(error));
}
