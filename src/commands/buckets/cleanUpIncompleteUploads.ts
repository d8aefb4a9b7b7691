import type * as vscode from 'vscode';
import type { Connection } from '../../profiles/connectionRegistry';
import { settings } from '../../settings';
import { abortUploadTasks, findLeftovers, listIncompleteUploads, startedAgo, type ListedUpload } from '../../transfer/incompleteUploads';
import { runTransferBatch } from '../../transfer/transferUi';
import { BucketNode } from '../../tree/nodes/bucketNode';
import { formatBytes, formatCount, localAndUtc, plural } from '../../ui/format';
import { chooseConnection } from '../shared/chooseConnection';
import type { CommandContext } from '../commandContext';
import { l10n } from '../../l10n';

export const CLEAN_UP = l10n.t('Clean Up');
export const NOT_NOW = l10n.t('Not Now');

/** The bucket from the palette: one of the connection's buckets (listed, or added by name). */
async function chooseBucket(context: CommandContext, connection: Connection): Promise<string> {
  const { connectionName } = connection.settings;
  let listed: string[] = [];
  try {
    listed = (await context.services.get(connection.settings).listBuckets()).map((bucket) => bucket.name);
  } catch (error) {
    // Identities without s3:ListAllMyBuckets still have the buckets they added by name.
    if (context.pinned.list(connectionName).length === 0) {
      throw error;
    }
  }
  const names = [...new Set([...listed, ...context.pinned.list(connectionName)])].sort();
  if (names.length === 0) {
    throw new Error(l10n.t('"{0}" has no buckets.', connectionName));
  }
  return (await context.prompts.pick(names.map((label) => ({ label })), { title: l10n.t('Clean up incomplete uploads in which bucket of "{0}"?', connectionName) })).label;
}

/** Aborts the uploads through the transfer engine and reports "N succeeded, M failed". */
async function abortUploads(context: CommandContext, connection: Connection, bucket: string, chosen: ListedUpload[]): Promise<void> {
  const service = await context.services.forBucket(connection.settings, bucket);
  await runTransferBatch(
    context,
    {
      title: l10n.t('Aborting {0} in "{1}"', plural(chosen.length, 'incomplete upload'), bucket),
      summary: l10n.t('Clean up of incomplete uploads in "{0}" ({1})', bucket, connection.settings.connectionName),
      concurrency: settings.transferConcurrency(),
      noun: 'upload',
      totals: { files: chosen.length },
    },
    abortUploadTasks(service, bucket, chosen),
  );
}

interface UploadItem extends vscode.QuickPickItem {
  upload: ListedUpload;
}

function uploadItem(upload: ListedUpload, now: Date): UploadItem {
  const size = upload.size
    ? upload.size.parts === 1
      ? l10n.t('{0} in 1 part', formatBytes(upload.size.bytes))
      : l10n.t('{0} in {1} parts', formatBytes(upload.size.bytes), formatCount(upload.size.parts))
    : l10n.t('size unknown');
  const origin = upload.startedHere ? (upload.running ? l10n.t('started by this extension, still uploading') : l10n.t('started by this extension')) : undefined;
  return {
    label: upload.key,
    description: [size, startedAgo(upload.initiated, now)].join(' · '),
    detail: [upload.initiated ? l10n.t('Initiated {0}', localAndUtc(upload.initiated)) : undefined, origin, l10n.t('upload id {0}', upload.uploadId)].filter(Boolean).join(' · '),
    // Leftovers of this extension are what the user most likely came for; a running upload is not.
    picked: upload.startedHere !== undefined && !upload.running,
    upload,
  };
}

/**
 * `s3Browser.cleanUpIncompleteUploads`: on a bucket node, or from the palette (connection, then
 * bucket). Lists the bucket's incomplete multipart uploads with size and age, the ones this
 * extension left behind selected, and aborts the chosen ones after a confirmation.
 */
