import * as vscode from 'vscode';
import { baseName } from '../../fs/s3Location';
import type { Connection } from '../../profiles/connectionRegistry';
import { keyLengthProblem, S3Error } from '../../s3/errors';
import type { S3Service } from '../../s3/service';
import { settings } from '../../settings';
import { copyTaskPages, CopyRecord, pairOf, type CopyJob, type CopyPair } from '../../transfer/copyTasks';
import type { TransferOutcome, TransferTask } from '../../transfer/transferEngine';
import { runPlannedTransferBatch } from '../../transfer/transferUi';
import type { CommandContext } from '../commandContext';
import type { S3Item } from '../shared/commandTargets';
import { nameOf, placementProblem, sameBucketProblem, sameKeyProblem, sameNameProblem, type PlannedItem } from './transferChecks';
import { formatCount, plural, s3Text } from '../../ui/format';

export type TransferMode = 'copy' | 'move';

/** A folder (or a bucket's root, prefix `''`) that items are copied or moved into. */
export interface S3Destination {
  connection: Connection;
  bucket: string;
  /** `''` or ending in `/`. */
  prefix: string;
}

/** One selected item and the key (or prefix, for a folder) it goes to in the destination bucket. */
export interface PlacedItem {
  item: S3Item;
  targetKey: string;
}

const OVERWRITE = vscode.l10n.t('Overwrite');
const SKIP_EXISTING = vscode.l10n.t('Skip Existing');
const CANCEL = vscode.l10n.t('Cancel');

/** `s3://connection@bucket/prefix/`: the form Copy To / Move To accept, with the connection named. */
export function destinationText(connection: Connection, bucket: string, prefix: string, withConnection: boolean): string {
  return `s3://${withConnection ? `${nameOf(connection)}@` : ''}${bucket}/${prefix}`;
}

/**
 * Reads `s3://[connection@]bucket[/prefix/]` (a prefix without a trailing `/` is a folder too); the
 * connection defaults to `fallback`.
 */
export async function parseDestination(context: CommandContext, text: string, fallback: Connection): Promise<S3Destination> {
  const match = /^s3:\/\/([^/]*)(?:\/(.*))?$/i.exec(text.trim());
  if (!match || !match[1]) {
    throw new Error(vscode.l10n.t('"{0}" is not an S3 folder: enter s3://bucket/prefix/ or s3://connection@bucket/prefix/.', text));
  }
  const at = match[1].lastIndexOf('@');
  const bucket = match[1].slice(at + 1);
  const connection = at >= 0 ? await context.connections.get(match[1].slice(0, at)) : fallback;
  const rest = match[2] ?? '';
  return { connection, bucket, prefix: rest === '' || rest.endsWith('/') ? rest : `${rest}/` };
}

/** Each item under the destination folder, by its own name (a bucket's root by the bucket's name). */
export function placeUnder(items: S3Item[], destination: S3Destination): PlacedItem[] {
  return items.map((item) => {
    const name = item.key === '' ? item.bucket : baseName(item.key);
    return { item, targetKey: `${destination.prefix}${name}${item.isFolder ? '/' : ''}` };
  });
}

/** Lists what each item stands for (a folder: every key under it) and the key each goes to. */
async function plan(context: CommandContext, placed: PlacedItem[], signal: AbortSignal, report: (message: string) => void): Promise<PlannedItem[]> {
  const planned: PlannedItem[] = [];
  let found = 0;
  for (const entry of placed) {
    const { item, targetKey } = entry;
    const service = await context.services.forBucket(item.connection.settings, item.bucket);
    const pairs: CopyPair[] = [];
    if (item.isFolder) {
      for await (const page of service.listKeys(item.bucket, item.key, signal)) {
        pairs.push(...page.map((object) => pairOf(object, item.key, targetKey)));
        found += page.length;
        report(vscode.l10n.t('{0} objects found…', formatCount(found)));
      }
    } else {
      const size = item.size ?? (await service.headObject(item.bucket, item.key, undefined, signal)).size;
      pairs.push({ sourceKey: item.key, targetKey, size });
      found++;
    }
    for (const pair of pairs) {
      const problem = keyLengthProblem(pair.targetKey);
      if (problem) {
        throw new Error(vscode.l10n.t('Nothing was copied or moved: {0}', problem));
      }
    }
    planned.push({ placed: entry, service, pairs });
  }
  return planned;
}

