// bench:sync's scenarios and what they run on, independent of the extension's code: the sizes
// (S3B_BENCH_SYNC_*, S3B_BENCH_RUNS), the local folders written, the 10 % rewritten each round, and
// the checks after every run (bare SDK listing, folder walk), so a client that syncs wrongly cannot
// look fast.
import { ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

export const KIB = 1024;
export const MIB = 1024 * KIB;

function positive(name: string, fallback: number): number {
  const value = Math.floor(Number(process.env[name] ?? fallback));
  if (!Number.isFinite(value) || value <= 0) {
    throw new Error(`${name} must be a positive number, not "${process.env[name]}"`);
  }
  return value;
}

export const FILES = positive('S3B_BENCH_SYNC_FILES', 1000);
export const MANY = positive('S3B_BENCH_SYNC_MANY', 10_000);
export const CHANGED = Math.min(positive('S3B_BENCH_SYNC_CHANGED', Math.round(FILES / 10)), FILES);
export const RUNS = positive('S3B_BENCH_RUNS', 5);
export const FILE_BYTES = 8 * KIB;
/** Files per subfolder: 1,000 files are 10 subfolders, 10,000 are 100. */
export const PER_FOLDER = 100;
const SCENARIO_IDS = process.env.S3B_BENCH_SYNC_SCENARIOS?.split(',').map((id) => id.trim());

export type ScenarioId = 'unchanged' | 'changed' | 'many' | 'download';

export interface Scenario {
  id: ScenarioId;
  label: string;
  fixture: 'few' | 'many';
  direction: 'upload' | 'download';
}

const SCENARIOS: Scenario[] = [
  { id: 'unchanged', label: `Upload sync, ${FILES.toLocaleString('en-US')} files, nothing changed`, fixture: 'few', direction: 'upload' },
  { id: 'changed', label: `Upload sync, ${FILES.toLocaleString('en-US')} files, ${CHANGED.toLocaleString('en-US')} changed (${Math.round((CHANGED / FILES) * 100)} %)`, fixture: 'few', direction: 'upload' },
  { id: 'many', label: `Upload sync, ${MANY.toLocaleString('en-US')} files, nothing changed`, fixture: 'many', direction: 'upload' },
  { id: 'download', label: `Download sync, ${FILES.toLocaleString('en-US')} objects, nothing changed`, fixture: 'few', direction: 'download' },
];

/** The scenarios S3B_BENCH_SYNC_SCENARIOS names (all by default), in the report's order. */
export function wantedScenarios(): Scenario[] {
  return SCENARIOS.filter((scenario) => !SCENARIO_IDS || SCENARIO_IDS.includes(scenario.id));
}

export interface LocalFile {
  size: number;
  mtimeMs: number;
}

export interface ObjectState {
  size: number;
  etag: string;
  lastModified: string;
}

/** `dir-NN/file-NNNNN.bin`, PER_FOLDER files a subfolder. */
export function relativeName(index: number, count: number): string {
  const folderWidth = String(Math.ceil(count / PER_FOLDER) - 1).length;
  return `dir-${String(Math.floor(index / PER_FOLDER)).padStart(folderWidth, '0')}/file-${String(index).padStart(5, '0')}.bin`;
}

export async function writeFiles(folder: string, contents: Buffer[]): Promise<void> {
  const names = contents.map((_, index) => relativeName(index, contents.length));
  for (const folderName of new Set(names.map((name) => path.posix.dirname(name)))) {
    await fs.mkdir(path.join(folder, folderName), { recursive: true });
  }
  for (let start = 0; start < contents.length; start += 64) {
    await Promise.all(contents.slice(start, start + 64).map((content, offset) => fs.writeFile(path.join(folder, names[start + offset]), content)));
  }
}

/** Every file under `folder`: relative `/` path → size and mtime. */
async function walk(folder: string): Promise<Map<string, LocalFile>> {
  const files = new Map<string, LocalFile>();
  const visit = async (directory: string, relative: string): Promise<void> => {
    const entries = await fs.readdir(directory, { withFileTypes: true });
    await Promise.all(
      entries.map(async (entry) => {
        const child = path.join(directory, entry.name);
        const childRelative = relative ? `${relative}/${entry.name}` : entry.name;
        if (entry.isDirectory()) {
          await visit(child, childRelative);
        } else if (entry.isFile()) {
          const stat = await fs.stat(child);
          files.set(childRelative, { size: stat.size, mtimeMs: stat.mtimeMs });
        }
      }),
    );
  };
  await visit(folder, '');
  return files;
}

/** The prefix, serially with the bare SDK: relative key → size, ETag (no quotes), LastModified. */
export async function listPrefix(s3: S3Client, bucket: string, prefix: string): Promise<Map<string, ObjectState>> {
  const objects = new Map<string, ObjectState>();
  let token: string | undefined;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
    for (const object of page.Contents ?? []) {
      objects.set(object.Key!.slice(prefix.length), { size: object.Size ?? -1, etag: (object.ETag ?? '').replace(/"/g, ''), lastModified: object.LastModified?.toISOString() ?? '' });
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return objects;
}

export const md5 = (content: Buffer) => createHash('md5').update(content).digest('hex');

/** New content for file `index` in round `round`: the same size, different from every other round's and from the original. */
export function changedContent(round: number, index: number): Buffer {
  const seed = createHash('sha256').update(`sync bench round ${round} file ${index}`).digest();
  return Buffer.alloc(FILE_BYTES, seed);
}

/** The files round `round` rewrites: every tenth file from an offset that moves each round (disjoint sets for 10 rounds at 10 %). */
export function changedIndexes(round: number): number[] {
  const step = Math.max(1, Math.floor(FILES / CHANGED));
  return Array.from({ length: CHANGED }, (_, i) => (i * step + (round % step)) % FILES);
}

function sample<T>(items: T[]): string {
  return items.slice(0, 3).join(', ') + (items.length > 3 ? ', …' : '');
}

/**
 * The prefix holds the local folder (same relative keys, same sizes); the objects whose ETag or
 * LastModified changed since `before` are exactly `expectChanged`, with the ETags given. Returns the listing.
 */
export async function checkUpload(s3: S3Client, bucket: string, prefix: string, folder: string, before: Map<string, ObjectState> | undefined, expectChanged: Map<string, string> | undefined): Promise<Map<string, ObjectState>> {
  const [local, after] = await Promise.all([walk(folder), listPrefix(s3, bucket, prefix)]);
  const missing = [...local.keys()].filter((name) => !after.has(name));
  const extra = [...after.keys()].filter((name) => !local.has(name));
  const wrongSize = [...local].filter(([name, file]) => after.has(name) && after.get(name)!.size !== file.size).map(([name]) => name);
  const problems: string[] = [];
  if (missing.length > 0) problems.push(`${missing.length} files not in s3://${bucket}/${prefix} (${sample(missing)})`);
  if (extra.length > 0) problems.push(`${extra.length} objects not in the folder (${sample(extra)})`);
  if (wrongSize.length > 0) problems.push(`${wrongSize.length} objects of the wrong size (${sample(wrongSize)})`);
  if (before && expectChanged) {
    const changed = [...after].filter(([name, object]) => before.get(name)?.etag !== object.etag || before.get(name)?.lastModified !== object.lastModified).map(([name]) => name);
    const unexpected = changed.filter((name) => !expectChanged.has(name));
    const notChanged = [...expectChanged.keys()].filter((name) => !changed.includes(name));
    const wrongContent = [...expectChanged].filter(([name, etag]) => after.get(name)?.etag !== etag).map(([name]) => name);
    if (unexpected.length > 0) problems.push(`${unexpected.length} objects written that did not change (${sample(unexpected)})`);
    if (notChanged.length > 0) problems.push(`${notChanged.length} changed files not uploaded (${sample(notChanged)})`);
    if (wrongContent.length > 0) problems.push(`${wrongContent.length} objects without the new content's MD5 (${sample(wrongContent)})`);
  }
  if (problems.length > 0) {
    throw new Error(`WRONG RESULT: ${problems.join('; ')}`);
  }
  return after;
}

/** The folder holds the prefix (same names, same sizes), and no file was written since `before`. Returns the walk. */
export async function checkDownload(s3: S3Client, bucket: string, prefix: string, folder: string, before: Map<string, LocalFile> | undefined): Promise<Map<string, LocalFile>> {
  const [local, objects] = await Promise.all([walk(folder), listPrefix(s3, bucket, prefix)]);
  const missing = [...objects.keys()].filter((name) => !local.has(name));
  const extra = [...local.keys()].filter((name) => !objects.has(name));
  const wrongSize = [...objects].filter(([name, object]) => local.has(name) && local.get(name)!.size !== object.size).map(([name]) => name);
  const problems: string[] = [];
  if (missing.length > 0) problems.push(`${missing.length} objects not in ${folder} (${sample(missing)})`);
  if (extra.length > 0) problems.push(`${extra.length} files not in the prefix (${sample(extra)})`);
  if (wrongSize.length > 0) problems.push(`${wrongSize.length} files of the wrong size (${sample(wrongSize)})`);
  if (before) {
    const written = [...local].filter(([name, file]) => before.get(name)?.mtimeMs !== file.mtimeMs || before.get(name)?.size !== file.size).map(([name]) => name);
    if (written.length > 0) problems.push(`${written.length} files written though nothing changed (${sample(written)})`);
  }
  if (problems.length > 0) {
    throw new Error(`WRONG RESULT: ${problems.join('; ')}`);
  }
  return local;
}
