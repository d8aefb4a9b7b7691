import type { DropActions } from '../../tree/dragAndDrop';
import type { CommandContext } from '../commandContext';
import { commandItems } from '../shared/commandTargets';
import { moveOrCopyItems } from './moveOrCopy';
import { uploadLocalUris } from './uploadLocalUris';
import { l10n } from '../../l10n';

/** What a drop on the S3 explorer runs: the same upload and move/copy as the commands, with their questions and report. */
export function dropActions(context: CommandContext): DropActions {
  return {
    upload: async (destination, files) => {
      await uploadLocalUris(context, { connection: destination.connection, bucket: destination.bucket, prefix: destination.prefix }, files);
    },
    transfer: async (nodes, destination, mode) => {
      const items = await commandItems(context, nodes[0], nodes, l10n.t('objects or folders'));
      await moveOrCopyItems(context, items, { connection: destination.connection, bucket: destination.bucket, prefix: destination.prefix }, mode);
    },
  };
}