/** Target keys that already exist at the destination. */
async function existingTargets(service: S3Service, bucket: string, planned: PlannedItem[], signal: AbortSignal): Promise<Set<string>> {
  const existing = new Set<string>();
  for (const { placed, pairs } of planned) {
    if (placed.item.isFolder) {
      const wanted = new Set(pairs.map((pair) => pair.targetKey));
      for await (const page of service.listKeys(bucket, placed.targetKey, signal)) {
        page.filter((object) => wanted.has(object.key)).forEach((object) => existing.add(object.key));
      }
    } else {
      try {
        await service.headObject(bucket, placed.targetKey, undefined, signal);
        existing.add(placed.targetKey);
      } catch (error) {
        if (!(error instanceof S3Error && error.kind === 'NotFound')) {
          throw error;
        }
      }
    }
  }
  return existing;
}

/**
 * Copies or moves items to the keys given, through the transfer engine with the per-item report:
 * folders key by key (a move deletes each source once its copy is verified), existing targets asked
 * about once (overwrite / skip / cancel). Refreshes the source and destination listings.
 */
export async function transferPlaced(context: CommandContext, cutOrChosen: PlacedItem[], chosenDestination: { connection: Connection; bucket: string }, mode: TransferMode, what: string): Promise<TransferOutcome> {
  // Items may have been put aside (Cut, Copy) before a connection was made read-only or edited:
  // what runs uses each connection as it is now.
  const current = (connection: Connection) => context.connections.get(nameOf(connection));
  const placed = await Promise.all(cutOrChosen.map(async (entry) => ({ ...entry, item: { ...entry.item, connection: await current(entry.item.connection) } })));
  const destination = { ...chosenDestination, connection: await current(chosenDestination.connection) };
  const readOnly = [destination.connection, ...(mode === 'move' ? placed.map((entry) => entry.item.connection) : [])].find((connection) => connection.settings.readOnly);
  if (readOnly) {
    throw new Error(
      mode === 'move'
        ? vscode.l10n.t('"{0}" is read-only (setting s3Browser.readOnlyConnections); nothing was moved.', nameOf(readOnly))
        : vscode.l10n.t('"{0}" is read-only (setting s3Browser.readOnlyConnections); nothing was copied.', nameOf(readOnly)),
    );
  }
  for (const entry of placed) {
    const problem = placementProblem(entry, destination);
    if (problem) {
      throw new Error(problem);
    }
  }
  const clash = sameNameProblem(placed, destination, mode);
  if (clash) {
    throw new Error(clash);
  }
  const destinationService = await context.services.forBucket(destination.connection.settings, destination.bucket);
  const record = new CopyRecord();
  const target = s3Text(destination.bucket, placed.length === 1 ? placed[0].targetKey : commonFolder(placed.map((entry) => entry.targetKey)));
  // Listing, the checks and the question about existing keys are phases of the transfer's own progress.
  const outcome = await runPlannedTransferBatch(
    context,
    {
      ...(mode === 'move' ? { title: vscode.l10n.t('Moving {0} to {1}', what, target), summary: vscode.l10n.t('Move to {0}', target) } : { title: vscode.l10n.t('Copying {0} to {1}', what, target), summary: vscode.l10n.t('Copy to {0}', target) }),
      concurrency: settings.transferConcurrency(),
      noun: 'object',
    },
    async (report, signal) => {
      report(mode === 'move' ? vscode.l10n.t('Listing what to move…') : vscode.l10n.t('Listing what to copy…'));
      const planned = await plan(context, placed, signal, report);
      const keyClash = sameKeyProblem(planned, destination, mode);
      if (keyClash) {
        throw new Error(keyClash);
      }
      const existing = await existingTargets(destinationService, destination.bucket, planned, signal);
      const onItself = await sameBucketProblem(planned, destinationService, destination, existing, mode, signal);
      if (onItself) {
        throw new Error(onItself);
      }
      let skipTargets: Set<string> | undefined;
      if (existing.size > 0) {
        const first = [...existing][0];
        const choice = await context.prompts.pick([{ label: OVERWRITE }, { label: SKIP_EXISTING }, { label: CANCEL }], {
          title:
            existing.size === 1
              ? vscode.l10n.t('{0} already exists at the destination ({1})', plural(existing.size, 'object'), s3Text(destination.bucket, first))
              : vscode.l10n.t('{0} already exist at the destination ({1}, …)', plural(existing.size, 'object'), s3Text(destination.bucket, first)),
          placeHolder: vscode.l10n.t('Overwrite them, skip them, or cancel'),
        });
        if (choice.label === CANCEL) {
          throw new vscode.CancellationError();
        }
        skipTargets = choice.label === SKIP_EXISTING ? existing : undefined;
      }
      const tasks: TransferTask[] = [];
      for (const { placed: entry, service, pairs } of planned) {
        const job: CopyJob = {
          source: { connectionName: nameOf(entry.item.connection), service, bucket: entry.item.bucket },
          destination: { connectionName: nameOf(destination.connection), service: destinationService, bucket: destination.bucket },
          removeSource: mode === 'move',
          keepAccessAndEncryption: settings.copyKeepsAccessAndEncryption(),
          skipTargets,
          log: (line) => context.log.info(line),
        };
        for await (const page of copyTaskPages(job, pairs, record)) {
          tasks.push(...page);
        }
      }
      return { tasks, totals: { files: tasks.length, bytes: planned.reduce((sum, item) => sum + item.pairs.reduce((bytes, pair) => bytes + pair.size, 0), 0) } };
    },
  );
  if (record.withoutAcl > 0) {
    void context.prompts.notify(
      'warning',
      record.withoutAcl === 1
        ? vscode.l10n.t('{0} went to bucket "{1}" without its ACL grants (for example public-read): it has ACLs disabled (Object Ownership "Bucket owner enforced"), so who can read there is decided by its bucket policy.', plural(record.withoutAcl, 'object'), destination.bucket)
        : vscode.l10n.t('{0} went to bucket "{1}" without their ACL grants (for example public-read): it has ACLs disabled (Object Ownership "Bucket owner enforced"), so who can read there is decided by its bucket policy.', plural(record.withoutAcl, 'object'), destination.bucket),
    );
  }
  if (record.withoutTags > 0) {
    void context.prompts.notify(
      'warning',
      record.withoutTags === 1
        ? vscode.l10n.t('{0} went to {1} without its tags: the server of "{2}" does not implement object tagging.', plural(record.withoutTags, 'object'), s3Text(destination.bucket, ''), nameOf(destination.connection))
        : vscode.l10n.t('{0} went to {1} without their tags: the server of "{2}" does not implement object tagging.', plural(record.withoutTags, 'object'), s3Text(destination.bucket, ''), nameOf(destination.connection)),
    );
  }
  await refreshAfter(context, placed, destination, mode);
  return outcome!; // the planning above returns tasks or throws
}

