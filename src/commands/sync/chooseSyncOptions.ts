import * as vscode from 'vscode';
import { settings } from '../../settings';
import type { SyncOptions, SyncPair } from '../../transfer/sync/syncPlan';
import { excludeProblem } from '../../transfer/sync/syncExcludes';
import { syncSides } from '../../transfer/sync/syncPreview';
import type { Prompts } from '../../ui/prompts';

type Option = 'deleteExtras' | 'compareContent' | 'excludeMore';

/** The patterns typed for one run: comma-separated. */
function typedPatterns(value: string): string[] {
  return value
    .split(',')
    .map((pattern) => pattern.trim())
    .filter((pattern) => pattern !== '');
}

/**
 * A sync's options, all off unless chosen (Enter with none chosen compares with the defaults):
 * deleting extras in the destination, comparing content, and excludes for this run on top of
 * `s3Browser.sync.exclude`. Nothing is written before the preview is confirmed.
 */
export async function chooseSyncOptions(prompts: Prompts, pair: SyncPair): Promise<SyncOptions> {
  const { source, destination } = syncSides(pair);
  const exclude = settings.syncExclude();
  const chosen = await prompts.pickMany<vscode.QuickPickItem & { option: Option }>(
    [
      { label: vscode.l10n.t('Delete extras'), description: vscode.l10n.t('delete what is only in {0} (you see how much first)', destination), option: 'deleteExtras' },
      { label: vscode.l10n.t('Compare content'), description: vscode.l10n.t('MD5 or multipart ETag of every same-size file: reads them all'), option: 'compareContent' },
      { label: vscode.l10n.t('Exclude more for this run…'), description: exclude.length > 0 ? vscode.l10n.t('excluded now: {0}', exclude.join(', ')) : undefined, option: 'excludeMore' },
    ],
    { title: vscode.l10n.t('Sync {0} → {1}: options', source, destination), placeHolder: vscode.l10n.t('Enter compares by size and time and shows a preview; nothing is written before you confirm') },
    true,
  );
  const has = (option: Option) => chosen.some((item) => item.option === option);
  const more = has('excludeMore')
    ? typedPatterns(
        await prompts.ask({
          title: vscode.l10n.t('Sync {0} → {1}: exclude', source, destination),
          prompt: vscode.l10n.t('Glob patterns, comma-separated: "*.log", "build/" (a folder), "docs/*.pdf" (from the synced folder).'),
          validateInput: (value) => typedPatterns(value).map(excludeProblem).find((problem) => problem !== undefined),
        }),
      )
    : [];
  return { deleteExtras: has('deleteExtras'), compareContent: has('compareContent'), exclude: [...exclude, ...more] };
}
