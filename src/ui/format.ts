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

/** "1 file", "1,204 files". */
export function plural(count: number, noun: string): string {
  return `${formatCount(count)} ${noun}${count === 1 ? '' : 's'}`;
}

/** An object or prefix as users read and the aws CLI takes it: `s3://bucket/key`. */
export function s3Text(bucket: string, key: string): string {
  return `s3://${bucket}/${key}`;
}

const pad = (value: number) => String(value).padStart(2, '0');

/** A moment in local time to the second, short enough for a tree label: "2026-11-24 14:05:09". */
export function localTime(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

/** A moment in local time and in UTC: "2026-11-24 14:05 local (13:05 UTC)". */
export function localAndUtc(date: Date): string {
  const local = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
  const utcDay = date.toISOString().slice(0, 10);
  const utc = `${utcDay === local.slice(0, 10) ? '' : `${utcDay} `}${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}`;
  return `${local} local (${utc} UTC)`;
}
