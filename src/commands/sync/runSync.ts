// One sync of a pair, whichever command started it: compare (progress, Cancel), then either one
// line saying there is nothing to do, or the preview document beside and a modal that names every
// action's count — and what would be deleted, how much and where — before Sync Now runs the plan
// through the transfer engine. The pair's records are saved whatever happens after the comparison,
// so a cancelled sync run again redoes only what did not complete.
import * as path from 'node:path';
import type { Connection } from '../../profiles/connectionRegistry';
import { settings } from '../../settings';
import { planSync, transferBytes, hasWork, type SyncOptions, type SyncPair } from '../../transfer/sync/syncPlan';
import { inSyncLine, planSummary, renderPreview, syncSides } from '../../transfer/sync/syncPreview';
import { loadRecords, saveRecords } from '../../transfer/sync/syncRecords';
import { syncTaskPages } from '../../transfer/sync/syncTasks';
import { runTransferBatch, SHOW_DETAILS } from '../../transfer/transferUi';
import { l10n } from '../../l10n';
import type { CommandContext } from '../commandContext';
import { assertWritable, refreshFolder } from '../shared/chooseS3Folder';
import { confirmPublicAcl } from '../transfers/uploadLocalUris';

export const SYNC_NOW = l10n.t('Sync Now');

/** Pairs being synced now, either way: starting one twice (a double click) would race for the same files. */
const running = new Set<string>();

export async function runSync(context: CommandContext, connection: Connection, pair: SyncPair, options: SyncOptions): Promise<void> {
  if (pair.direction === 'upload') {
    assertWritable(connection, pair.bucket);
  }
  const id = JSON.stringify([path.resolve(pair.localFolder), pair.connectionName, pair.bucket, pair.prefix]);
  if (running.has(id)) {
    const { source, destination } = syncSides(pair);
    throw new Error(l10n.t('{0} and {1} are being synced already. Wait for that sync to finish, then run it again.', source, destination));
  }
  running.add(id);
  try {
    await syncPair(context, connection, pair, options);
  } finally {
    running.delete(id);
  }
}

async function syncPair(context: CommandContext, connection: Connection, pair: SyncPair, options: SyncOptions): Promise<void> {
  const service = await context.services.forBucket(connection.settings, pair.bucket);
  const concurrency = settings.transferConcurrency();
  const records = await loadRecords(context.sync.recordsFolder, pair);
  const { source, destination } = syncSides(pair);
  const plan = await context.prompts.withProgress(l10n.t('Comparing {0} with {1}', source, destination), { cancellable: true }, (report, signal) =>
    planSync(pair, options, { service, concurrency, partSize: settings.multipartPartSizeBytes(), records, signal, report }),
  );
  context.log.info(
    `Sync ${source} → ${destination}: ${plan.transfers.length} to transfer, ${plan.extras.length} only in the destination${options.deleteExtras ? ' (to delete)' : ''}, ${plan.unchanged.length} unchanged, ${plan.problems.length} problems; ${plan.heads} HEAD requests`,
  );
  await context.sync.recent.remember({ pair, options });
  if (!hasWork(plan)) {
    await saveRecords(context.sync.recordsFolder, pair, plan.records);
    for (const problem of plan.problems) {
      context.log.error(`Sync ${source} → ${destination}: not synced ${problem.label}: ${problem.reason}`);
    }
    void context.prompts.notify(plan.problems.length > 0 ? 'warning' : 'info', inSyncLine(plan), ...(plan.problems.length > 0 ? [SHOW_DETAILS] : [])).then((choice) => {
      if (choice === SHOW_DETAILS) {
        context.log.show();
      }
    });
    return;
  }
  await context.sync.previews.show(l10n.t('Sync preview {0}', destination), renderPreview(plan));
  await context.prompts.confirm(l10n.t('Sync {0} to {1}?', source, destination), `${planSummary(plan)}\n${l10n.t('Every path is listed in the preview.')}`, SYNC_NOW);
  const uploadOptions = pair.direction === 'upload' ? settings.uploadDefaults() : {};
  if (pair.direction === 'upload' && plan.transfers.length > 0) {
    await confirmPublicAcl(context.prompts, uploadOptions, { connection, bucket: pair.bucket, prefix: pair.prefix }, plan.transfers.length);
  }
  const deletes = options.deleteExtras ? plan.extras.length : 0;
  try {
    await runTransferBatch(
      { prompts: context.prompts, log: context.log },
      {
        title: l10n.t('Syncing {0} to {1}', source, destination),
        summary: l10n.t('Sync of {0} to {1}', source, destination),
        concurrency,
        noun: 'file',
        totals: { files: plan.transfers.length + deletes + plan.problems.length, bytes: transferBytes(plan) },
      },
      syncTaskPages(service, plan, uploadOptions),
    );
  } finally {
    await saveRecords(context.sync.recordsFolder, pair, plan.records);
    if (pair.direction === 'upload') {
      await refreshFolder(context, { connection, bucket: pair.bucket, prefix: pair.prefix });
    }
  }
}
