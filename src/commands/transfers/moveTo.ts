import type { CommandContext } from '../commandContext';
import { commandItems } from '../shared/commandTargets';
import { askDestination } from '../shared/askDestination';
import { moveOrCopyItems } from './moveOrCopy';
import { l10n } from '../../l10n';

/** `s3Browser.moveTo`: moves objects and folders into an S3 folder the user names (any bucket, any connection). */
export async function moveTo(context: CommandContext, target: unknown, selection: unknown): Promise<void> {
  const items = await commandItems(context, target, selection, l10n.t('objects or folders'));
  const destination = await askDestination(context, items, 'Move');
  await moveOrCopyItems(context, items, destination, 'move');
}
