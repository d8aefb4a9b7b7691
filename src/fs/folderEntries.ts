// A folder as VS Code's Explorer sees it: the names of its sub-folders and files, and the keys a
// path cannot show (an empty, "." or ".." segment), which are named to the user once per folder.
import type * as vscode from 'vscode';
import type { S3Service } from '../s3/service';
import { s3Text } from '../ui/format';
import type { Prompts } from '../ui/prompts';
import { l10n } from '../l10n';
import { baseName } from './s3Location';

export interface FolderEntries {
  folders: Set<string>;
  files: Set<string>;
  /** Keys under the folder that no path can name. */
  hidden: string[];
}

/** Every page of the folder's listing, as names. */
export async function folderEntries(service: S3Service, bucket: string, prefix: string): Promise<FolderEntries> {
  const folders = new Set<string>();
  const files = new Set<string>();
  const hidden: string[] = [];
  let token: string | undefined;
  do {
    const page = await service.listFolder({ bucket, prefix, token });
    for (const folder of page.folders) {
      const name = baseName(folder.prefix);
      if (name === '' || name === '.' || name === '..') {
        hidden.push(folder.prefix);
      } else {
        folders.add(name);
      }
    }
    for (const file of page.files) {
      const name = baseName(file.key);
      if (file.key === prefix) {
        continue; // the folder's own `prefix/` marker
      }
      if (name === '.' || name === '..') {
        hidden.push(file.key);
      } else {
        files.add(name);
      }
    }
    token = page.token;
  } while (token);
  return { folders, files, hidden };
}

export class HiddenKeysNotice {
  /** Folders whose keys the Explorer cannot show were named to the user once (per folder). */
  private readonly reported = new Set<string>();

  constructor(
    private readonly prompts: Prompts,
    private readonly log: (line: string) => void,
  ) {}

  report(uri: vscode.Uri, bucket: string, prefix: string, hidden: string[]): void {
    if (hidden.length === 0) {
      return;
    }
    // Paths cannot hold empty, "." or ".." segments: VS Code would drop or normalise them (a ".."
    // entry would even resolve to the parent folder, so deleting it would delete the wrong thing).
    const named = hidden.map((hiddenKey) => s3Text(bucket, hiddenKey));
    this.log(`Not shown in the Explorer (empty, "." or ".." path segment; open them from the S3 explorer): ${named.join(', ')}`);
    if (!this.reported.has(uri.toString())) {
      this.reported.add(uri.toString());
      const more = named.length > 3 ? l10n.t(' and {0} more (listed in the S3 output)', named.length - 3) : '';
      void this.prompts.notify(
        'warning',
        named.length === 1
          ? l10n.t('VS Code\'s Explorer cannot show this key of {0}, because a path cannot hold an empty, "." or ".." segment: {1}{2}. Open them from the S3 explorer.', s3Text(bucket, prefix), named.slice(0, 3).join(', '), more)
          : l10n.t('VS Code\'s Explorer cannot show {0} keys of {1}, because a path cannot hold an empty, "." or ".." segment: {2}{3}. Open them from the S3 explorer.', named.length, s3Text(bucket, prefix), named.slice(0, 3).join(', '), more),
      );
    }
  }
}
