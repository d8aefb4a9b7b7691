// Content-Type for new objects (saved files, uploads), from the file name through the maintained
// mime-db registry; S3 would otherwise store binary/octet-stream and browsers would download
// instead of display.
import * as mime from 'mime-types';

/** Types data people keep in buckets that mime-db (1.54) does not list yet. */
const MISSING_FROM_MIME_DB: Record<string, string> = {
  parquet: 'application/vnd.apache.parquet',
  jsonl: 'application/x-ndjson',
  ndjson: 'application/x-ndjson',
  py: 'text/x-python',
};

/** The Content-Type for a key or file name; text types carry `; charset=utf-8`. */
export function contentTypeForKey(key: string): string {
  const name = key.slice(Math.max(key.lastIndexOf('/'), key.lastIndexOf('\\')) + 1);
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
  const type = extension ? mime.lookup(extension) || MISSING_FROM_MIME_DB[extension] : undefined;
  if (!type) {
    return 'application/octet-stream';
  }
  return type.startsWith('text/') ? `${type}; charset=utf-8` : type;
}
