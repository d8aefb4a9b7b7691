// An object's properties as a JSON document (what HeadObject, GetObjectTagging and GetObjectAcl
// return, in words), and the edits a user may make to it: content headers, metadata and tags.
// Free of `vscode`, so rendering and the checks on a save are unit-tested on their own.
import type { ObjectAcl, ObjectAttributes, ObjectHead } from '../s3/types';
import { describeGrants, readableByOutsiders } from '../ui/access';
import { describeArchive } from '../ui/archive';
import { formatBytes, formatCount, localAndUtc } from '../ui/format';
import { l10n } from '../l10n';

/** The content headers the document lets a user change, by their HTTP names. */
const CONTENT_HEADERS = {
  'Content-Type': 'contentType',
  'Cache-Control': 'cacheControl',
  'Content-Disposition': 'contentDisposition',
  'Content-Encoding': 'contentEncoding',
  'Content-Language': 'contentLanguage',
} as const;
type ContentHeader = keyof typeof CONTENT_HEADERS;

const EDITABLE = ['contentHeaders', 'metadata', 'tags'] as const;

export const HOW_TO_EDIT = l10n.t('Change "contentHeaders", "metadata" or "tags" and save (Ctrl+S): the object is copied onto itself with them, keeping everything else. Every other field is read-only.');

export interface ObjectState {
  /** `s3://bucket/key`. */
  location: string;
  connectionName: string;
  head: ObjectHead;
  tags: Record<string, string>;
  /** undefined: ACLs disabled on the bucket, or not implemented by the server. */
  acl: ObjectAcl | undefined;
}

export interface PropertyEdits {
  contentHeaders: Partial<Record<ContentHeader, string>>;
  metadata: Record<string, string>;
  tags: Record<string, string>;
}

/** A multipart ETag (`"…-N"`) is the MD5 of the parts' MD5s, not of the content. */
function etagNote(etag: string | undefined): string | undefined {
  const parts = /-(\d+)"?$/.exec(etag ?? '');
  if (parts) {
    return l10n.t('uploaded in {0} parts: this ETag is not the MD5 of the content', parts[1]);
  }
  return etag ? l10n.t('the MD5 of the content (a single-request upload without SSE-KMS)') : undefined;
}

function editableOf(head: ObjectHead, tags: Record<string, string>): PropertyEdits {
  const contentHeaders: PropertyEdits['contentHeaders'] = {};
  for (const [header, field] of Object.entries(CONTENT_HEADERS) as Array<[ContentHeader, (typeof CONTENT_HEADERS)[ContentHeader]]>) {
    const value = head[field];
    if (value !== undefined) {
      contentHeaders[header] = value;
    }
  }
  return { contentHeaders, metadata: { ...(head.metadata ?? {}) }, tags: { ...tags } };
}

/** The document: the editable fields first, then everything else the server said, in words. */
export function renderProperties(state: ObjectState): string {
  const { head, acl } = state;
  const readers = readableByOutsiders(acl);
  const document = {
    object: state.location,
    connection: state.connectionName,
    howToEdit: HOW_TO_EDIT,
    ...editableOf(head, state.tags),
    size: l10n.t('{0} ({1} bytes)', formatBytes(head.size), formatCount(head.size)),
    lastModified: head.lastModified ? localAndUtc(head.lastModified) : undefined,
    etag: head.etag,
    etagMeaning: etagNote(head.etag),
    storageClass: head.storageClass ?? 'STANDARD',
    archive: describeArchive(head.storageClass, head.restore),
    encryption: head.serverSideEncryption
      ? { mode: head.serverSideEncryption, kmsKeyId: head.kmsKeyId, bucketKeyEnabled: head.bucketKeyEnabled }
      : l10n.t('none reported (the bucket default may apply: Ceph RGW does not report SSE-S3)'),
    versionId: head.versionId ?? l10n.t('none (the bucket is not versioned)'),
    access: acl
      ? { public: readers === 'everyone' ? l10n.t('yes: anyone on the internet can read it') : readers === 'any AWS account' ? l10n.t('yes: any AWS account can read it') : l10n.t('no'), grants: describeGrants(acl) }
      : l10n.t('no ACL: the bucket has ACLs disabled (Object Ownership "Bucket owner enforced") or the server does not implement them; the bucket policy decides'),
    objectLock: head.objectLockMode || head.objectLockLegalHold
      ? { mode: head.objectLockMode, retainUntil: head.objectLockRetainUntilDate && localAndUtc(head.objectLockRetainUntilDate), legalHold: head.objectLockLegalHold }
      : l10n.t('none'),
    expires: head.expires && localAndUtc(head.expires),
    websiteRedirectLocation: head.websiteRedirectLocation,
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

function stringRecord(value: unknown, field: string): Record<string, string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(l10n.t('"{0}" must be an object of names and text values.', field));
  }
  for (const [name, text] of Object.entries(value)) {
    if (typeof text !== 'string') {
      throw new Error(l10n.t('"{0}" › "{1}" must be text (in quotes).', field, name));
    }
  }
  return value as Record<string, string>;
}

