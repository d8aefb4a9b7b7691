// How long a presigned URL lives: what the user asked, capped by SigV4 (7 days) and by the
// credentials that sign it (a URL signed with temporary credentials dies with them, even when they
// do not say when: a session token without an expiry).

import { l10n } from '../l10n';
import type { SigningCredentials } from './types';

/** SigV4's longest presigned URL: 7 days. */
export const MAX_PRESIGN_SECONDS = 7 * 24 * 3600;

const UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };

/** "90s", "45m", "12h", "3d" (or a bare number of minutes) in seconds; undefined when it is not one. */
export function parseDuration(text: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$/i.exec(text);
  if (!match) {
    return undefined;
  }
  const seconds = Math.round(Number(match[1]) * UNITS[(match[2] || 'm').toLowerCase()]);
  return seconds > 0 ? seconds : undefined;
}

/** Each unit with its pair of messages, largest first. */
const DURATION_UNITS: ReadonlyArray<[seconds: number, named: (count: number) => string]> = [
  [86_400, (count) => (count === 1 ? l10n.t('{0} day', count) : l10n.t('{0} days', count))],
  [3600, (count) => (count === 1 ? l10n.t('{0} hour', count) : l10n.t('{0} hours', count))],
  [60, (count) => (count === 1 ? l10n.t('{0} minute', count) : l10n.t('{0} minutes', count))],
  [1, (count) => (count === 1 ? l10n.t('{0} second', count) : l10n.t('{0} seconds', count))],
];

/** "15 minutes", "1 hour", "7 days", "1 day 2 hours", "45 seconds". */
export function describeDuration(seconds: number): string {
  const parts: string[] = [];
  let rest = seconds;
  for (const [size, unit] of DURATION_UNITS) {
    const count = Math.floor(rest / size);
    if (count > 0) {
      parts.push(unit(count));
      rest -= count * size;
    }
    if (parts.length === 2) {
      break;
    }
  }
  return parts.join(' ') || l10n.t('{0} seconds', 0);
}

export interface PresignLifetime {
  seconds: number;
  /** Why it is shorter than asked: the credentials expire first, or SigV4's 7-day limit. */
  cappedBy?: 'credentials' | 'sigv4';
  /** Signed by temporary credentials whose end is not known: the URL may die sooner. */
  sessionEndUnknown?: true;
}

/**
 * The lifetime to sign for. Temporary credentials are left a minute of margin, so the URL is not
 * issued for a moment the signature is already dead; expired credentials refuse outright. Temporary
 * credentials without an expiry sign for the time asked, flagged: the session may end first.
 */
export function presignLifetime(requestedSeconds: number, now: Date, credentials: SigningCredentials): PresignLifetime {
  let lifetime: PresignLifetime = requestedSeconds > MAX_PRESIGN_SECONDS ? { seconds: MAX_PRESIGN_SECONDS, cappedBy: 'sigv4' } : { seconds: requestedSeconds };
  const { expiration } = credentials;
  if (expiration) {
    const left = Math.floor((expiration.getTime() - now.getTime()) / 1000) - 60;
    if (left <= 0) {
      throw new Error(l10n.t('The credentials expire at {0}, too soon to sign a URL with them. Refresh them (sign in again) and retry.', expiration.toISOString()));
    }
    if (left < lifetime.seconds) {
      lifetime = { seconds: left, cappedBy: 'credentials' };
    }
  } else if (credentials.temporary) {
    lifetime = { ...lifetime, sessionEndUnknown: true };
  }
  return lifetime;
}
