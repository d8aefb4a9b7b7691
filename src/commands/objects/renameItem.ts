import { baseName } from '../../fs/s3Location';
import { keyLengthProblem } from '../../s3/errors';
import type { CommandContext } from '../commandContext';
import { commandItems } from '../shared/commandTargets';
import { transferPlaced } from '../transfers/moveOrCopy';
import { l10n } from '../../l10n';

/**
 * `s3Browser.rename` (F2 in the S3 explorer): a new name for an object or a folder in the same
 * folder. S3 cannot rename: an object is copied with everything it has and then deleted, a folder is
 * a move of every key under its prefix.
 */
export async function renameItem(context: CommandContext, target: unknown, selection: unknown): Promise<void> {
  const items = await commandItems(context, target, selection, l10n.t('an object or a folder'));
  if (items.length !== 1 || items[0].key === '') {
    throw new Error(l10n.t('Rename works on one object or folder: select only the one to rename.'));
  }
  const item = items[0];
  const name = baseName(item.key);
  const trimmed = item.key.endsWith('/') ? item.key.slice(0, -1) : item.key;
  const parent = trimmed.slice(0, trimmed.lastIndexOf('/') + 1);
  const newKey = (value: string) => `${parent}${value}${item.isFolder ? '/' : ''}`;
  const problem = (value: string) => {
    if (value === '' || value.includes('/')) {
      return l10n.t('Enter a name without "/" (use Move To… to move into another folder).');
    }
    return value === name ? l10n.t('Enter a different name.') : keyLengthProblem(newKey(value));
  };
  const extension = item.isFolder ? -1 : name.lastIndexOf('.');
  const chosen = await context.prompts.ask({
    title: l10n.t('Rename s3://{0}/{1}', item.bucket, item.key),
    value: name,
    valueSelection: [0, extension > 0 ? extension : name.length],
    validateInput: problem,
  });
  const invalid = problem(chosen);
  if (invalid) {
    throw new Error(invalid);
  }
  await transferPlaced(context, [{ item, targetKey: newKey(chosen) }], { connection: item.connection, bucket: item.bucket }, 'move', `s3://${item.bucket}/${item.key}`);
}
