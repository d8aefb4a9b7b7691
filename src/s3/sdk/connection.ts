// The SDK side of one connection: the one place its S3 clients are built, the state its adapters
// share (settings, transfer options, upload journal, multipart memory slots), and failures mapped to S3Errors.
import { S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import { toS3Error, type S3ErrorContext } from '../errors';
import { Slots } from '../slots';
import type { ConnectionSettings } from '../types';
import type { UploadJournal } from '../uploadJournal';

/** Multipart settings for streamed uploads (from the extension's settings). */
export interface TransferOptions {
  partSizeBytes: number;
  queueSize: number;
  /** Server-side copies of larger sources go multipart (UploadPartCopy); at most 5 GiB, S3's single-copy limit. */
  multipartCopyThresholdBytes?: number;
}

export function clientConfig(settings: ConnectionSettings): S3ClientConfig {
  const config: S3ClientConfig = {
    region: settings.region,
    credentials: settings.credentials,
    forcePathStyle: settings.forcePathStyle,
    // Without this the SDK takes endpoint_url from the *current* profile (AWS_PROFILE/default) and
    // AWS_ENDPOINT_URL(_S3): a profile without an endpoint would talk to another profile's server.
    ignoreConfiguredEndpointUrls: true,
    profile: settings.profile,
  };
  if (settings.endpoint) {
    // S3-compatible servers (Ceph RGW, MinIO…) reject the SDK's default streaming checksums.
    config.endpoint = settings.endpoint;
    config.requestChecksumCalculation = 'WHEN_REQUIRED';
    config.responseChecksumValidation = 'WHEN_REQUIRED';
  }
  return config;
}

/**
 * Asks for every request's connection to be kept open for the next one. Node does so by default, but
 * VS Code's proxy support (`http.proxySupport`, on by default) hands each request to a fresh agent
 * that does not keep connections alive, so Node sends `Connection: close` and every request, a
 * 1,000-file upload's included, opens a new TCP (and TLS) connection. With the header set
 * explicitly, the connection goes back to the pool of the agent that opened it (the SDK's, or Node's
 * global one); through an HTTP proxy it is still closed after each request. The header is never
 * signed (SigV4 leaves `connection` out), so it changes no signature.
 */
function keepConnectionsAlive(client: S3Client): void {
  client.middlewareStack.add(
    (next) => (args) => {
      const request = args.request as { headers?: Record<string, string> };
      if (request.headers) {
        request.headers.connection = 'keep-alive';
      }
      return next(args);
    },
    { step: 'build', name: 's3BrowserKeepConnectionsAlive' },
  );
}

/** One connection's SDK client and the state every adapter of its {@link SdkS3Service} shares. */
export class SdkConnection {
  readonly client: S3Client;
  /**
   * Presigns without the SDK's default checksums: a presigned PUT would otherwise carry the checksum
   * of an empty body, and every upload through it would fail.
   */
  private presigner?: S3Client;
  readonly multipartSlots = new Slots();

  constructor(
    readonly settings: ConnectionSettings,
    readonly transferOptions: () => TransferOptions,
    readonly journal?: UploadJournal,
  ) {
    this.client = new S3Client(clientConfig(settings));
    keepConnectionsAlive(this.client);
  }

  /** The client presigned URLs are signed with, made on first use. */
  presigningClient(): S3Client {
    this.presigner ??= new S3Client({ ...clientConfig(this.settings), requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED' });
    return this.presigner;
  }

  context(bucket?: string, key?: string): S3ErrorContext {
    return { connectionName: this.settings.connectionName, bucket, key, usesSso: this.settings.usesSso, endpoint: this.settings.endpoint };
  }

  /** Runs a request, mapping its failure to an S3Error. */
  async request<T>(context: S3ErrorContext, send: () => Promise<T>): Promise<T> {
    try {
      return await send();
    } catch (error) {
      throw toS3Error(error, context);
    }
  }

  dispose(): void {
    this.presigner?.destroy();
    this.client.destroy();
  }
}
