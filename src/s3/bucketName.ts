// S3 general-purpose bucket naming rules, checked before any request so the user learns which rule
// a name breaks instead of getting a bare InvalidBucketName.

import { l10n } from '../l10n';

const FORBIDDEN_PREFIXES = ['xn--', 'sthree-', 'amzn-s3-demo-'];
const FORBIDDEN_SUFFIXES = ['-s3alias', '--ol-s3', '.mrap', '--x-s3'];

/** Undefined when valid, else the first broken rule as a sentence. */
export function bucketNameProblem(name: string): string | undefined {
  if (name.length < 3 || name.length > 63) {
    return l10n.t('A bucket name has 3 to 63 characters; "{0}" has {1}.', name, name.length);
  }
  const invalid = name.match(/[^a-z0-9.-]/);
  if (invalid) {
    return /[A-Z]/.test(invalid[0])
      ? l10n.t('Bucket names are lowercase: "{0}" is uppercase.', invalid[0])
      : l10n.t('Bucket names may contain only lowercase letters, digits, "." and "-"; "{0}" is not allowed.', invalid[0]);
  }
  if (!/^[a-z0-9]/.test(name) || !/[a-z0-9]$/.test(name)) {
    return l10n.t('A bucket name must start and end with a letter or digit.');
  }
  if (name.includes('..')) {
    return l10n.t('A bucket name cannot contain two adjacent periods.');
  }
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(name)) {
    return l10n.t('A bucket name cannot look like an IP address.');
  }
  const prefix = FORBIDDEN_PREFIXES.find((candidate) => name.startsWith(candidate));
  if (prefix) {
    return l10n.t('A bucket name cannot start with "{0}" (reserved by AWS).', prefix);
  }
  const suffix = FORBIDDEN_SUFFIXES.find((candidate) => name.endsWith(candidate));
  if (suffix) {
    return l10n.t('A bucket name cannot end with "{0}" (reserved by AWS).', suffix);
  }
  return undefined;
}
