import * as vscode from 'vscode';
import { l10n } from '../../l10n';
import type { Prompts } from '../../ui/prompts';

/** A local folder from VS Code's Explorer (its context menu passes the clicked item's URI). */
export function explorerFolder(target: unknown): vscode.Uri | undefined {
  return target instanceof vscode.Uri && target.scheme === 'file' ? target : undefined;
}

/** A local folder chosen in the open dialog; a folder that is not on this computer is refused. */
export async function chooseLocalFolder(prompts: Prompts, title: string, openLabel: string): Promise<string> {
  const startIn = vscode.workspace.workspaceFolders?.find((folder) => folder.uri.scheme === 'file')?.uri;
  const [chosen] = await prompts.openDialog({ canSelectFolders: true, canSelectFiles: false, canSelectMany: false, defaultUri: startIn, openLabel, title });
  if (chosen.scheme !== 'file') {
    throw new Error(l10n.t('Sync works with a folder of this computer, and {0} is not one. Choose a local folder.', chosen.toString(true)));
  }
  return chosen.fsPath;
}
