import * as vscode from 'vscode';
import { formatS3Location, S3_SCHEME } from '../../fs/s3Location';
import { l10n } from '../../l10n';
import type { ObjectSummary } from '../../s3/types';
import { settings } from '../../settings';
import { parseKeyPattern } from '../../transfer/keyPattern';
import { listKeysInParallel } from '../../transfer/parallelListing';
import { formatBytes, formatCount, localTime, s3Text } from '../../ui/format';
import type { CommandContext } from '../commandContext';
import { chooseS3Folder } from '../shared/chooseS3Folder';
import { revealKey } from '../shared/revealKey';

/** Matches kept for the list; the rest are only counted, so memory stays flat on any bucket. */
export const FIND_SHOWN_AT_MOST = 1000;

interface FoundItem extends vscode.QuickPickItem {
  key: string;
}

const OPEN = { iconPath: new vscode.ThemeIcon('go-to-file'), tooltip: l10n.t('Open') };

function foundItem(object: ObjectSummary, prefix: string): FoundItem {
  return {
    key: object.key,
    label: object.key.slice(prefix.length),
    description: [formatBytes(object.size), object.lastModified ? localTime(object.lastModified) : undefined].filter(Boolean).join(' · '),
    buttons: [OPEN],
  };
}

/**
 * `s3Browser.findInBucket`: the keys under a bucket or folder that match a substring, a glob or a
 * regular expression, listed in parallel and shown while they are found (with how many keys were
 * scanned). Picking one reveals it in the tree, loading pages on the way; its button opens it.
 */
export async function findInBucket(context: CommandContext, target: unknown): Promise<void> {
  const folder = await chooseS3Folder(context, target, l10n.t('Find in Bucket'));
  const where = s3Text(folder.bucket, folder.prefix);
  const text = await context.prompts.ask({
    title: l10n.t('Find in {0}', where),
    prompt: l10n.t('Part of a key (any case), a glob such as **/report-*.csv, or a /regular expression/'),
    validateInput: (value) => {
      if (value === '') {
        return l10n.t('Type what to find.');
      }
      try {
        parseKeyPattern(value);
        return undefined;
      } catch (error) {
        return (error as Error).message;
      }
    },
  });
  const pattern = parseKeyPattern(text);
  const service = await context.services.forBucket(folder.connection.settings, folder.bucket);
  const { item, button } = await context.prompts.pickStreaming<FoundItem>({ placeholder: l10n.t('Keys matching {0} in {1}', text, where) }, async (show, signal) => {
    const found: FoundItem[] = [];
    let scanned = 0;
    let matched = 0;
    for await (const page of listKeysInParallel(service, folder.bucket, folder.prefix, { concurrency: settings.transferConcurrency(), signal })) {
      scanned += page.length;
      for (const object of page) {
        if (pattern.matches(object.key.slice(folder.prefix.length))) {
          matched++;
          if (found.length < FIND_SHOWN_AT_MOST) {
            found.push(foundItem(object, folder.prefix));
          }
        }
      }
      found.sort((a, b) => a.label.localeCompare(b.label));
      show(found, l10n.t('Finding in {0}: {1} matched of {2} keys scanned…', where, formatCount(matched), formatCount(scanned)));
    }
    show(
      found,
      matched > found.length
        ? l10n.t('{0} matched of {1} keys in {2}; the first {3} are listed', formatCount(matched), formatCount(scanned), where, formatCount(found.length))
        : l10n.t('{0} matched of {1} keys in {2}', formatCount(matched), formatCount(scanned), where),
    );
  });
  const connectionName = folder.connection.settings.connectionName;
  if (button) {
    await vscode.commands.executeCommand('vscode.open', vscode.Uri.from({ scheme: S3_SCHEME, ...formatS3Location({ connectionName, bucket: folder.bucket, key: item.key }) }));
    return;
  }
  await context.prompts.withProgress(l10n.t('Revealing {0}…', s3Text(folder.bucket, item.key)), { cancellable: true }, async (_report, signal) => {
    if (!(await revealKey(context, connectionName, folder.bucket, item.key, signal))) {
      throw new Error(l10n.t('{0} is no longer there.', s3Text(folder.bucket, item.key)));
    }
  });
}
