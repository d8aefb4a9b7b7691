import { l10n } from '../l10n';

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];

/** VS Code's display language (`vscode.env.language`, set at activation): counts and sizes follow it. */
let displayLocale = 'en';

export function setDisplayLocale(locale: string): void {
  displayLocale = locale;
}

/** "1,204" in English, "1.204" in German. */
export function formatCount(value: number): string {
  return value.toLocaleString(displayLocale);
}

/** Human-readable size in decimal units, as the S3 console shows them. */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${value.toLocaleString(displayLocale, { minimumFractionDigits: digits, maximumFractionDigits: digits })} ${UNITS[unit]}`;
}

/** What `plural` counts; each has its own pair of messages so a translation can inflect it. */
export type Counted = 'object' | 'file' | 'key' | 'item' | 'selected item' | 'existing object' | 'day' | 'upload' | 'older version' | 'delete marker' | 'incomplete upload' | 'version or delete marker' | 'noncurrent version';

const COUNTED: Record<Counted, (count: string, one: boolean) => string> = {
  object: (n, one) => (one ? l10n.t('{0} object', n) : l10n.t('{0} objects', n)),
  file: (n, one) => (one ? l10n.t('{0} file', n) : l10n.t('{0} files', n)),
  key: (n, one) => (one ? l10n.t('{0} key', n) : l10n.t('{0} keys', n)),
  item: (n, one) => (one ? l10n.t('{0} item', n) : l10n.t('{0} items', n)),
  'selected item': (n, one) => (one ? l10n.t('{0} selected item', n) : l10n.t('{0} selected items', n)),
  'existing object': (n, one) => (one ? l10n.t('{0} existing object', n) : l10n.t('{0} existing objects', n)),
  day: (n, one) => (one ? l10n.t('{0} day', n) : l10n.t('{0} days', n)),
  upload: (n, one) => (one ? l10n.t('{0} upload', n) : l10n.t('{0} uploads', n)),
  'older version': (n, one) => (one ? l10n.t('{0} older version', n) : l10n.t('{0} older versions', n)),
  'delete marker': (n, one) => (one ? l10n.t('{0} delete marker', n) : l10n.t('{0} delete markers', n)),
  'incomplete upload': (n, one) => (one ? l10n.t('{0} incomplete upload', n) : l10n.t('{0} incomplete uploads', n)),
  'noncurrent version': (n, one) => (one ? l10n.t('{0} noncurrent version', n) : l10n.t('{0} noncurrent versions', n)),
  'version or delete marker': (n, one) => (one ? l10n.t('{0} object version or delete marker', n) : l10n.t('{0} object versions and delete markers', n)),
};

/** "1 file", "1,204 files". */
export function plural(count: number, noun: Counted): string {
  return COUNTED[noun](formatCount(count), count === 1);
}

/** An object or prefix as users read and the aws CLI takes it: `s3://bucket/key`. */
export function s3Text(bucket: string, key: string): string {
  return `s3://${bucket}/${key}`;
}

/** A moment in local time to the second, in the display language: "Nov 24, 2026, 2:05:09 PM", "24.11.2026, 14:05:09". */
export function localTime(date: Date): string {
  return new Intl.DateTimeFormat(displayLocale, { dateStyle: 'medium', timeStyle: 'medium' }).format(date);
}

/** A moment in local time and in UTC: "Nov 24, 2026, 2:05 PM local (1:05 PM UTC)"; the UTC day is named only when it differs. */
export function localAndUtc(date: Date): string {
  const local = new Intl.DateTimeFormat(displayLocale, { dateStyle: 'medium', timeStyle: 'short' });
  const utcDay = new Intl.DateTimeFormat('en', { timeZone: 'UTC', dateStyle: 'short' }).format(date);
  const sameDay = utcDay === new Intl.DateTimeFormat('en', { dateStyle: 'short' }).format(date);
  const utc = new Intl.DateTimeFormat(displayLocale, { timeZone: 'UTC', ...(sameDay ? {} : { dateStyle: 'medium' }), timeStyle: 'short' });
  return l10n.t('{0} local ({1} UTC)', local.format(date), utc.format(date));
}
