import type { CannedAcl } from '../../s3/types';
import { settings } from '../../settings';
import { aclTask } from '../../transfer/aclTasks';
import type { TransferTask } from '../../transfer/transferEngine';
import { runPlannedTransferBatch } from '../../transfer/transferUi';
import type { OutsideReaders } from '../../ui/knownAccess';
import { publicAudience } from '../../ui/access';
import { plural, s3Text } from '../../ui/format';
import type { CommandContext } from '../commandContext';
import { commandItems } from '../shared/commandTargets';
import { findObjects } from '../shared/objectsOf';
import { l10n } from '../../l10n';

/** Who outside the account can read an object that has this canned ACL. */
export function readersWith(acl: CannedAcl): OutsideReaders {
  return acl === 'public-read' || acl === 'public-read-write' ? 'everyone' : acl === 'authenticated-read' ? 'any AWS account' : undefined;
}

/**
 * Gives every object the items stand for (objects, every key under folders, whole buckets) the
 * canned ACL, through the transfer engine. An ACL that opens the objects to outsiders is confirmed
 * first in a modal that names exactly what becomes readable and by whom; declined, nothing changes.
 */
export async function changeAccess(context: CommandContext, target: unknown, selection: unknown, acl: CannedAcl): Promise<void> {
  const items = await commandItems(context, target, selection, l10n.t('objects, folders or buckets'));
  const readOnly = items.find((item) => item.connection.settings.readOnly);
  if (readOnly) {
    throw new Error(l10n.t('"{0}" is read-only (setting s3Browser.readOnlyConnections); no access was changed.', readOnly.connection.settings.connectionName));
  }
  const named = items.length === 1 ? s3Text(items[0].bucket, items[0].key) : plural(items.length, 'selected item');
  const readers = readersWith(acl);
  // Finding the objects and the public-access confirmation are phases of the batch's own progress notification.
  await runPlannedTransferBatch(
    context,
    { title: l10n.t('Setting access "{0}" on {1}', acl, named), summary: l10n.t('Access "{0}" for {1}', acl, named), concurrency: settings.transferConcurrency(), noun: 'object' },
    async (report, signal) => {
      const { buckets, count } = await findObjects(context, items, signal, report, l10n.t('Nothing to change: {0} holds no objects.', named));
      const audience = publicAudience(acl);
      if (audience) {
        const single = items.length === 1 && !items[0].isFolder;
        const what = single
          ? s3Text(items[0].bucket, items[0].key)
          : items.length === 1
            ? items[0].key === ''
              ? l10n.t('{0} in bucket "{1}"', plural(count, 'object'), items[0].bucket)
              : l10n.t('{0} under {1}', plural(count, 'object'), s3Text(items[0].bucket, items[0].key))
            : l10n.t('{0} in {1} ({2})', plural(count, 'object'), plural(items.length, 'selected item'), `${items.slice(0, 3).map((item) => s3Text(item.bucket, item.key)).join(', ')}${items.length > 3 ? ', …' : ''}`);
        const overwrite = acl === 'public-read-write';
        // One sentence per case: what the audience may do, to one object or to many.
        const consequence = single
          ? overwrite
            ? l10n.t('With the ACL "{0}", {1} will be able to read and overwrite it, without signing in, until the ACL is changed back.', acl, audience)
            : l10n.t('With the ACL "{0}", {1} will be able to read it, without signing in, until the ACL is changed back.', acl, audience)
          : overwrite
            ? l10n.t('With the ACL "{0}", {1} will be able to read and overwrite them, without signing in, until the ACL is changed back.', acl, audience)
            : l10n.t('With the ACL "{0}", {1} will be able to read them, without signing in, until the ACL is changed back.', acl, audience);
        await context.prompts.confirm(
          single ? l10n.t('Make this object public?') : l10n.t('Make {0} public?', plural(count, 'object')),
          `${what}\n\n${consequence}`,
          l10n.t('Make Public'),
        );
      }
      const tasks: TransferTask[] = buckets.flatMap(({ connection, bucket, service, objects }) =>
        objects.map(({ key }) => aclTask(service, bucket, key, acl, (done) => context.tree.knownAccess.remember(connection.settings.connectionName, bucket, done, readers))),
      );
      return { tasks, totals: { files: count } };
    },
  );
}
