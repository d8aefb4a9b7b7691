import type { ConnectionSettings } from '../s3/types';
import { CredentialCache } from './cachedCredentials';
import {
  connectionForProfile,
  defaultProfileName,
  environmentConnection,
  loadProfiles,
  type CredentialPrompts,
  type SharedConfigPaths,
} from './connections';
import { l10n } from '../l10n';

export type ConnectionKind = 'profile' | 'environment' | 'endpoint';

/** One root of the explorer: an AWS profile, the environment's credentials, or a custom endpoint. */
export interface Connection {
  kind: ConnectionKind;
  settings: ConnectionSettings;
  /** Where it comes from, for tooltips. */
  origin: string;
}

export interface ConnectionSource {
  load(): Promise<Connection[]>;
}

/** Profiles of the AWS shared config and credentials files. */
export function sharedConfigSource(paths: SharedConfigPaths, prompts: CredentialPrompts): ConnectionSource {
  const credentials = new CredentialCache();
  return {
    load: async () =>
      (await loadProfiles(paths)).map((profile) => ({
        kind: 'profile' as const,
        settings: connectionForProfile(profile, paths, prompts, credentials),
        origin: profile.sources.map((source) => (source === 'config' ? paths.config : paths.credentials)).join(', '),
      })),
  };
}

export function environmentSource(env: NodeJS.ProcessEnv = process.env): ConnectionSource {
  return {
    load: async () => {
      const settings = environmentConnection(env);
      return settings ? [{ kind: 'environment' as const, settings, origin: 'AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY' }] : [];
    },
  };
}

/** Every connection the extension knows, loaded once and reloaded when files or settings change. */
export class ConnectionRegistry {
  private loaded?: Promise<Connection[]>;

  constructor(
    private readonly sources: ConnectionSource[],
    private readonly isReadOnly: (name: string) => boolean,
    readonly defaultConnectionName: string = defaultProfileName(),
  ) {}

  list(): Promise<Connection[]> {
    this.loaded ??= Promise.all(this.sources.map((source) => source.load())).then((lists) => {
      const seen = new Set<string>();
      const connections: Connection[] = [];
      // The first source to define a name wins, so a URI's connection part is never ambiguous.
      for (const connection of lists.flat()) {
        if (!seen.has(connection.settings.connectionName)) {
          seen.add(connection.settings.connectionName);
          connections.push({ ...connection, settings: { ...connection.settings, readOnly: this.isReadOnly(connection.settings.connectionName) } });
        }
      }
      return connections;
    });
    return this.loaded;
  }

  /** The named connection, or the default one when no name is given. */
  async get(name: string | undefined): Promise<Connection> {
    const wanted = name ?? this.defaultConnectionName;
    const connection = (await this.list()).find((candidate) => candidate.settings.connectionName === wanted);
    if (!connection) {
      throw new Error(
        name === undefined
          ? l10n.t('No default AWS profile "{0}". Add a [default] profile to the AWS config files, set AWS_PROFILE, or name the connection in the URI: s3://connection@bucket/key.', wanted)
          : l10n.t('No AWS profile or S3 endpoint named "{0}". Check the AWS config files or run "S3: Add Endpoint…".', wanted),
      );
    }
    return connection;
  }

  reload(): void {
    this.loaded = undefined;
  }
}
