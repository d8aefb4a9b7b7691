// Every key under a prefix, listed by several requests at once, so a big bucket is not one serial
// listing: a first plain page answers a small prefix in one request; beyond it, the folders directly
// under the prefix (one delimiter listing) are listed side by side, and
// a run of keys that fills page after page is cut into key ranges (StartAfter) at the next character
// after what its keys share, again and again while ranges stay full. Pages come in no set order.
import type { S3Service } from '../s3/service';
import type { ObjectSummary } from '../s3/types';

export interface ParallelListingOptions {
  /** Listing requests in flight at once (the connection's transfer concurrency). */
  concurrency: number;
  signal?: AbortSignal;
}

/** A range of keys under `prefix`: after `after` (exclusive; from the start when undefined), up to `upTo` (inclusive; to the end when undefined). */
interface KeyRange {
  prefix: string;
  after?: string;
  upTo?: string;
}

/**
 * Where a full range is cut: the character after the keys' shared part, of the kind the last key has
 * there (numbered keys are cut at digits only; the last range takes whatever else follows). Coverage
 * does not depend on it, only the parallelism and the number of empty ranges.
 */
const CUT_CHARACTERS = [[...'0123456789'], [...'abcdefghijklmnopqrstuvwxyz'], [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'], [...'-./_']];
const ALL_CUT_CHARACTERS = CUT_CHARACTERS.flat();
/** Keys in a full page of `listKeys` (ListObjectsV2's most): a range still full after one may go on. */
const FULL_PAGE = 1000;
/** Full pages a range lists before it is cut: a folder of 1,000–1,999 keys is not cut into empty ranges. */
const PAGES_BEFORE_CUT = 2;
/** Pages waiting for the consumer before the listers pause. */
const BUFFERED_PAGES_PER_LISTER = 2;

/** S3 orders keys by their UTF-8 bytes, which JavaScript's string order does not always follow. */
function compareKeys(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

function sharedStart(a: string, b: string): string {
  let length = 0;
  while (length < a.length && length < b.length && a[length] === b[length]) {
    length++;
  }
  // Never half of a surrogate pair: a cut there would not be a string S3 knows.
  if (length > 0 && /[\ud800-\udbff]/.test(a[length - 1])) {
    length--;
  }
  return a.slice(0, length);
}

/**
 * The rest of a range still full after two pages, (last, upTo], cut into ranges at `shared + c`, where
 * `shared` is what the keys listed so far (`first` to `last`) share: `report-0000`…`report-1999` cut
 * at `report-2`, `report-3`… The first range starts right after `last`.
 */
function cutAfter(range: KeyRange, first: string, last: string): KeyRange[] {
  const shared = sharedStart(first, last);
  const next = last.charAt(shared.length);
  const characters = CUT_CHARACTERS.find((kind) => kind.includes(next)) ?? ALL_CUT_CHARACTERS;
  const cuts = characters.map((character) => shared + character).filter((cut) => compareKeys(cut, last) > 0 && (range.upTo === undefined || compareKeys(cut, range.upTo) < 0));
  const bounds = [last, ...cuts];
  return bounds.map((after, index) => ({ prefix: range.prefix, after, upTo: index + 1 < bounds.length ? bounds[index + 1] : range.upTo }));
}

/**
 * Lists every key under `prefix` of `bucket` with up to `concurrency` requests at once, each key
 * exactly once. The first failure stops every lister and is thrown; so is a cancel through `signal`.
 */
export async function* listKeysInParallel(service: S3Service, bucket: string, prefix: string, { concurrency, signal }: ParallelListingOptions): AsyncIterable<ObjectSummary[]> {
  const stop = new AbortController();
  const onCancel = () => stop.abort(signal?.reason);
  signal?.addEventListener('abort', onCancel);
  const pending: Array<() => Promise<void>> = [];
  const ready: ObjectSummary[][] = [];
  let running = 0;
  let failure: { error: unknown } | undefined;
  let wake: (() => void) | undefined;
  const notify = () => {
    wake?.();
    wake = undefined;
  };
  let resumeListers: Array<() => void> = [];

  const deliver = async (page: ObjectSummary[]) => {
    if (page.length > 0) {
      ready.push(page);
      notify();
    }
    while (ready.length > concurrency * BUFFERED_PAGES_PER_LISTER && !stop.signal.aborted) {
      await new Promise<void>((resume) => resumeListers.push(resume));
    }
    stop.signal.throwIfAborted();
  };

  /** One range, page by page; a range still full after its first page is cut, and the cuts are queued. */
  const listRange = (range: KeyRange) => async () => {
    let fullPages = 0;
    let first: string | undefined;
    for await (const page of service.listKeys(bucket, range.prefix, stop.signal, range.after)) {
      const inRange = range.upTo === undefined ? page : page.filter((object) => compareKeys(object.key, range.upTo!) <= 0);
      await deliver(inRange);
      if (inRange.length < page.length) {
        return;
      }
      first ??= page[0]?.key;
      fullPages = page.length >= FULL_PAGE ? fullPages + 1 : fullPages;
      if (fullPages === PAGES_BEFORE_CUT && first !== undefined) {
        const cuts = cutAfter(range, first, page[page.length - 1].key);
        if (cuts.length > 1) {
          cuts.forEach((cut) => schedule(listRange(cut)));
          return;
        }
      }
    }
  };

  /**
   * One plain page first: a prefix of up to 1,000 keys is that one request. Beyond it, the delimiter
   * listing of the prefix: its files, and each folder as a range of its own — all after the last key
   * of the first page (`seen`), so no key is listed twice and folders the page covered are skipped.
   */
  const listTop = async () => {
    const first = await service.listFolder({ bucket, prefix, flat: true, signal: stop.signal });
    await deliver(first.files);
    if (!first.token || first.files.length === 0) {
      return;
    }
    const seen = first.files[first.files.length - 1].key;
    let token: string | undefined;
    do {
      const page = await service.listFolder({ bucket, prefix, token, signal: stop.signal });
      await deliver(page.files.filter((object) => compareKeys(object.key, seen) > 0));
      for (const folder of page.folders) {
        if (seen.startsWith(folder.prefix)) {
          schedule(listRange({ prefix: folder.prefix, after: seen }));
        } else if (compareKeys(folder.prefix, seen) > 0) {
          schedule(listRange({ prefix: folder.prefix }));
        }
        // Else every key of the folder sorts before `seen`: the first page had them all.
      }
      token = page.token;
      if (token && page.folders.length === 0 && page.files.length > 0) {
        // A flat run of keys: ranges after the last one listed, rather than page after page.
        const last = page.files[page.files.length - 1].key;
        schedule(listRange({ prefix, after: compareKeys(last, seen) > 0 ? last : seen }));
        return;
      }
    } while (token);
  };

  const schedule = (job: () => Promise<void>) => {
    pending.push(job);
    startListers();
  };
  const startListers = () => {
    while (running < concurrency && pending.length > 0 && !failure) {
      const job = pending.shift()!;
      running++;
      void job()
        .catch((error: unknown) => {
          failure ??= { error };
          stop.abort(error);
        })
        .finally(() => {
          running--;
          startListers();
          notify();
        });
    }
  };

  try {
    schedule(listTop);
    for (;;) {
      if (failure) {
        throw failure.error;
      }
      const page = ready.shift();
      if (page) {
        const resumed = resumeListers;
        resumeListers = [];
        resumed.forEach((resume) => resume());
        yield page;
        continue;
      }
      if (running === 0 && pending.length === 0) {
        signal?.throwIfAborted();
        return;
      }
      await new Promise<void>((resume) => (wake = resume));
    }
  } finally {
    signal?.removeEventListener('abort', onCancel);
    // A consumer that stops early (or a failure) stops every lister still running.
    stop.abort();
    resumeListers.forEach((resume) => resume());
  }
}