/** The folder the keys share (`''` for none). */
function commonFolder(keys: string[]): string {
  let common = keys[0] ?? '';
  for (const key of keys) {
    while (!key.startsWith(common)) {
      common = common.slice(0, -1);
    }
  }
  return common.slice(0, common.lastIndexOf('/') + 1);
}

async function refreshAfter(context: CommandContext, placed: PlacedItem[], destination: { connection: Connection; bucket: string }, mode: TransferMode): Promise<void> {
  const done = new Set<string>();
  const refresh = async (connectionName: string, bucket: string, key: string) => {
    const id = `${connectionName}\u0000${bucket}\u0000${key}`;
    if (!done.has(id)) {
      done.add(id);
      await context.tree.refreshParentOf(connectionName, bucket, key);
    }
  };
  for (const { item, targetKey } of placed) {
    await refresh(nameOf(destination.connection), destination.bucket, targetKey);
    if (mode === 'move' && item.key !== '') {
      await refresh(nameOf(item.connection), item.bucket, item.key);
    }
  }
}

/**
 * Copies or moves items into a folder (or a bucket's root), each by its own name: what Copy To,
 * Move To, Paste and drag & drop in the tree run.
 */
export function moveOrCopyItems(context: CommandContext, items: S3Item[], destination: S3Destination, mode: TransferMode): Promise<TransferOutcome> {
  const what = items.length === 1 ? s3Text(items[0].bucket, items[0].key) : plural(items.length, 'item');
  return transferPlaced(context, placeUnder(items, destination), destination, mode, what);
}
