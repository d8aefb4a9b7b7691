import { SdkS3Service, type RequestLog } from './sdkService';
import type { S3Service } from './service';
import type { ConnectionSettings } from './types';

/** Builds one cached service per connection and region; dropped when connections change. */
export class S3ServiceFactory {
  private readonly services = new Map<string, S3Service>();

  constructor(private readonly log: RequestLog) {}

  get(settings: ConnectionSettings, region = settings.region): S3Service {
    const cacheKey = `${settings.id}\u0000${region}`;
    let service = this.services.get(cacheKey);
    if (!service) {
      service = new SdkS3Service({ ...settings, region }, this.log);
      this.services.set(cacheKey, service);
    }
    return service;
  }

  clear(): void {
    for (const service of this.services.values()) {
      service.dispose();
    }
    this.services.clear();
  }

  dispose(): void {
    this.clear();
  }
}
