import * as os from 'node:os';
import * as vscode from 'vscode';
import { promises as fs } from 'node:fs';
import { settings } from '../../settings';
import type { S3Service } from '../../s3/service';
import { downloadTasks, localPath, type DownloadEntry, type ExistingFiles } from '../../transfer/downloadTasks';
import { placeKeys } from '../../transfer/localNames';
import { runPlannedTransferBatch } from '../../transfer/transferUi';
import { formatBytes, plural } from '../../ui/format';
import type { CommandContext } from '../commandContext';
import { commandItems, type S3Item } from '../shared/commandTargets';

/** Above this many objects a download is confirmed whatever its size. */
const CONFIRM_ABOVE_OBJECTS = 1000;

export const OVERWRITE_ALL = vscode.l10n.t('Overwrite All');
export const SKIP_EXISTING = vscode.l10n.t('Skip Existing');
export const CANCEL = vscode.l10n.t('Cancel');

interface ListedKey {
  service: S3Service;
  bucket: string;
  key: string;
  size: number;
  /** The key relative to the chosen folder: the downloaded folder's own name comes along (`q/a.txt` for folder `p/q/`). */
  relativeKey: string;
  versionId?: string;
}

function s3Text(item: S3Item): string {
  return `s3://${item.bucket}/${item.key}`;
}


/**
 * What a key is called relative to the chosen folder: an object by its name, a folder's keys under
 * the folder's name, a bucket's keys under the bucket's name.
 */
function relativeTo(item: S3Item, key: string): string {
  if (item.key === '') {
    return `${item.bucket}/${key}`;
  }
  const itself = item.isFolder ? item.key.slice(0, -1) : item.key;
  const parent = itself.slice(0, itself.lastIndexOf('/') + 1);
  return key.slice(parent.length);
}

/** Every key the items stand for, with sizes, counted in the progress notification as the listing goes. */
async function listKeys(context: CommandContext, items: S3Item[], report: (message: string) => void, signal: AbortSignal): Promise<ListedKey[]> {
  const listed: ListedKey[] = [];
  let bytes = 0;
  report(vscode.l10n.t('Listing what to download…'));
  for (const item of items) {
    const service = await context.services.forBucket(item.connection.settings, item.bucket);
    if (!item.isFolder) {
      const size = item.size ?? (await service.headObject(item.bucket, item.key, item.versionId, signal)).size;
      listed.push({ service, bucket: item.bucket, key: item.key, size, relativeKey: relativeTo(item, item.key), versionId: item.versionId });
      bytes += size;
      continue;
    }
    for await (const page of service.listKeys(item.bucket, item.key, signal)) {
      for (const object of page) {
        listed.push({ service, bucket: item.bucket, key: object.key, size: object.size, relativeKey: relativeTo(item, object.key) });
        bytes += object.size;
      }
      report(vscode.l10n.t('Listing what to download: {0} · {1}', plural(listed.length, 'object'), formatBytes(bytes)));
    }
  }
  signal.throwIfAborted();
  return listed;
}

async function exists(file: string): Promise<boolean> {
  return fs.lstat(file).then(
    () => true,
    () => false,
  );
}

/** Asks once what to do with files already on disk, when there are any. */
async function existingFiles(context: CommandContext, folder: string, files: string[]): Promise<ExistingFiles> {
  const present: string[] = [];
  for (const file of files) {
    if (await exists(file)) {
      present.push(file);
    }
  }
  if (present.length === 0) {
    return 'overwrite';
  }
  const choice = await context.prompts.pick([{ label: OVERWRITE_ALL }, { label: SKIP_EXISTING }, { label: CANCEL }], {
    title: present.length === 1 ? vscode.l10n.t('{0} already exists: overwrite or skip?', present[0]) : vscode.l10n.t('{0} already exist in {1}: overwrite or skip?', plural(present.length, 'file'), folder),
  });
  if (choice.label === CANCEL) {
    throw new vscode.CancellationError();
  }
  return choice.label === OVERWRITE_ALL ? 'overwrite' : 'skip';
}

/**
 * `s3Browser.download`: objects, folders and buckets (tree selection, `(uri, uris)` of `s3:` URIs,
 * or the active `s3:` editor) into a folder chosen in the open dialog, the layout kept: folder
 * `s3://b/p/q/` into `/tmp/x` gives `/tmp/x/q/…`. Lists first, confirms a large download, asks once
 * about existing files, then downloads through the transfer engine.
 */
export async function download(context: CommandContext, target: unknown, selection: unknown): Promise<void> {
  const items = await commandItems(context, target, selection, vscode.l10n.t('objects, folders or buckets'), { versions: true });
  const source = items.length === 1 ? s3Text(items[0]) : plural(items.length, 'item');
  // In a virtual workspace (an opened bucket) the dialog would start in S3, whose paths mean nothing on disk.
  const startIn = vscode.workspace.workspaceFolders?.find((folder) => folder.uri.scheme === 'file')?.uri ?? vscode.Uri.file(os.homedir());
  const [chosen] = await context.prompts.openDialog({ canSelectFolders: true, canSelectFiles: false, canSelectMany: false, defaultUri: startIn, openLabel: vscode.l10n.t('Download Here'), title: vscode.l10n.t('Download {0} to…', source) });
  if (chosen.scheme !== 'file') {
    throw new Error(vscode.l10n.t('Downloads go to a folder of this computer, and {0} is not one. Choose a local folder, or use Copy To… to copy within S3.', chosen.toString(true)));
  }
  const folder = chosen.fsPath;

  // Listing, the size check and the question about existing files are phases of the download's own progress.
  await runPlannedTransferBatch(
    { prompts: context.prompts, log: context.log },
    { title: vscode.l10n.t('Downloading {0} to {1}', source, folder), summary: vscode.l10n.t('Download of {0} to {1}', source, folder), concurrency: settings.transferConcurrency(), noun: 'object' },
    async (report, signal) => {
      const listed = await listKeys(context, items, report, signal);
      if (listed.length === 0) {
        void context.prompts.notify('info', vscode.l10n.t('Nothing to download: {0} holds no objects.', source));
        return undefined;
      }
      const bytes = listed.reduce((sum, key) => sum + key.size, 0);
      if (bytes > settings.downloadConfirmAboveBytes() || listed.length > CONFIRM_ABOVE_OBJECTS) {
        await context.prompts.confirm(vscode.l10n.t('Download {0} ({1})?', plural(listed.length, 'object'), formatBytes(bytes)), vscode.l10n.t('From {0} to {1}.', source, folder), vscode.l10n.t('Download'));
      }
      const placements = placeKeys(listed);
      const entries: DownloadEntry[] = listed.map((key, index) => ({ service: key.service, bucket: key.bucket, key: key.key, versionId: key.versionId, size: key.size, placement: placements[index] }));
      const files = placements.flatMap((placement) => (placement.kind === 'file' ? [localPath(folder, placement.relativePath)] : []));
      const existing = await existingFiles(context, folder, files);
      return { tasks: downloadTasks(entries, folder, existing), totals: { files: entries.length, bytes } };
    },
  );
}
