import type { Credentials, CredentialsProvider } from '../s3/types';

/** Credentials are refreshed this long before they expire, so no request goes out with expired ones. */
const EXPIRY_MARGIN_MS = 5 * 60_000;

/**
 * One credentials provider that resolves once and is shared: concurrent callers wait for the same
 * resolution (one MFA prompt, not one per region client), the result is reused until shortly before
 * it expires, and a failure (a cancelled prompt) is forgotten so the next call asks again.
 */
export function cachedCredentials(resolve: CredentialsProvider, now: () => number = Date.now): CredentialsProvider {
  let current: Promise<Credentials> | undefined;
  const start = (): Promise<Credentials> => {
    const attempt = resolve();
    current = attempt;
    attempt.catch(() => {
      if (current === attempt) {
        current = undefined;
      }
    });
    return attempt;
  };
  return async () => {
    const pending = current ?? start();
    const credentials = await pending;
    if (credentials.expiration && credentials.expiration.getTime() - EXPIRY_MARGIN_MS <= now()) {
      // Only the first caller to see the stale result starts a new resolution; the others join it.
      return current === pending ? start() : (current ?? start());
    }
    return credentials;
  };
}

/**
 * Cached providers by connection and the definition they were made from, so they survive a tree
 * refresh or a config reload that did not change the profile (no second MFA prompt), while an edited
 * profile gets a fresh one.
 */
export class CredentialCache {
  private readonly providers = new Map<string, { fingerprint: string; provider: CredentialsProvider }>();

  provider(connectionName: string, fingerprint: string, create: () => CredentialsProvider): CredentialsProvider {
    const cached = this.providers.get(connectionName);
    if (cached?.fingerprint === fingerprint) {
      return cached.provider;
    }
    const provider = cachedCredentials(create());
    this.providers.set(connectionName, { fingerprint, provider });
    return provider;
  }
}
