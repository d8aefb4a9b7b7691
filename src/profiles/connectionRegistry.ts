import type { ConnectionSettings } from '../s3/types';
import { connectionForProfile, defaultProfileName, loadProfiles, sharedConfigPaths, type SharedConfigPaths } from './connections';
import type { ProfileDefinition } from './sharedConfig';

export interface Connection {
  profile: ProfileDefinition;
  settings: ConnectionSettings;
}

/** The connections the extension knows, read once from the shared config files and reloaded on demand. */
export class ConnectionRegistry {
  private loaded?: Promise<Connection[]>;

  constructor(
    private readonly paths: SharedConfigPaths = sharedConfigPaths(),
    readonly defaultProfile: string = defaultProfileName(),
  ) {}

  list(): Promise<Connection[]> {
    this.loaded ??= loadProfiles(this.paths).then((profiles) =>
      profiles.map((profile) => ({ profile, settings: connectionForProfile(profile, this.paths) })),
    );
    return this.loaded;
  }

  /** The named connection, or the default one when no name is given. */
  async get(id: string | undefined): Promise<Connection> {
    const name = id ?? this.defaultProfile;
    const connection = (await this.list()).find((candidate) => candidate.settings.id === name);
    if (!connection) {
      throw new Error(
        id === undefined
          ? `No default AWS profile "${name}" in ${this.paths.config} or ${this.paths.credentials}. Add one, set AWS_PROFILE, or name the profile in the URI: s3://profile@bucket/key.`
          : `No AWS profile named "${name}" in ${this.paths.config} or ${this.paths.credentials}.`,
      );
    }
    return connection;
  }

  reload(): void {
    this.loaded = undefined;
  }
}
