import * as os from 'node:os';
import * as path from 'node:path';
import { loadSdk } from '../s3/loadSdk';
import type { ConnectionSettings } from '../s3/types';
import type { CredentialCache } from './cachedCredentials';
import { profilesFromSharedConfig, type ProfileDefinition } from './sharedConfig';

export const FALLBACK_REGION = 'us-east-1';

export interface SharedConfigPaths {
  config: string;
  credentials: string;
}

/** The files the aws CLI reads, honouring AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE. */
export function sharedConfigPaths(env: NodeJS.ProcessEnv = process.env): SharedConfigPaths {
  const awsDir = path.join(os.homedir(), '.aws');
  return {
    config: env.AWS_CONFIG_FILE || path.join(awsDir, 'config'),
    credentials: env.AWS_SHARED_CREDENTIALS_FILE || path.join(awsDir, 'credentials'),
  };
}

/** The profile `s3://bucket/key` URIs and "default" refer to. */
export function defaultProfileName(env: NodeJS.ProcessEnv = process.env): string {
  return env.AWS_PROFILE || env.AWS_DEFAULT_PROFILE || 'default';
}

/** The profiles of the shared files, read by the SDK's own loader (missing or unreadable files give none, as for fromIni). */
export async function loadProfiles(paths: SharedConfigPaths = sharedConfigPaths()): Promise<ProfileDefinition[]> {
  return profilesFromSharedConfig(await loadSdk().loadSharedConfigFiles({ configFilepath: paths.config, filepath: paths.credentials, ignoreCache: true }));
}

export interface CredentialPrompts {
  /** Asks the user for the current code of the MFA device `serial` (profiles with `mfa_serial`). */
  mfaCode?(serial: string): Promise<string>;
}

/**
 * Where a profile's assume-role requests go, as the aws CLI sends them: AWS_ENDPOINT_URL_STS, else the
 * profile's own `sts` service endpoint or `endpoint_url`, else AWS STS. Left to itself, the SDK's STS
 * client would take the endpoint of AWS_PROFILE/[default] (another server) instead.
 */
export function stsClientConfig(profile: ProfileDefinition, env: NodeJS.ProcessEnv = process.env): { endpoint: string } | { ignoreConfiguredEndpointUrls: true } {
  const endpoint = env.AWS_ENDPOINT_URL_STS || profile.stsEndpointUrl;
  return endpoint ? { endpoint } : { ignoreConfiguredEndpointUrls: true };
}

/**
 * Connection settings for a profile. Credentials (static keys, assume role with source_profile or
 * credential_source, MFA, credential_process, SSO) are resolved by the SDK's fromIni exactly as the
 * aws CLI would.
 */
export function connectionForProfile(profile: ProfileDefinition, paths: SharedConfigPaths, prompts: CredentialPrompts, cache: CredentialCache): ConnectionSettings {
  return {
    connectionName: profile.name,
    profile: profile.name,
    usesSso: profile.usesSso,
    region: profile.region ?? FALLBACK_REGION,
    endpoint: profile.endpointUrl,
    // Custom endpoints default to path-style: `bucket.localhost` and private hosts rarely resolve.
    forcePathStyle: profile.addressingStyle === 'path' || (profile.addressingStyle === undefined && profile.endpointUrl !== undefined),
    // One provider per profile that outlives refreshes: an MFA code is asked once, not per region client.
    credentials: cache.provider(profile.name, profile.fingerprint, () =>
      loadSdk().fromIni({
        profile: profile.name,
        filepath: paths.credentials,
        configFilepath: paths.config,
        ignoreCache: true,
        mfaCodeProvider: prompts.mfaCode,
        // fromIni hands clientConfig to its STS client, and to the SSO client of SSO profiles, which keep the SDK's.
        ...(profile.usesSso ? {} : { clientConfig: stsClientConfig(profile) }),
      }),
    ),
    readOnly: false,
  };
}

export const ENVIRONMENT_CONNECTION = 'environment';

/** Credentials in AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY appear as their own connection. */
export function environmentConnection(env: NodeJS.ProcessEnv = process.env): ConnectionSettings | undefined {
  if (!env.AWS_ACCESS_KEY_ID || !env.AWS_SECRET_ACCESS_KEY) {
    return undefined;
  }
  const endpoint = env.AWS_ENDPOINT_URL_S3 || env.AWS_ENDPOINT_URL || undefined;
  return {
    connectionName: ENVIRONMENT_CONNECTION,
    region: env.AWS_REGION || env.AWS_DEFAULT_REGION || FALLBACK_REGION,
    endpoint,
    forcePathStyle: endpoint !== undefined,
    credentials: loadSdk().fromEnv(),
    readOnly: false,
  };
}
