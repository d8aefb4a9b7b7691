import * as vscode from 'vscode';
import { describeGrants, readableByOutsiders } from '../../ui/access';
import { s3Text } from '../../ui/format';
import type { CommandContext } from '../commandContext';
import { changeAccess } from './changeAccess';
import { commandItems } from '../shared/commandTargets';
import { setAccess } from './setAccess';

const MAKE_PRIVATE = vscode.l10n.t('Make Private');
const MAKE_PUBLIC = vscode.l10n.t('Make Public…');
const SET_ACCESS = vscode.l10n.t('Set Access…');

/**
 * `s3Browser.showAccess`: an object's ACL, one line per grantee in words (Everyone, Authenticated
 * users, the owner, other accounts), with Make Private / Make Public… / Set Access… below. What it
 * learns marks the object in the tree.
 */
export async function showAccess(context: CommandContext, target: unknown, selection: unknown): Promise<void> {
  const items = await commandItems(context, target, selection, vscode.l10n.t('an object'));
  const [item] = items;
  if (items.length !== 1 || item.isFolder) {
    throw new Error(vscode.l10n.t('Show Access works on one object: an ACL belongs to each object, not to a folder.'));
  }
  const connectionName = item.connection.settings.connectionName;
  const service = await context.services.forBucket(item.connection.settings, item.bucket);
  const acl = await service.getObjectAcl(item.bucket, item.key);
  const where = s3Text(item.bucket, item.key);
  if (!acl) {
    await context.prompts.notify(
      'info',
      vscode.l10n.t('{0} has no ACL to show: bucket "{1}" has ACLs disabled (Object Ownership "Bucket owner enforced"), or the server does not implement ACLs. Who can read it is set by the bucket policy.', where, item.bucket),
    );
    return;
  }
  const readers = readableByOutsiders(acl);
  context.tree.knownAccess.remember(connectionName, item.bucket, item.key, readers);
  const grants = describeGrants(acl).map((line) => {
    const colon = line.lastIndexOf(': ');
    return { label: line.slice(0, colon), description: line.slice(colon + 2) };
  });
  const actions = [MAKE_PRIVATE, MAKE_PUBLIC, SET_ACCESS].map((label) => ({ label, description: '' }));
  const state = readers === 'everyone' ? vscode.l10n.t('PUBLIC: anyone on the internet can read it') : readers === 'any AWS account' ? vscode.l10n.t('PUBLIC to any AWS account') : vscode.l10n.t('private to the account');
  const chosen = await context.prompts.pick(
    [...grants, { label: vscode.l10n.t('Change'), kind: vscode.QuickPickItemKind.Separator, description: '' }, ...actions],
    { title: vscode.l10n.t('Access to {0} — {1}', where, state) },
  );
  if (chosen.label === MAKE_PRIVATE) {
    await changeAccess(context, target, selection, 'private');
  } else if (chosen.label === MAKE_PUBLIC) {
    await changeAccess(context, target, selection, 'public-read');
  } else if (chosen.label === SET_ACCESS) {
    await setAccess(context, target, selection);
  }
}
