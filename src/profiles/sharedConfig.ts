import { parseIni } from './iniFile';

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

export interface SharedConfigText {
  config?: string;
  credentials?: string;
}

const PROFILE_PREFIX = 'profile ';
const SERVICES_PREFIX = 'services ';

function addressingStyle(value: string | undefined): ProfileDefinition['addressingStyle'] {
  return value === 'path' || value === 'virtual' || value === 'auto' ? value : undefined;
}

/** Merges the config and credentials files into profile definitions, sorted by name with `default` first. */
export function profilesFromSharedConfig({ config = '', credentials = '' }: SharedConfigText): ProfileDefinition[] {
  const configSections = parseIni(config);
  const credentialSections = parseIni(credentials);
  const profiles = new Map<string, ProfileDefinition>();
  const profile = (name: string): ProfileDefinition => {
    let existing = profiles.get(name);
    if (!existing) {
      existing = { name, sources: [], usesSso: false, fingerprint: '' };
      profiles.set(name, existing);
    }
    return existing;
  };

  for (const [section, values] of configSections) {
    let name: string | undefined;
    if (section === 'default') {
      name = 'default';
    } else if (section.startsWith(PROFILE_PREFIX)) {
      name = section.slice(PROFILE_PREFIX.length).trim();
    }
    if (!name) {
      continue; // sso-session, services and unknown sections are not profiles
    }
    const definition = profile(name);
    definition.sources.push('config');
    definition.region = values.region ?? definition.region;
    const services = values.services ? configSections.get(`${SERVICES_PREFIX}${values.services}`) : undefined;
    // The service-specific endpoint wins over the profile-wide one, as in the aws CLI.
    definition.endpointUrl = services?.['s3.endpoint_url'] ?? values['s3.endpoint_url'] ?? values.endpoint_url;
    definition.stsEndpointUrl = services?.['sts.endpoint_url'] ?? values.endpoint_url;
    definition.addressingStyle = addressingStyle(values['s3.addressing_style']);
    definition.usesSso = values.sso_session !== undefined || values.sso_start_url !== undefined;
    definition.fingerprint += JSON.stringify(values) + JSON.stringify(services ?? {});
  }
  for (const [section, values] of credentialSections) {
    const definition = profile(section);
    definition.sources.push('credentials');
    definition.fingerprint += JSON.stringify(values);
  }
  return [...profiles.values()].sort((a, b) => (a.name === 'default' ? -1 : b.name === 'default' ? 1 : a.name.localeCompare(b.name)));
}
