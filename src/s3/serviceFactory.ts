import { GuardedS3Service, type RequestLog } from './guardedService';
import { loadSdk } from './loadSdk';
import type { TransferOptions } from './sdk/connection';
import type { S3Service } from './service';
import type { ConnectionSettings } from './types';
import type { UploadJournal } from './uploadJournal';

/**
 * Builds one cached service per connection and region; dropped when connections change. A cached
 * client is keyed by everything that defines it, so settings held from before an edit (an item put
 * aside by Cut) never reach a client built from newer ones, or the other way round.
 */
export class S3ServiceFactory {
  private readonly services = new Map<string, S3Service>();
  /** Credential providers by identity: a reloaded connection's keys may differ under the same name. */
  private readonly credentialIds = new WeakMap<object, number>();
  private nextCredentialsId = 0;
  /** Discovered bucket regions per connection, so buckets in any region work from any profile. */
  private readonly bucketRegions = new Map<string, Promise<string>>();

  constructor(
    private readonly log: RequestLog,
    private readonly transferOptions?: () => TransferOptions,
    /** Every multipart upload of every connection is written down here until it is done or aborted. */
    readonly journal?: UploadJournal,
    /**
     * Whether a connection is read-only now (the setting), asked by its services at each write: a
     * write is refused when this or the settings the service was made from say read-only.
     */
    private readonly isReadOnly?: (connectionName: string) => boolean,
  ) {}

  get(settings: ConnectionSettings, region = settings.region): S3Service {
    let credentialsId = this.credentialIds.get(settings.credentials);
    if (credentialsId === undefined) {
      credentialsId = this.nextCredentialsId++;
      this.credentialIds.set(settings.credentials, credentialsId);
    }
    const cacheKey = JSON.stringify([settings.connectionName, region, settings.endpoint ?? '', settings.forcePathStyle, settings.readOnly, settings.profile ?? '', credentialsId]);
    let service = this.services.get(cacheKey);
    if (!service) {
      const sdk = new (loadSdk().SdkS3Service)({ ...settings, region }, this.transferOptions, this.journal);
      const { isReadOnly } = this;
      // Settings may be held from before the connection was made read-only (a node, a confirmation, a running batch).
      const readOnly = isReadOnly ? () => settings.readOnly || isReadOnly(settings.connectionName) : settings.readOnly;
      service = new GuardedS3Service(sdk, { connectionName: settings.connectionName, readOnly, log: this.log });
      this.services.set(cacheKey, service);
    }
    return service;
  }

  /** Remembers regions ListBuckets already reported, saving a HeadBucket per bucket. */
  rememberRegion(settings: ConnectionSettings, bucket: string, region: string): void {
    this.bucketRegions.set(`${settings.connectionName}\u0000${bucket}`, Promise.resolve(region));
  }

  /** The region the bucket lives in, discovered once per connection and bucket. */
  regionOf(settings: ConnectionSettings, bucket: string): Promise<string> {
    const cacheKey = `${settings.connectionName}\u0000${bucket}`;
    let region = this.bucketRegions.get(cacheKey);
    if (!region) {
      region = this.get(settings)
        .bucketRegion(bucket)
        .then((discovered) => discovered ?? settings.region);
      this.bucketRegions.set(cacheKey, region);
      // A failed lookup (bucket missing, endpoint down) is retried next time.
      region.catch(() => this.bucketRegions.delete(cacheKey));
    }
    return region;
  }

  /** The service for the region the bucket lives in. */
  async forBucket(settings: ConnectionSettings, bucket: string): Promise<S3Service> {
    return this.get(settings, await this.regionOf(settings, bucket));
  }

  /**
   * Forgets every service (connections changed). They are not destroyed: a transfer still running
   * holds its service, and destroying the client would cut its requests and streams. An idle client
   * keeps no more than its kept-alive sockets, which the server closes.
   */
  clear(): void {
    this.bucketRegions.clear();
    this.services.clear();
  }

  dispose(): void {
    for (const service of this.services.values()) {
      service.dispose();
    }
    this.clear();
  }
}
