// A record of the multipart uploads this extension starts, kept where it survives a crash (VS Code's
// globalState, through an injected store so this module stays free of `vscode`). An upload is written
// down before it starts and crossed out when it completes or its abort succeeded; what remains after
// the server or the editor died is a leftover whose parts are still stored and billed, and is offered
// for clean-up. Entries hold names and ids only, never credentials.
import { randomUUID } from 'node:crypto';
import type { IncompleteUpload } from './types';

export interface UploadJournalEntry {
  /** Identifies the entry before the server has given the upload an id. */
  id: string;
  connection: string;
  bucket: string;
  key: string;
  /** ISO time the upload was started. */
  startedAt: string;
  /** Known once CreateMultipartUpload answered. */
  uploadId?: string;
  /** The extension host that started it: while that process lives, its upload may be in progress. */
  ownerPid: number;
}

/** Where the entries persist (VS Code's globalState in the extension); `load` sees a `save` at once. */
export interface UploadJournalStore {
  load(): UploadJournalEntry[];
  save(entries: UploadJournalEntry[]): PromiseLike<void>;
}

/** A store that forgets on reload, for the benchmark and unit tests. */
export function memoryJournalStore(): UploadJournalStore {
  let entries: UploadJournalEntry[] = [];
  return {
    load: () => entries,
    save: async (next) => {
      entries = next;
    },
  };
}

/** The oldest entries go beyond this: a journal that only grows would slow every start-up. */
export const MAX_JOURNAL_ENTRIES = 200;

/**
 * Uploads listed by the server are matched to entries by upload id; an entry whose upload id never
 * arrived (the editor died right after CreateMultipartUpload) matches an upload of its key started
 * within this of it (clocks of client and server differ).
 */
const CLOCK_SKEW_MS = 10 * 60_000;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export class UploadJournal {
  /** Entries of uploads running in this extension host now. */
  private readonly running = new Set<string>();

  constructor(
    private readonly store: UploadJournalStore,
    private readonly pid = process.pid,
    private readonly alive: (pid: number) => boolean = isAlive,
  ) {}

  entries(): UploadJournalEntry[] {
    return [...this.store.load()];
  }

  private update(change: (entries: UploadJournalEntry[]) => UploadJournalEntry[]): Promise<void> {
    return Promise.resolve(this.store.save(change(this.entries()).slice(-MAX_JOURNAL_ENTRIES)));
  }

  /** Writes an upload down before its first request; returns the entry's id. */
  async begin(connection: string, bucket: string, key: string, now = new Date()): Promise<string> {
    const id = randomUUID();
    this.running.add(id);
    await this.update((entries) => [...entries, { id, connection, bucket, key, startedAt: now.toISOString(), ownerPid: this.pid }]);
    return id;
  }

  async setUploadId(id: string, uploadId: string): Promise<void> {
    if (this.entries().some((entry) => entry.id === id && entry.uploadId !== uploadId)) {
      await this.update((entries) => entries.map((entry) => (entry.id === id ? { ...entry, uploadId } : entry)));
    }
  }

  /** The upload completed, or nothing of it is left on the server. */
  async finish(id: string): Promise<void> {
    this.running.delete(id);
    await this.update((entries) => entries.filter((entry) => entry.id !== id));
  }

  /** The upload failed and its parts may still be on the server: it stays, as a leftover. */
  stopped(id: string): void {
    this.running.delete(id);
  }

  /** An abort of this upload succeeded (from any command) or the server no longer has it. */
  async forget(connection: string, bucket: string, uploadId: string): Promise<void> {
    if (this.entries().some((entry) => entry.connection === connection && entry.bucket === bucket && entry.uploadId === uploadId)) {
      await this.update((entries) => entries.filter((entry) => !(entry.connection === connection && entry.bucket === bucket && entry.uploadId === uploadId)));
    }
  }

  /** Whether the entry's upload may still be running: in this host, or in another that is alive. */
  isRunning(entry: UploadJournalEntry): boolean {
    return entry.ownerPid === this.pid ? this.running.has(entry.id) : this.alive(entry.ownerPid);
  }

  /**
   * The entry an upload listed by the server belongs to, if this extension started it. An entry
   * whose upload id never arrived is matched by key and start time only when nothing else could be
   * that upload: no upload of the key is running, and no other listed upload (`listed`) started in
   * the same window. A wrong match would offer someone's running upload for abort.
   */
  entryFor(connection: string, bucket: string, upload: IncompleteUpload, listed: IncompleteUpload[] = [upload]): UploadJournalEntry | undefined {
    const candidates = this.entries().filter((entry) => entry.connection === connection && entry.bucket === bucket);
    const byId = candidates.find((entry) => entry.uploadId === upload.uploadId);
    if (byId) {
      return byId;
    }
    const ofKey = candidates.filter((entry) => entry.uploadId === undefined && entry.key === upload.key);
    if (ofKey.some((entry) => this.isRunning(entry))) {
      return undefined;
    }
    const startedNear = (entry: UploadJournalEntry, candidate: IncompleteUpload) =>
      candidate.initiated !== undefined && Math.abs(candidate.initiated.getTime() - Date.parse(entry.startedAt)) <= CLOCK_SKEW_MS;
    const matching = ofKey.filter((entry) => startedNear(entry, upload));
    const known = new Set(candidates.map((entry) => entry.uploadId));
    const rivals = listed.filter((other) => other.key === upload.key && other.uploadId !== upload.uploadId && !known.has(other.uploadId) && matching.some((entry) => startedNear(entry, other)));
    return matching.length === 1 && rivals.length === 0 ? matching[0] : undefined;
  }

  /** Buckets with entries that are not running: where leftovers may be. */
  leftoverBuckets(connection?: string): Array<{ connection: string; bucket: string }> {
    const seen = new Map<string, { connection: string; bucket: string }>();
    for (const entry of this.entries()) {
      if ((connection === undefined || entry.connection === connection) && !this.isRunning(entry)) {
        seen.set(`${entry.connection}\u0000${entry.bucket}`, { connection: entry.connection, bucket: entry.bucket });
      }
    }
    return [...seen.values()];
  }

  /**
   * Given every incomplete upload the server lists in a bucket, returns those that are leftovers of
   * this extension, and drops the entries (not running) whose upload the server no longer has.
   */
  async reconcile(connection: string, bucket: string, uploads: IncompleteUpload[]): Promise<Array<{ upload: IncompleteUpload; entry: UploadJournalEntry }>> {
    const leftovers: Array<{ upload: IncompleteUpload; entry: UploadJournalEntry }> = [];
    for (const upload of uploads) {
      const entry = this.entryFor(connection, bucket, upload, uploads);
      if (entry && !this.isRunning(entry) && !leftovers.some((found) => found.entry.id === entry.id)) {
        leftovers.push({ upload, entry });
      }
    }
    const found = new Map(leftovers.map(({ upload, entry }) => [entry.id, upload.uploadId]));
    const gone = (entry: UploadJournalEntry) => entry.connection === connection && entry.bucket === bucket && !this.isRunning(entry) && !found.has(entry.id);
    if (this.entries().some((entry) => gone(entry) || (found.has(entry.id) && entry.uploadId === undefined))) {
      await this.update((entries) => entries.filter((entry) => !gone(entry)).map((entry) => (found.has(entry.id) ? { ...entry, uploadId: found.get(entry.id) } : entry)));
    }
    return leftovers;
  }
}
