import { CANNED_ACL_CHOICES } from '../../ui/access';
import type { CommandContext } from '../commandContext';
import { changeAccess } from './changeAccess';
import { l10n } from '../../l10n';

/** `s3Browser.setAccess`: any canned ACL from a quick pick; the public ones are confirmed like Make Public. */
export async function setAccess(context: CommandContext, target: unknown, selection: unknown): Promise<void> {
  const { acl } = await context.prompts.pick(
    CANNED_ACL_CHOICES.map(({ acl, description }) => ({ label: acl, detail: description, acl })),
    { title: l10n.t('Set Access: canned ACL (replaces the whole ACL of each object)') },
  );
  await changeAccess(context, target, selection, acl);
}
