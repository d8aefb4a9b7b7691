// A sync plan in words: the preview document (counts and bytes per action, then every path) and
// the lines the confirmation and the "already in sync" message say.
import { extraBytes, transferBytes, type SyncPair, type SyncPlan, type TransferReason } from './syncPlan';
import { formatBytes, formatCount, plural, s3Text } from '../../ui/format';
import { l10n } from '../../l10n';

function reasonText(reason: TransferReason): string {
  switch (reason) {
    case 'missing':
      return l10n.t('not in the destination');
    case 'size':
      return l10n.t('sizes differ');
    case 'changedSinceSync':
      return l10n.t('changed since the last sync');
    case 'newer':
      return l10n.t('the source is newer');
    case 'modifiedTime':
      return l10n.t('modification times differ');
    case 'content':
      return l10n.t('content differs');
  }
}

export interface SyncSides {
  source: string;
  destination: string;
}

export function syncSides(pair: SyncPair): SyncSides {
  const remote = s3Text(pair.bucket, pair.prefix);
  return pair.direction === 'upload' ? { source: pair.localFolder, destination: remote } : { source: remote, destination: pair.localFolder };
}

/** "Upload 12 files (3.4 MB)" or "Download 12 objects (3.4 MB)". */
function transferLine(plan: SyncPlan): string {
  const bytes = formatBytes(transferBytes(plan));
  return plan.pair.direction === 'upload' ? l10n.t('Upload {0} ({1})', plural(plan.transfers.length, 'file'), bytes) : l10n.t('Download {0} ({1})', plural(plan.transfers.length, 'object'), bytes);
}

function extrasCount(plan: SyncPlan): string {
  return plural(plan.extras.length, plan.pair.direction === 'upload' ? 'object' : 'file');
}

/** The line of the confirmation that names what will be deleted, how much and where; undefined when nothing is. */
export function deleteLine(plan: SyncPlan): string | undefined {
  if (!plan.options.deleteExtras || plan.extras.length === 0) {
    return undefined;
  }
  const { source, destination } = syncSides(plan.pair);
  return l10n.t('Delete {0} ({1}) from {2}: they are not in {3}.', extrasCount(plan), formatBytes(extraBytes(plan)), destination, source);
}

/** The confirmation's detail: every action with its count, one per line. */
export function planSummary(plan: SyncPlan): string {
  const { destination } = syncSides(plan.pair);
  const lines: string[] = [];
  if (plan.transfers.length > 0) {
    lines.push(`${transferLine(plan)}.`);
  }
  const deleting = deleteLine(plan);
  if (deleting) {
    lines.push(deleting);
  } else if (plan.extras.length > 0) {
    lines.push(l10n.t('Keep {0} ({1}) found only in {2} (deleting extras is off).', extrasCount(plan), formatBytes(extraBytes(plan)), destination));
  }
  lines.push(l10n.t('Skip {0} unchanged.', formatCount(plan.unchanged.length)));
  if (plan.problems.length > 0) {
    lines.push(l10n.t('{0} cannot be synced (listed in the preview).', plural(plan.problems.length, 'item')));
  }
  return lines.join('\n');
}

/** The one line of a sync with nothing to do (and what it could not sync, when there is such). */
export function inSyncLine(plan: SyncPlan): string {
  const { source, destination } = syncSides(plan.pair);
  const line = l10n.t('{0} and {1} are in sync: {2} compared, nothing to do.', source, destination, plural(plan.unchanged.length, 'file'));
  return plan.problems.length > 0 ? `${line} ${l10n.t('{0} cannot be synced; the S3 output names them.', plural(plan.problems.length, 'item'))}` : line;
}

function bullet(text: string): string {
  return `- \`${text.replace(/`/g, "'")}\``;
}

/** The preview document, in Markdown: the counts, then every path by action. */
export function renderPreview(plan: SyncPlan): string {
  const { source, destination } = syncSides(plan.pair);
  const out: string[] = [];
  out.push(`# ${l10n.t('Sync preview: {0} → {1}', source, destination)}`, '');
  out.push(l10n.t('Connection {0}. Compared {1} with {2}; {3} excluded ({4}).', plan.pair.connectionName, plural(plan.compared.files, 'file'), plural(plan.compared.objects, 'object'), formatCount(plan.compared.excluded), plan.options.exclude.join(', ') || '—'));
  out.push(l10n.t('Compared by {0}. Nothing is written until you choose Sync Now.', plan.options.compareContent ? l10n.t('size and content (MD5 or multipart ETag)') : l10n.t('size and modification time')), '');
  out.push(`| ${l10n.t('Action')} | ${l10n.t('Count')} | ${l10n.t('Bytes')} |`, '|---|---:|---:|');
  out.push(`| ${plan.pair.direction === 'upload' ? l10n.t('Upload') : l10n.t('Download')} | ${formatCount(plan.transfers.length)} | ${formatBytes(transferBytes(plan))} |`);
  out.push(`| ${plan.options.deleteExtras ? l10n.t('Delete from {0}', destination) : l10n.t('Only in {0} (kept)', destination)} | ${formatCount(plan.extras.length)} | ${formatBytes(extraBytes(plan))} |`);
  out.push(`| ${l10n.t('Skip (unchanged)')} | ${formatCount(plan.unchanged.length)} | |`);
  out.push(`| ${l10n.t('Cannot sync')} | ${formatCount(plan.problems.length)} | |`, '');
  const section = (title: string, lines: string[]) => {
    if (lines.length > 0) {
      out.push(`## ${title} (${formatCount(lines.length)})`, '', ...lines, '');
    }
  };
  section(
    plan.pair.direction === 'upload' ? l10n.t('Upload') : l10n.t('Download'),
    plan.transfers.map((transfer) => `${bullet(transfer.relativePath)} — ${formatBytes((plan.pair.direction === 'upload' ? transfer.local : transfer.remote)!.size)}, ${reasonText(transfer.reason)}${transfer.renamed ? ` (${l10n.t('renamed: {0}', transfer.renamed)})` : ''}`),
  );
  section(
    plan.options.deleteExtras ? l10n.t('Delete from {0}', destination) : l10n.t('Only in {0} (kept)', destination),
    plan.extras.map((extra) => `${bullet('relativeKey' in extra ? extra.relativeKey : extra.relativePath)} — ${formatBytes(extra.size)}`),
  );
  section(l10n.t('Cannot sync'), plan.problems.map((problem) => `${bullet(problem.label)} — ${problem.reason}`));
  section(l10n.t('Skip (unchanged)'), plan.unchanged.map(bullet));
  return out.join('\n');
}
