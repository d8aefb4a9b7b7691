import * as vscode from 'vscode';
import { baseName } from '../../fs/s3Location';
import { formatBytes, s3Text } from '../../ui/format';
import type { CommandContext } from '../commandContext';
import { chooseBucket } from './chooseS3Folder';
import type { S3Item } from './commandTargets';

interface Entry extends vscode.QuickPickItem {
  /** Picking it lists this prefix. */
  open?: string;
  /** Picking it lists the next page of the current prefix. */
  more?: true;
  /** Picking it is the answer. */
  item?: S3Item;
}

/** The prefix a folder's parent lists: `a/b/` → `a/`, `a/` → `''`. */
function parentOf(prefix: string): string {
  const trimmed = prefix.slice(0, -1);
  return trimmed.slice(0, trimmed.lastIndexOf('/') + 1);
}

/**
 * What a palette command acts on when nothing is open or selected: a connection, a bucket, then
 * folder by folder until an object, or a folder itself ("This folder"), is picked; only the first two
 * steps for a command on buckets.
 */
export async function pickS3Item(context: CommandContext, what: string, { bucketOnly = false } = {}): Promise<S3Item> {
  const title = vscode.l10n.t('Choose {0}', what);
  const { connection, bucket } = await chooseBucket(context, title);
  if (bucketOnly) {
    return { connection, bucket, key: '', isFolder: true };
  }
  const service = await context.services.forBucket(connection.settings, bucket);
  let prefix = '';
  let token: string | undefined;
  let listed: Entry[] = [];
  for (;;) {
    const page = await context.prompts.withProgress(vscode.l10n.t('Listing {0}…', s3Text(bucket, prefix)), { cancellable: true }, (_report, signal) => service.listFolder({ bucket, prefix, token, signal }));
    listed = [
      ...listed,
      ...page.folders.map((folder): Entry => ({ label: `${baseName(folder.prefix)}/`, iconPath: new vscode.ThemeIcon('folder'), open: folder.prefix })),
      ...page.files.map((file): Entry => ({ label: baseName(file.key), description: formatBytes(file.size), iconPath: new vscode.ThemeIcon('file'), item: { connection, bucket, key: file.key, isFolder: false, size: file.size } })),
    ];
    const entries: Entry[] = [
      { label: prefix === '' ? vscode.l10n.t('This bucket') : vscode.l10n.t('This folder'), description: s3Text(bucket, prefix), iconPath: new vscode.ThemeIcon('check'), item: { connection, bucket, key: prefix, isFolder: true } },
      ...(prefix === '' ? [] : [{ label: vscode.l10n.t('Parent folder'), iconPath: new vscode.ThemeIcon('arrow-up'), open: parentOf(prefix) }]),
      ...listed,
      ...(page.token ? [{ label: vscode.l10n.t('Load more…'), iconPath: new vscode.ThemeIcon('more'), more: true as const }] : []),
    ];
    const picked = await context.prompts.pick(entries, { title: `${title}: ${s3Text(bucket, prefix)}`, matchOnDescription: true });
    if (picked.item) {
      return picked.item;
    }
    if (picked.more) {
      token = page.token;
      continue;
    }
    prefix = picked.open ?? prefix;
    token = undefined;
    listed = [];
  }
}
