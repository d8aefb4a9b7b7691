// S3 general-purpose bucket naming rules, checked before any request so the user learns which rule
// a name breaks instead of getting a bare InvalidBucketName.

const FORBIDDEN_PREFIXES = ['xn--', 'sthree-', 'amzn-s3-demo-'];
const FORBIDDEN_SUFFIXES = ['-s3alias', '--ol-s3', '.mrap', '--x-s3'];

/** Undefined when valid, else the first broken rule as a sentence. */
export function bucketNameProblem(name: string): string | undefined {
  if (name.length < 3 || name.length > 63) {
    return `A bucket name has 3 to 63 characters; "${name}" has ${name.length}.`;
  }
  const invalid = name.match(/[^a-z0-9.-]/);
  if (invalid) {
    return /[A-Z]/.test(invalid[0])
      ? `Bucket names are lowercase: "${invalid[0]}" is uppercase.`
      : `Bucket names may contain only lowercase letters, digits, "." and "-"; "${invalid[0]}" is not allowed.`;
  }
  if (!/^[a-z0-9]/.test(name) || !/[a-z0-9]$/.test(name)) {
    return 'A bucket name must start and end with a letter or digit.';
  }
  if (name.includes('..')) {
    return 'A bucket name cannot contain two adjacent periods.';
  }
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(name)) {
    return 'A bucket name cannot look like an IP address.';
  }
  const prefix = FORBIDDEN_PREFIXES.find((candidate) => name.startsWith(candidate));
  if (prefix) {
    return `A bucket name cannot start with "${prefix}" (reserved by AWS).`;
  }
  const suffix = FORBIDDEN_SUFFIXES.find((candidate) => name.endsWith(candidate));
  if (suffix) {
    return `A bucket name cannot end with "${suffix}" (reserved by AWS).`;
  }
  return undefined;
}
