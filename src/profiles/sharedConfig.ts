/** One named profile as the aws CLI sees it, before credentials are resolved. */
export interface ProfileDefinition {
  name: string;
  region?: string;
  endpointUrl?: string;
  /** Where its assume-role (STS) requests go: the `sts` endpoint of its services section, else its `endpoint_url`. */
  stsEndpointUrl?: string;
  /** From the `s3 =` sub-section; undefined when not set. */
  addressingStyle?: 'path' | 'virtual' | 'auto';
  /** Where the profile was found, for tooltips. */
  sources: Array<'config' | 'credentials'>;
  /** Signs in through AWS SSO (`sso_session` or `sso_start_url` in its own section). */
  usesSso: boolean;
  /** Everything its sections say, so cached credentials are dropped when the profile is edited. */
  fingerprint: string;
}

/** One parsed file as the SDK's `loadSharedConfigFiles` returns it: sections by name, `key` or `sub.key` → value. */
export type IniSections = Record<string, Record<string, string | undefined> | undefined>;

/**
 * The config and credentials files as the SDK parsed them. In `configFile` a profile is keyed by its
 * name (`[default]`, `[profile x]` → `x`), other sections by `type.name` (`services.x`, `sso-session.x`).
 */
export interface SharedConfigFiles {
  configFile: IniSections;
  credentialsFile: IniSections;
}

const NOT_PROFILES = ['services.', 'sso-session.'];

function addressingStyle(value: string | undefined): ProfileDefinition['addressingStyle'] {
  return value === 'path' || value === 'virtual' || value === 'auto' ? value : undefined;
}

/** Merges the config and credentials files into profile definitions, sorted by name with `default` first. */
export function profilesFromSharedConfig({ configFile, credentialsFile }: SharedConfigFiles): ProfileDefinition[] {
  const profiles = new Map<string, ProfileDefinition>();
  const profile = (name: string): ProfileDefinition => {
    let existing = profiles.get(name);
    if (!existing) {
      existing = { name, sources: [], usesSso: false, fingerprint: '' };
      profiles.set(name, existing);
    }
    return existing;
  };

  for (const [name, values = {}] of Object.entries(configFile)) {
    if (NOT_PROFILES.some((prefix) => name.startsWith(prefix))) {
      continue;
    }
    const definition = profile(name);
    definition.sources.push('config');
    definition.region = values.region ?? definition.region;
    const services = values.services ? configFile[`services.${values.services}`] : undefined;
    // The service-specific endpoint wins over the profile-wide one, as in the aws CLI.
    definition.endpointUrl = services?.['s3.endpoint_url'] ?? values['s3.endpoint_url'] ?? values.endpoint_url;
    definition.stsEndpointUrl = services?.['sts.endpoint_url'] ?? values.endpoint_url;
    definition.addressingStyle = addressingStyle(values['s3.addressing_style']);
    definition.usesSso = values.sso_session !== undefined || values.sso_start_url !== undefined;
    definition.fingerprint += JSON.stringify(values) + JSON.stringify(services ?? {});
  }
  for (const [name, values = {}] of Object.entries(credentialsFile)) {
    const definition = profile(name);
    definition.sources.push('credentials');
    definition.fingerprint += JSON.stringify(values);
  }
  return [...profiles.values()].sort((a, b) => (a.name === 'default' ? -1 : b.name === 'default' ? 1 : a.name.localeCompare(b.name)));
}
