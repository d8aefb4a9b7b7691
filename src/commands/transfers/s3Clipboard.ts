import * as vscode from 'vscode';
import type { S3Item } from '../shared/commandTargets';
import type { TransferMode } from './moveOrCopy';

/** The context key that enables Paste in the S3 explorer. */
const HAS_ITEMS_CONTEXT_KEY = 's3Browser.clipboardHasItems';

/**
 * What Cut / Copy in the S3 explorer put aside for Paste. Kept in the extension, not on the system
 * clipboard: S3 items are not files another program could paste.
 */
export const s3Clipboard = {
  items: [] as S3Item[],
  mode: 'copy' as TransferMode,

  set(items: S3Item[], mode: TransferMode): void {
    this.items = items;
    this.mode = mode;
    void vscode.commands.executeCommand('setContext', HAS_ITEMS_CONTEXT_KEY, items.length > 0);
  },

  clear(): void {
    this.set([], 'copy');
  },
};
