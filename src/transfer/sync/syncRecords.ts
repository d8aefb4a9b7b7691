// What the last sync of a pair saw, file by file: the size and modification time of the local file
// and the ETag of the object it matched. The next sync compares against it, so an unchanged pair is
// judged without reading a byte or sending a HEAD, and a change on either side — even one that keeps
// the size and sets an older time — is seen exactly. Kept as one JSON file per pair in the
// extension's storage folder; a missing or unreadable file is an empty record (comparisons then fall
// back to modification times).
import { createHash, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

export interface SyncRecord {
  size: number;
  mtimeMs: number;
  etag?: string;
}

/** By the key relative to the synced prefix. */
export type SyncRecords = Map<string, SyncRecord>;

/** One pair, either direction: its records are about which file matched which object. */
export interface PairIdentity {
  localFolder: string;
  connectionName: string;
  bucket: string;
  prefix: string;
}

const FORMAT = 1;

function recordFile(folder: string, pair: PairIdentity): string {
  const id = createHash('sha256').update(JSON.stringify([path.resolve(pair.localFolder), pair.connectionName, pair.bucket, pair.prefix])).digest('hex').slice(0, 32);
  return path.join(folder, `${id}.json`);
}

export async function loadRecords(folder: string, pair: PairIdentity): Promise<SyncRecords> {
  try {
    const stored = JSON.parse(await fs.readFile(recordFile(folder, pair), 'utf8')) as { format?: number; records?: Record<string, [number, number, string | null]> };
    if (stored.format !== FORMAT || typeof stored.records !== 'object' || stored.records === null) {
      return new Map();
    }
    return new Map(Object.entries(stored.records).map(([key, [size, mtimeMs, etag]]) => [key, { size, mtimeMs, etag: etag ?? undefined }]));
  } catch {
    return new Map();
  }
}

/** Written whole to a temporary file and renamed, so a crash never leaves half a record. */
export async function saveRecords(folder: string, pair: PairIdentity, records: SyncRecords): Promise<void> {
  await fs.mkdir(folder, { recursive: true });
  const target = recordFile(folder, pair);
  const partial = `${target}.${randomBytes(4).toString('hex')}.tmp`;
  const stored = { format: FORMAT, pair, records: Object.fromEntries([...records].map(([key, record]) => [key, [record.size, record.mtimeMs, record.etag ?? null]])) };
  await fs.writeFile(partial, JSON.stringify(stored));
  await fs.rename(partial, target);
}