export async function cleanUpIncompleteUploads(context: CommandContext, target: unknown): Promise<void> {
  let connection: Connection;
  let bucket: string;
  if (target instanceof BucketNode) {
    connection = target.connection;
    bucket = target.bucket;
  } else {
    connection = await chooseConnection(context, target, l10n.t('Clean up incomplete uploads of which connection?'));
    bucket = await chooseBucket(context, connection);
  }
  const { connectionName } = connection.settings;
  const service = await context.services.forBucket(connection.settings, bucket);
  const listed = await context.prompts.withProgress(l10n.t('Listing incomplete uploads in "{0}"…', bucket), { cancellable: true }, (_report, signal) =>
    listIncompleteUploads(service, context.services.journal, connectionName, bucket, signal),
  );
  if (listed.length === 0) {
    void context.prompts.notify('info', l10n.t('No incomplete uploads in "{0}" ({1}).', bucket, connectionName));
    return;
  }
  const now = new Date();
  const chosen = await context.prompts.pickMany(
    listed.map((upload) => uploadItem(upload, now)),
    { title: l10n.t('Abort which incomplete uploads in "{0}" ({1})?', bucket, connectionName), placeHolder: l10n.t('{0}: their parts are stored and billed until aborted', plural(listed.length, 'incomplete upload')), matchOnDescription: true, matchOnDetail: true },
  );
  const known = chosen.filter((item) => item.upload.size).reduce((sum, item) => sum + (item.upload.size?.bytes ?? 0), 0);
  const running = chosen.filter((item) => item.upload.running).length;
  await context.prompts.confirm(
    l10n.t('Abort {0} in "{1}"?', plural(chosen.length, 'incomplete upload'), bucket),
    [
      known > 0 ? l10n.t('Their parts ({0}) are deleted; this cannot be undone.', formatBytes(known)) : l10n.t('Their parts are deleted; this cannot be undone.'),
      running === 0
        ? l10n.t('An upload still running elsewhere fails.')
        : running === 1
          ? l10n.t('{0} of them is still uploading in an open editor and will fail.', running)
          : l10n.t('{0} of them are still uploading in an open editor and will fail.', running),
    ].join(' '),
    l10n.t('Abort Uploads'),
  );
  await abortUploads(
    context,
    connection,
    bucket,
    chosen.map((item) => item.upload),
  );
}

/** Leftover sets already offered in this window: offered once, whatever the answer. */
const offered = new Set<string>();
const checking = new Map<string, Promise<void>>();

/**
 * Finds uploads this extension started that were left incomplete (server or editor died mid-upload)
 * in one connection's buckets, or all, and offers to abort them: once per window per set of leftovers.
 */
export function offerLeftoverCleanUp(context: CommandContext, connectionName?: string): Promise<void> {
  const journal = context.services.journal;
  const scope = connectionName ?? '';
  if (!journal || journal.leftoverBuckets(connectionName).length === 0) {
    return Promise.resolve();
  }
  let check = checking.get(scope);
  if (!check) {
    check = findAndOffer(context, connectionName).finally(() => checking.delete(scope));
    checking.set(scope, check);
  }
  return check;
}

async function findAndOffer(context: CommandContext, connectionName: string | undefined): Promise<void> {
  const journal = context.services.journal!;
  const connections = new Map((await context.connections.list()).map((connection) => [connection.settings.connectionName, connection]));
  const found = await findLeftovers(
    journal,
    async (name, bucket) => {
      const connection = connections.get(name);
      if (!connection) {
        throw new Error(l10n.t('The connection "{0}" no longer exists.', name));
      }
      return context.services.forBucket(connection.settings, bucket);
    },
    connectionName,
  );
  let offeredNow = 0;
  for (const leftovers of found) {
    const signature = [leftovers.connection, leftovers.bucket, ...leftovers.uploads.map((upload) => upload.uploadId).sort()].join('\u0000');
    const connection = connections.get(leftovers.connection);
    if (offered.has(signature) || !connection) {
      continue;
    }
    offered.add(signature);
    offeredNow++;
    const count = leftovers.uploads.length;
    const keys = `${leftovers.uploads
      .slice(0, 3)
      .map((upload) => upload.key)
      .join(', ')}${count > 3 ? ', …' : ''}`;
    const message =
      count === 1
        ? l10n.t('1 upload this extension started was left incomplete in bucket "{0}" ({1}): {2}. Their parts are still stored and billed.', leftovers.bucket, leftovers.connection, keys)
        : l10n.t('{0} uploads this extension started were left incomplete in bucket "{1}" ({2}): {3}. Their parts are still stored and billed.', count, leftovers.bucket, leftovers.connection, keys);
    void context.prompts.notify('warning', message, CLEAN_UP, NOT_NOW).then(async (choice) => {
      context.log.info(`Uploads left incomplete in bucket "${leftovers.bucket}" (${leftovers.connection}): the clean-up offer was answered ${choice ? `"${choice}"` : 'by closing it'}.`);
      if (choice === CLEAN_UP) {
        try {
          await abortUploads(context, connection, leftovers.bucket, leftovers.uploads);
        } catch (error) {
          void context.prompts.notify('error', error instanceof Error ? error.message : String(error));
        }
      }
    });
  }
  // Said when each check ends, offer or not: what "no second offer" can be observed by.
  context.log.info(`Checked for uploads this extension left incomplete${connectionName ? ` (${connectionName})` : ''}: ${found.length === 1 ? '1 bucket' : `${found.length} buckets`} with some, ${offeredNow} offered now.`);
}