/** Letters, digits and `-`, `_`, `.`: what survives as an x-amz-meta-* header name everywhere. */
const METADATA_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * The edits in a saved document, checked against the one it was made from: a read-only field that
 * changed, malformed JSON, or values S3 would refuse are errors that name the field, and nothing is
 * written.
 */
export function parseEdits(saved: string, rendered: string): PropertyEdits {
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(saved) as Record<string, unknown>;
  } catch (error) {
    throw new Error(l10n.t('The properties are not valid JSON ({0}); nothing was changed.', error instanceof Error ? error.message : String(error)));
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error(l10n.t('The properties must stay one JSON object; nothing was changed.'));
  }
  const original = JSON.parse(rendered) as Record<string, unknown>;
  for (const field of new Set([...Object.keys(original), ...Object.keys(parsed)])) {
    if (!(EDITABLE as readonly string[]).includes(field) && JSON.stringify(original[field]) !== JSON.stringify(parsed[field])) {
      throw new Error(l10n.t('"{0}" is read-only here (only contentHeaders, metadata and tags can be edited); nothing was changed.', field));
    }
  }
  const contentHeaders = stringRecord(parsed.contentHeaders ?? {}, 'contentHeaders');
  for (const header of Object.keys(contentHeaders)) {
    if (!(header in CONTENT_HEADERS)) {
      throw new Error(l10n.t('"contentHeaders" › "{0}" cannot be set here; the editable headers are {1}. Nothing was changed.', header, Object.keys(CONTENT_HEADERS).join(', ')));
    }
  }
  const metadata = stringRecord(parsed.metadata ?? {}, 'metadata');
  for (const [name, value] of Object.entries(metadata)) {
    if (!METADATA_NAME.test(name)) {
      throw new Error(l10n.t('The metadata name "{0}" is not a valid header name: use letters, digits, "-", "_" and "." (it becomes x-amz-meta-{0}). Nothing was changed.', name));
    }
    if (!/^[\x20-\x7e]*$/.test(value)) {
      throw new Error(l10n.t('The metadata value of "{0}" has characters HTTP headers cannot carry (only printable ASCII); nothing was changed.', name));
    }
  }
  const lowered = Object.keys(metadata).map((name) => name.toLowerCase());
  const twice = lowered.find((name, index) => lowered.indexOf(name) !== index);
  if (twice) {
    throw new Error(l10n.t('The metadata name "{0}" appears twice (S3 stores names in lowercase); nothing was changed.', twice));
  }
  const tags = stringRecord(parsed.tags ?? {}, 'tags');
  const tagNames = Object.keys(tags);
  if (tagNames.length > 10) {
    throw new Error(l10n.t('An object can have at most 10 tags, not {0}; nothing was changed.', tagNames.length));
  }
  for (const [name, value] of Object.entries(tags)) {
    if (name.length === 0 || name.length > 128 || value.length > 256) {
      throw new Error(l10n.t('The tag "{0}" is out of bounds: names 1–128 characters, values up to 256; nothing was changed.', name));
    }
  }
  return { contentHeaders: contentHeaders as PropertyEdits['contentHeaders'], metadata: Object.fromEntries(Object.entries(metadata).map(([name, value]) => [name.toLowerCase(), value])), tags };
}

/** The attributes with the edits applied: every content header, metadata and tag exactly as edited (a removed one is gone). */
export function applyEdits<T extends ObjectAttributes>(current: T, edits: PropertyEdits): T {
  const next: T = { ...current, metadata: edits.metadata, tags: edits.tags };
  for (const [header, field] of Object.entries(CONTENT_HEADERS) as Array<[ContentHeader, (typeof CONTENT_HEADERS)[ContentHeader]]>) {
    next[field] = edits.contentHeaders[header];
  }
  return next;
}

/** Whether the edits change anything the tags request alone cannot (content headers or metadata). */
export function needsCopy(head: ObjectHead, edits: PropertyEdits): boolean {
  const before = editableOf(head, {});
  const same = (a: Record<string, string | undefined>, b: Record<string, string | undefined>) => JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());
  return !same(before.contentHeaders, edits.contentHeaders) || !same(before.metadata, edits.metadata);
}
