// Setting a canned ACL on many keys as TransferTasks (Make Public, Make Private, Set Access… on
// objects, prefixes and selections). Free of `vscode`, like the other task factories.
import { S3Error } from '../s3/errors';
import type { S3Service } from '../s3/service';
import type { CannedAcl } from '../s3/types';
import { publicAudience } from '../ui/access';
import { s3Text } from '../ui/format';
import type { TransferTask } from './transferEngine';
import { l10n } from '../l10n';

/**
 * A refused ACL change, explained by the setting that refuses it and where that is changed: ACLs
 * disabled by Object Ownership, or Block Public Access (which S3 reports only as AccessDenied).
 */
export function explainAclRefusal(error: unknown, bucket: string, key: string, acl: CannedAcl): unknown {
  if (!(error instanceof S3Error)) {
    return error;
  }
  if (error.code === 'AccessControlListNotSupported') {
    return new S3Error(
      'Other',
      l10n.t('Bucket "{0}" has ACLs disabled (Object Ownership "Bucket owner enforced"): who can read its objects is set by the bucket policy, not per object. To use ACLs, change Object Ownership to "ACLs enabled" (S3 console → bucket → Permissions → Object Ownership).', bucket),
      error.code,
    );
  }
  if (error.kind === 'NotImplemented') {
    return new S3Error('NotImplemented', l10n.t('This server does not implement object ACLs, so the access of {0} cannot be changed here.', s3Text(bucket, key)), error.code);
  }
  if (error.kind === 'AccessDenied' && publicAudience(acl)) {
    return new S3Error(
      'AccessDenied',
      l10n.t('Access denied making {0} "{1}". Block Public Access refuses public ACLs when "BlockPublicAcls" is on for the bucket (S3 console → bucket → Permissions → Block public access) or for the whole account (S3 console → Block Public Access settings for this account); otherwise your identity lacks s3:PutObjectAcl.', s3Text(bucket, key), acl),
      error.code,
    );
  }
  return error;
}

/** The task that gives one object a canned ACL; `done` hears of it once the server accepted it. */
export function aclTask(service: S3Service, bucket: string, key: string, acl: CannedAcl, done: (key: string) => void = () => undefined): TransferTask {
  return {
    label: s3Text(bucket, key),
    bytes: 0,
    async run(signal) {
      try {
        await service.putObjectAcl(bucket, key, acl, signal);
      } catch (error) {
        throw explainAclRefusal(error, bucket, key, acl);
      }
      done(key);
    },
  };
}
