// Who can do what with an object, in words: the canned ACLs as the pickers offer them, and an
// object's grants as "Show Access" and the properties view list them.
import { ALL_USERS, AUTHENTICATED_USERS, type CannedAcl, type Grant, type ObjectAcl } from '../s3/types';
import { l10n } from '../l10n';

/** Every canned ACL with who it lets in, most private first. */
export const CANNED_ACL_CHOICES: ReadonlyArray<{ acl: CannedAcl; description: string }> = [
  { acl: 'private', description: l10n.t('only the owner') },
  { acl: 'bucket-owner-full-control', description: l10n.t('the owner and the bucket owner') },
  { acl: 'bucket-owner-read', description: l10n.t('the bucket owner can read') },
  { acl: 'aws-exec-read', description: l10n.t('EC2 can read (AMI bundles)') },
  { acl: 'authenticated-read', description: l10n.t('PUBLIC to anyone with an AWS account') },
  { acl: 'public-read', description: l10n.t('PUBLIC: anyone on the internet can read') },
  { acl: 'public-read-write', description: l10n.t('PUBLIC: anyone on the internet can read and write') },
];

const PUBLIC_AUDIENCE: Partial<Record<string, string>> = {
  'public-read': l10n.t('anyone on the internet'),
  'public-read-write': l10n.t('anyone on the internet'),
  'authenticated-read': l10n.t('anyone with an AWS account (any account, not only yours)'),
};

/** Who outside the account a canned ACL lets read, or undefined when it keeps the object inside. */
export function publicAudience(acl: string | undefined): string | undefined {
  return acl === undefined ? undefined : PUBLIC_AUDIENCE[acl];
}

/** Whether the ACL lets everyone (AllUsers) or any AWS account (AuthenticatedUsers) read the object. */
export function readableByOutsiders(acl: ObjectAcl | undefined): 'everyone' | 'any AWS account' | undefined {
  const reads = (uri: string) => acl?.grants.some((grant) => grant.uri === uri && (grant.permission === 'READ' || grant.permission === 'FULL_CONTROL'));
  return reads(ALL_USERS) ? 'everyone' : reads(AUTHENTICATED_USERS) ? 'any AWS account' : undefined;
}

const PERMISSION_WORDS: Record<Grant['permission'], string> = {
  FULL_CONTROL: l10n.t('full control'),
  READ: l10n.t('read'),
  WRITE: l10n.t('write'),
  READ_ACP: l10n.t('read the ACL'),
  WRITE_ACP: l10n.t('change the ACL'),
};

/** A grantee as a person reads it: "Everyone (AllUsers)", "you (owner)", an account id or e-mail. */
export function granteeName(grant: Grant, ownerId: string | undefined): string {
  if (grant.uri === ALL_USERS) {
    return l10n.t('Everyone (AllUsers: anyone on the internet)');
  }
  if (grant.uri === AUTHENTICATED_USERS) {
    return l10n.t('Authenticated users (AuthenticatedUsers: any AWS account)');
  }
  if (grant.uri) {
    return l10n.t('Group {0} ({1})', grant.uri.slice(grant.uri.lastIndexOf('/') + 1), grant.uri);
  }
  if (grant.emailAddress) {
    return l10n.t('Account {0}', grant.emailAddress);
  }
  return grant.id === ownerId ? l10n.t('Owner (account {0})', String(grant.id)) : l10n.t('Account {0}', String(grant.id));
}

/** One line per grantee, its permissions joined: "Everyone (AllUsers…): read". */
export function describeGrants(acl: ObjectAcl): string[] {
  const byGrantee = new Map<string, string[]>();
  for (const grant of acl.grants) {
    const name = granteeName(grant, acl.ownerId);
    byGrantee.set(name, [...(byGrantee.get(name) ?? []), PERMISSION_WORDS[grant.permission]]);
  }
  return [...byGrantee].map(([name, permissions]) => `${name}: ${permissions.join(', ')}`);
}
