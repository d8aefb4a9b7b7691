import type * as vscode from 'vscode';
import { S3Error } from '../s3/errors';
import { settings } from '../settings';
import type { Credentials } from '../s3/types';
import type { Connection, ConnectionSource } from './connectionRegistry';
import { l10n } from '../l10n';

/** The non-secret part of a custom endpoint, kept in the `s3Browser.endpoints` setting. */
export interface EndpointDefinition {
  name: string;
  url: string;
  region: string;
  forcePathStyle: boolean;
}

const SECRET_PREFIX = 's3Browser.endpoint.';

/** Custom endpoints (MinIO, R2, Ceph…): definitions in settings, keys only in SecretStorage. */
export class CustomEndpointStore implements ConnectionSource {
  constructor(private readonly secrets: vscode.SecretStorage) {}

  /** The user's endpoints; a workspace's settings never add or redirect one (its keys are stored by name). */
  definitions(): EndpointDefinition[] {
    const configured = settings.endpoints() as Array<Partial<EndpointDefinition>>;
    return configured.flatMap((entry) =>
      typeof entry.name === 'string' && typeof entry.url === 'string'
        ? [{ name: entry.name, url: entry.url, region: entry.region || 'us-east-1', forcePathStyle: entry.forcePathStyle ?? true }]
        : [],
    );
  }

  async load(): Promise<Connection[]> {
    return this.definitions().map((definition) => ({
      kind: 'endpoint' as const,
      origin: l10n.t('setting s3Browser.endpoints (keys in VS Code secret storage)'),
      settings: {
        connectionName: definition.name,
        region: definition.region,
        endpoint: definition.url,
        forcePathStyle: definition.forcePathStyle,
        credentials: () => this.credentials(definition.name),
        readOnly: false,
      },
    }));
  }

  private async credentials(name: string): Promise<Credentials> {
    const stored = await this.secrets.get(SECRET_PREFIX + name);
    if (!stored) {
      throw new S3Error('InvalidCredentials', l10n.t('No access key is stored for the endpoint "{0}". Run "S3: Edit Endpoint…" to enter it.', name));
    }
    return JSON.parse(stored) as Credentials;
  }

  /** Adds or replaces an endpoint; `credentials` undefined keeps the stored keys. */
  async save(definition: EndpointDefinition, credentials?: Credentials, replacing = definition.name): Promise<void> {
    if (credentials) {
      await this.secrets.store(SECRET_PREFIX + definition.name, JSON.stringify({ accessKeyId: credentials.accessKeyId, secretAccessKey: credentials.secretAccessKey }));
    } else if (replacing !== definition.name) {
      const previous = await this.secrets.get(SECRET_PREFIX + replacing);
      if (previous) {
        await this.secrets.store(SECRET_PREFIX + definition.name, previous);
      }
    }
    if (replacing !== definition.name) {
      await this.secrets.delete(SECRET_PREFIX + replacing);
    }
    const others = this.definitions().filter((existing) => existing.name !== replacing && existing.name !== definition.name);
    await settings.setUserValue('endpoints', [...others, definition]);
    if (replacing !== definition.name) {
      // A renamed endpoint stays read-only if it was.
      const readOnly = settings.readOnlyConnections();
      if (readOnly.includes(replacing)) {
        await settings.setUserValue('readOnlyConnections', [...readOnly.filter((name) => name !== replacing), definition.name]);
      }
    }
  }

  async remove(name: string): Promise<void> {
    await this.secrets.delete(SECRET_PREFIX + name);
    const remaining = this.definitions().filter((existing) => existing.name !== name);
    await settings.setUserValue('endpoints', remaining);
  }
}
