// The requests behind listKeysInParallel, for the benchmarks that report them next to its times
// (bench:find, bench:sync): a service that counts the listings passing through it.
import type { S3Service } from '../../src/s3/service';

export interface ListingRequests {
  /** Delimiter listings (listFolder calls). */
  listFolder: number;
  /** ListObjectsV2 pages (listKeys pages). */
  listKeysPages: number;
  /** Of those pages, the ones with no key. */
  emptyPages: number;
}

/** `service`, counting into `counts` the listings made through it; everything else passes unchanged. */
export function countingListings(service: S3Service, counts: ListingRequests): S3Service {
  return new Proxy(service, {
    get(target, name) {
      if (name === 'listKeys') {
        return async function* (...args: Parameters<S3Service['listKeys']>) {
          for await (const page of target.listKeys(...args)) {
            counts.listKeysPages++;
            counts.emptyPages += page.length === 0 ? 1 : 0;
            yield page;
          }
        };
      }
      if (name === 'listFolder') {
        return (...args: Parameters<S3Service['listFolder']>) => {
          counts.listFolder++;
          return target.listFolder(...args);
        };
      }
      const value = Reflect.get(target, name) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
