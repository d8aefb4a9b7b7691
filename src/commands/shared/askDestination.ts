import type { CommandContext } from '../commandContext';
import type { S3Item } from './commandTargets';
import { destinationText, parseDestination, type S3Destination } from '../transfers/moveOrCopy';
import { l10n } from '../../l10n';

/**
 * Asks where Copy To / Move To should put the items: an S3 folder URI prefilled with the first
 * item's folder. `s3://connection@bucket/prefix/` names another connection (another server, or the
 * same bucket name under another account).
 */
export async function askDestination(context: CommandContext, items: S3Item[], verb: 'Copy' | 'Move'): Promise<S3Destination> {
  const first = items[0];
  const trimmed = first.key.endsWith('/') ? first.key.slice(0, -1) : first.key;
  const parent = trimmed.slice(0, trimmed.lastIndexOf('/') + 1);
  const what = items.length === 1 ? `s3://${first.bucket}/${first.key}` : l10n.t('{0} items', items.length);
  const text = await context.prompts.ask({
    title: verb === 'Copy' ? l10n.t('Copy {0} to', what) : l10n.t('Move {0} to', what),
    prompt: l10n.t('An S3 folder: s3://bucket/prefix/ on this connection, or s3://connection@bucket/prefix/ on another'),
    value: destinationText(first.connection, first.bucket, parent, false),
    validateInput: async (value) => {
      try {
        await parseDestination(context, value, first.connection);
        return undefined;
      } catch (error) {
        return error instanceof Error ? error.message : String(error);
      }
    },
  });
  return parseDestination(context, text, first.connection);
}
