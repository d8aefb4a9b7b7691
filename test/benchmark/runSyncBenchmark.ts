// `npm run bench:sync`: not a test. Against the local Ceph S3 (or S3_TEST_ENDPOINT), in one run:
//  - writes a local folder of 1,000 files of 8 KiB in 10 subfolders for each client, and one of
//    10,000 files in 100 subfolders that every client reads;
//  - lets each client sync them to its own prefix once, untimed (S3 Browser saving its records as the
//    command does), so that each starts from its own state;
//  - times, interleaved run by run (each round starts with another client), `S3B_BENCH_RUNS` (5) runs of
//    - unchanged: the 1,000-file folder synced again, nothing changed (the pure cost of comparing);
//    - changed: 100 of those files (10 %) rewritten before each run with new content of the same size
//      and a new modification time (untimed), then synced: exactly those must go up;
//    - many: the 10,000-file folder synced again, nothing changed;
//    - download: each client's 1,000-file prefix synced to a local folder of its own again (S3 → local),
//      nothing changed;
//    with S3 Browser's code — loadRecords, planSync, syncTaskPages run by runTransfers, saveRecords, as
//    runSync.ts does them, over the extension's own service in plain Node, at the shipped concurrency
//    and part size — `aws s3 sync` and `rclone sync` (its default comparison, and with
//    `--update --use-server-modtime`);
//  - checks every run: the prefix listed afterwards holds the local folder (same keys, same sizes), the
//    objects that changed are exactly the files rewritten, with the ETag of their new content (a
//    download: the local folder holds the prefix, and no file was rewritten). A wrong result ends that
//    client's series and the exit code is 1.
// then prints Markdown tables (median and min–max), S3 Browser's HEAD and transfer counts, where its
// time goes, the commands used, and the machine with the load average seen.
// Sizes: S3B_BENCH_SYNC_FILES (1000), S3B_BENCH_SYNC_MANY (10000), S3B_BENCH_SYNC_CHANGED (100);
// S3B_BENCH_SYNC_SCENARIOS (unchanged, changed, many, download) and S3B_BENCH_CLIENTS (s3b, aws, rclone,
// rclone-update) narrow the run.
import { ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { promises as fs, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import type { S3Service } from '../../src/s3/service';
import { S3ServiceFactory } from '../../src/s3/serviceFactory';
import { memoryJournalStore, UploadJournal } from '../../src/s3/uploadJournal';
import { listKeysInParallel } from '../../src/transfer/parallelListing';
import { excludeTest } from '../../src/transfer/sync/syncExcludes';
import { hasWork, planSync, transferBytes, type SyncOptions, type SyncPair } from '../../src/transfer/sync/syncPlan';
import { loadRecords, saveRecords } from '../../src/transfer/sync/syncRecords';
import { listLocalSide, listRemoteSide } from '../../src/transfer/sync/syncSides';
import { syncTaskPages } from '../../src/transfer/sync/syncTasks';
import { runTransfers } from '../../src/transfer/transferEngine';
import { startS3Target } from '../support/rgw';
import { awsCliPath, awsEnvironment, machineLines, RCLONE_FLAGS, rcloneEnvironment, which } from './cliClients';
import { benchConnection, ENGINE_DEFAULTS } from './engineClient';
import { sdkClient, type SdkTarget } from './sdkClients';
import { median } from './transferScenarios';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const run = promisify(execFile);
const KIB = 1024;
const MIB = 1024 * KIB;

function positive(name: string, fallback: number): number {
  const value = Math.floor(Number(process.env[name] ?? fallback));
  if (!Number.isFinite(value) || value <= 0) {
    throw new Error(`${name} must be a positive number, not "${process.env[name]}"`);
  }
  return value;
}

const FILES = positive('S3B_BENCH_SYNC_FILES', 1000);
const MANY = positive('S3B_BENCH_SYNC_MANY', 10_000);
const CHANGED = Math.min(positive('S3B_BENCH_SYNC_CHANGED', Math.round(FILES / 10)), FILES);
const RUNS = positive('S3B_BENCH_RUNS', 5);
const FILE_BYTES = 8 * KIB;
/** Files per subfolder: 1,000 files are 10 subfolders, 10,000 are 100. */
const PER_FOLDER = 100;
const SCENARIO_IDS = process.env.S3B_BENCH_SYNC_SCENARIOS?.split(',').map((id) => id.trim());
const CLIENT_IDS = process.env.S3B_BENCH_CLIENTS?.split(',').map((id) => id.trim());

/** What a user gets: package.json's defaults (concurrency 32, part 8 MiB, the default excludes). */
const CONCURRENCY = ENGINE_DEFAULTS.concurrency;
const PART_SIZE = ENGINE_DEFAULTS.partSizeMB * MIB;
const DEFAULT_EXCLUDES = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { contributes: { configuration: { properties: Record<string, { default: unknown }> } } }).contributes.configuration.properties['s3Browser.sync.exclude'].default as string[];
/** A sync that mirrors, as `rclone sync` and `aws s3 sync --delete` do: extras deleted, compared by size and time. */
const SYNC_OPTIONS: SyncOptions = { deleteExtras: true, compareContent: false, exclude: DEFAULT_EXCLUDES };
/** The aws CLI at the same concurrency as the others (its default is 10). */
const AWS_CONFIG = '[default]\ns3 =\n  max_concurrent_requests = 32\n';
/** rclone's documented way to sync with S3 without a HEAD per object (https://rclone.org/s3/#avoiding-head-requests-to-read-the-modification-time). */
const RCLONE_SERVER_MODTIME = ['--update', '--use-server-modtime'];

type ScenarioId = 'unchanged' | 'changed' | 'many' | 'download';

interface Scenario {
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

/** What one S3 Browser run did (the other clients say nothing). */
interface RunInfo {
  heads: number;
  transfers: number;
  phases: { load: number; plan: number; transfer: number; save: number };
}

interface SyncClient {
  id: string;
  name: string;
  /** Its own prefix in the bucket: `<top>few/`, `<top>many/`. */
  top: string;
  /** `source` and `destination` are a local folder and `bucket/prefix` (a prefix ending in `/`). */
  upload(folder: string, prefix: string): Promise<RunInfo | void>;
  download(prefix: string, folder: string): Promise<RunInfo | void>;
  /** The command line, with placeholders, for the report. */
  commandLine?: string;
}

async function exec(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  try {
    await run(command, args, { env, maxBuffer: 256 * MIB });
  } catch (error) {
    const { stderr, stdout } = error as { stderr?: string; stdout?: string };
    throw new Error(`${path.basename(command)} ${args.join(' ')}: ${(stderr || stdout || String(error)).trim().split('\n').slice(-3).join(' | ')}`);
  }
}

/** Debian's aws CLI with the endpoint flag of cliClients.ts and a config that only sets its concurrency to 32. */
function awsClient(command: string, target: SdkTarget, bucket: string, configFile: string): SyncClient {
  const env = { ...awsEnvironment(target), AWS_CONFIG_FILE: configFile };
  const sync = (from: string, to: string) => exec(command, ['s3', 'sync', from, to, '--delete', '--endpoint-url', target.endpoint, '--only-show-errors'], env);
  return {
    id: 'aws',
    name: '`aws s3 sync`',
    top: 'aws/',
    upload: (folder, prefix) => sync(folder, `s3://${bucket}/${prefix}`),
    download: (prefix, folder) => sync(`s3://${bucket}/${prefix}`, folder),
    commandLine: `AWS_CONFIG_FILE=<config: [default] s3 = max_concurrent_requests = 32> aws s3 sync <from> <to> --delete --endpoint-url <endpoint> --only-show-errors`,
  };
}

/** rclone with the `bench:` remote and the flags of cliClients.ts (`--transfers 32 --checkers 32 … --fast-list`), and `extra`. */
function rcloneClient(command: string, target: SdkTarget, bucket: string, id: string, name: string, extra: string[]): SyncClient {
  const env = rcloneEnvironment(target);
  const remote = (prefix: string) => `bench:${bucket}/${prefix.replace(/\/$/, '')}`;
  const sync = (from: string, to: string) => exec(command, ['sync', from, to, ...RCLONE_FLAGS, ...extra, '-q'], env);
  return {
    id,
    name,
    top: `${id}/`,
    upload: (folder, prefix) => sync(folder, remote(prefix)),
    download: (prefix, folder) => sync(remote(prefix), folder),
    commandLine: `rclone sync <from> <to> ${[...RCLONE_FLAGS, ...extra].join(' ')} -q`,
  };
}

/** S3 Browser's Sync as runSync.ts does it between its prompts: records, plan, the plan's tasks through the engine, records saved. */
function s3BrowserClient(service: S3Service, bucket: string, recordsFolder: string): SyncClient {
  const sync = async (pair: SyncPair): Promise<RunInfo> => {
    const t0 = performance.now();
    const records = await loadRecords(recordsFolder, pair);
    const t1 = performance.now();
    const plan = await planSync(pair, SYNC_OPTIONS, { service, concurrency: CONCURRENCY, partSize: PART_SIZE, records, signal: new AbortController().signal });
    const t2 = performance.now();
    let t3 = t2;
    try {
      if (hasWork(plan)) {
        const deletes = SYNC_OPTIONS.deleteExtras ? plan.extras.length : 0;
        const outcome = await runTransfers(syncTaskPages(service, plan, {}), {
          concurrency: CONCURRENCY,
          noun: 'file',
          totals: { files: plan.transfers.length + deletes + plan.problems.length, bytes: transferBytes(plan) },
          onProgress: () => undefined,
        });
        if (outcome.failed.length > 0 || outcome.notDone > 0 || outcome.cancelled) {
          const first = outcome.failed[0];
          throw new Error(`${outcome.failed.length} failed, ${outcome.notDone} not done${first ? `; ${first.label}: ${(first.error as Error).message}` : ''}`);
        }
      }
      t3 = performance.now();
    } finally {
      await saveRecords(recordsFolder, pair, plan.records);
    }
    const t4 = performance.now();
    return { heads: plan.heads, transfers: plan.transfers.length, phases: { load: t1 - t0, plan: t2 - t1, transfer: t3 - t2, save: t4 - t3 } };
  };
  const pairOf = (direction: SyncPair['direction'], localFolder: string, prefix: string): SyncPair => ({ direction, localFolder, connectionName: 'bench', bucket, prefix });
  return {
    id: 's3b',
    name: 'S3 Browser',
    top: 's3browser/',
    upload: (folder, prefix) => sync(pairOf('upload', folder, prefix)),
    download: (prefix, folder) => sync(pairOf('download', folder, prefix)),
  };
}

// ---- fixtures and checks, independent of the extension's code ----

interface LocalFile {
  size: number;
  mtimeMs: number;
}

interface ObjectState {
  size: number;
  etag: string;
  lastModified: string;
}

/** `dir-NN/file-NNNNN.bin`, PER_FOLDER files a subfolder. */
function relativeName(index: number, count: number): string {
  const folderWidth = String(Math.ceil(count / PER_FOLDER) - 1).length;
  return `dir-${String(Math.floor(index / PER_FOLDER)).padStart(folderWidth, '0')}/file-${String(index).padStart(5, '0')}.bin`;
}

async function writeFiles(folder: string, contents: Buffer[]): Promise<void> {
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
async function listPrefix(s3: S3Client, bucket: string, prefix: string): Promise<Map<string, ObjectState>> {
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

const md5 = (content: Buffer) => createHash('md5').update(content).digest('hex');

/** New content for file `index` in round `round`: the same size, different from every other round's and from the original. */
function changedContent(round: number, index: number): Buffer {
  const seed = createHash('sha256').update(`sync bench round ${round} file ${index}`).digest();
  return Buffer.alloc(FILE_BYTES, seed);
}

/** The files round `round` rewrites: every tenth file from an offset that moves each round (disjoint sets for 10 rounds at 10 %). */
function changedIndexes(round: number): number[] {
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
async function checkUpload(s3: S3Client, bucket: string, prefix: string, folder: string, before: Map<string, ObjectState> | undefined, expectChanged: Map<string, string> | undefined): Promise<Map<string, ObjectState>> {
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
async function checkDownload(s3: S3Client, bucket: string, prefix: string, folder: string, before: Map<string, LocalFile> | undefined): Promise<Map<string, LocalFile>> {
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

// ---- runs ----

interface Series {
  samples: number[];
  /** 1-minute load average just before each run. */
  loads: number[];
  infos: RunInfo[];
  error?: string;
}

interface Task {
  label: string;
  /** Untimed, before the run (the 10 % rewrite). */
  prepare?: (round: number) => Promise<void>;
  act: () => Promise<RunInfo | void>;
  /** Untimed, after the run: throws when the result is wrong. */
  check: (round: number) => Promise<void>;
}

/** Each task `RUNS` times, interleaved: round r starts with task r mod n. A failing or wrong run ends that task's series. */
async function interleaved(tasks: Task[]): Promise<Series[]> {
  const series: Series[] = tasks.map(() => ({ samples: [], loads: [], infos: [] }));
  for (let round = 0; round < RUNS; round++) {
    for (let turn = 0; turn < tasks.length; turn++) {
      const index = (round + turn) % tasks.length;
      const entry = series[index];
      const task = tasks[index];
      if (entry.error) {
        continue;
      }
      try {
        await task.prepare?.(round);
        const load = os.loadavg()[0];
        const started = performance.now();
        const info = await task.act();
        const ms = performance.now() - started;
        await task.check(round);
        entry.samples.push(ms);
        entry.loads.push(load);
        if (info) {
          entry.infos.push(info);
        }
        const detail = info ? `; ${info.heads} HEAD, ${info.transfers} transfers; load records ${Math.round(info.phases.load)} ms, plan ${Math.round(info.phases.plan)} ms, transfers ${Math.round(info.phases.transfer)} ms, save records ${Math.round(info.phases.save)} ms` : '';
        console.log(`  ${task.label} #${round + 1}: ${Math.round(ms)} ms (load ${load.toFixed(2)})${detail}`);
      } catch (error) {
        entry.error = `failed: ${(error as Error).message?.split('\n')[0] ?? String(error)}`;
        console.log(`  ${task.label}: ${entry.error}`);
      }
    }
  }
  return series;
}

const seconds = (ms: number) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${(ms / 1000).toFixed(2)} s`);
const spread = (samples: number[]) => `${seconds(Math.min(...samples))}–${seconds(Math.max(...samples))}`;

function cell(series: Series | undefined): string {
  if (!series) {
    return 'not run';
  }
  if (series.error) {
    return series.error;
  }
  return series.samples.length === 0 ? 'no runs' : `${seconds(median(series.samples))} (${spread(series.samples)})`;
}

function ratio(mine: Series | undefined, theirs: Series | undefined): string {
  if (!mine?.samples.length || !theirs?.samples.length || mine.error || theirs.error) {
    return '—';
  }
  const value = median(mine.samples) / median(theirs.samples);
  return value < 1 ? `${value.toFixed(2)}× (${(1 / value).toFixed(1)}× faster)` : `${value.toFixed(2)}× (slower)`;
}

/** Pieces of S3 Browser's comparison, alone: its two listings and the bare SDK's serial listing. */
async function pieces(service: S3Service, s3: S3Client, bucket: string, folder: string, prefix: string, count: number): Promise<{ rows: Array<{ label: string; series: Series }>; requests: string }> {
  const excluded = excludeTest(DEFAULT_EXCLUDES);
  const expect = (what: string, actual: number) => {
    if (actual !== count) {
      throw new Error(`${what}: ${actual}, expected ${count}`);
    }
  };
  const tasks: Task[] = [
    { label: `listLocalSide (the walk of ${count.toLocaleString('en-US')} files)`, act: async () => expect('files', (await listLocalSide(folder, excluded, new AbortController().signal)).files.size), check: async () => undefined },
    { label: `listRemoteSide (listKeysInParallel, ${count.toLocaleString('en-US')} keys, concurrency ${CONCURRENCY})`, act: async () => expect('objects', (await listRemoteSide(service, bucket, prefix, excluded, CONCURRENCY, new AbortController().signal)).objects.size), check: async () => undefined },
    { label: `Bare AWS SDK, one serial ListObjectsV2 loop (${count.toLocaleString('en-US')} keys)`, act: async () => expect('objects', (await listPrefix(s3, bucket, prefix)).size), check: async () => undefined },
  ];
  const series = await interleaved(tasks);
  // The listing's requests, as bench:find counts them: delimiter listings, and ListObjectsV2 pages (empty ones apart).
  const counts = { listFolder: 0, pages: 0, empty: 0 };
  const counted = new Proxy(service, {
    get(target, name) {
      if (name === 'listKeys') {
        return async function* (...args: Parameters<S3Service['listKeys']>) {
          for await (const page of target.listKeys(...args)) {
            counts.pages++;
            counts.empty += page.length === 0 ? 1 : 0;
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
      return typeof value === 'function' ? (value as (...inner: unknown[]) => unknown).bind(target) : value;
    },
  });
  for await (const page of listKeysInParallel(counted, bucket, prefix, { concurrency: CONCURRENCY })) {
    void page;
  }
  const requests = `${counts.listFolder} delimiter listing${counts.listFolder === 1 ? '' : 's'} + ${counts.pages} ListObjectsV2 pages (${counts.empty} empty)`;
  console.log(`  listKeysInParallel on ${prefix}: ${requests}`);
  return { rows: tasks.map((task, index) => ({ label: task.label, series: series[index] })), requests };
}

async function main(): Promise<void> {
  const started = performance.now();
  const wantedScenario = (id: ScenarioId) => !SCENARIO_IDS || SCENARIO_IDS.includes(id);
  const wantedClient = (id: string) => !CLIENT_IDS || CLIENT_IDS.includes(id);
  const scenarios = SCENARIOS.filter((scenario) => wantedScenario(scenario.id));
  const server = await startS3Target();
  const target: SdkTarget = { endpoint: server.endpoint, region: server.region, accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey };
  const s3 = sdkClient(target);
  const factory = new S3ServiceFactory(() => undefined, () => ({ partSizeBytes: PART_SIZE, queueSize: ENGINE_DEFAULTS.queueSize }), new UploadJournal(memoryJournalStore()));
  const work = await fs.mkdtemp(path.join(os.tmpdir(), 's3b-bench-sync-'));
  try {
    const bucket = `s3b-bench-sync-${Date.now().toString(36)}`;
    const service = factory.get(benchConnection(target));
    await service.createBucket(bucket, target.region);
    const awsConfig = path.join(work, 'aws-config');
    await fs.writeFile(awsConfig, AWS_CONFIG);

    const clients: SyncClient[] = [];
    if (wantedClient('s3b')) {
      clients.push(s3BrowserClient(service, bucket, path.join(work, 'records')));
    }
    const aws = await awsCliPath();
    if (aws && wantedClient('aws')) {
      clients.push(awsClient(aws, target, bucket, awsConfig));
    }
    const rcloneCommand = await which('rclone');
    if (rcloneCommand && wantedClient('rclone')) {
      clients.push(rcloneClient(rcloneCommand, target, bucket, 'rclone', '`rclone sync`', []));
    }
    if (rcloneCommand && wantedClient('rclone-update')) {
      clients.push(rcloneClient(rcloneCommand, target, bucket, 'rclone-update', '`rclone sync --update --use-server-modtime`', RCLONE_SERVER_MODTIME));
    }
    if (clients.length === 0) {
      throw new Error('No client to run (S3B_BENCH_CLIENTS, or aws and rclone not installed: bash scripts/install-bench-deps.sh).');
    }

    const needsFew = scenarios.some((scenario) => scenario.fixture === 'few');
    const needsMany = scenarios.some((scenario) => scenario.id === 'many');
    const fewFolder = (client: SyncClient) => path.join(work, `few-${client.id}`);
    const downFolder = (client: SyncClient) => path.join(work, `down-${client.id}`);
    const manyFolder = path.join(work, 'many');
    const fewPrefix = (client: SyncClient) => `${client.top}few/`;
    const manyPrefix = (client: SyncClient) => `${client.top}many/`;
    console.log(`Writing the local folders under ${work}…`);
    if (needsFew) {
      const contents = Array.from({ length: FILES }, () => randomBytes(FILE_BYTES));
      for (const client of clients) {
        await writeFiles(fewFolder(client), contents);
      }
    }
    if (needsMany) {
      await writeFiles(manyFolder, Array.from({ length: MANY }, () => randomBytes(FILE_BYTES)));
    }
    // The files' times must be behind the upload times that follow, for the time comparisons.
    await new Promise((resolve) => setTimeout(resolve, 1100));

    /** Per client: the prefix's listing, or the download folder's walk, after its last checked run. */
    const uploaded = new Map<string, Map<string, ObjectState>>();
    const downloaded = new Map<string, Map<string, LocalFile>>();
    const initial: Array<{ what: string; client: SyncClient; ms: number; info?: RunInfo }> = [];
    const setUp = async (what: string, client: SyncClient, act: () => Promise<RunInfo | void>, check: () => Promise<void>) => {
      const t0 = performance.now();
      const info = await act();
      const ms = performance.now() - t0;
      await check();
      initial.push({ what, client, ms, info: info ?? undefined });
      console.log(`  ${client.name}: ${what} in ${Math.round(ms)} ms (untimed set-up, checked)${info ? `; ${info.heads} HEAD, ${info.transfers} transfers` : ''}`);
    };

    const results = new Map<ScenarioId, Series[]>();
    let setUpFew = false;
    for (const scenario of scenarios) {
      if (scenario.fixture === 'few' && scenario.direction === 'upload' && !setUpFew) {
        setUpFew = true;
        console.log(`Initial sync of ${FILES.toLocaleString('en-US')} files to each client's prefix (untimed)`);
        for (const client of clients) {
          await setUp(`first sync of ${FILES.toLocaleString('en-US')} files`, client, () => client.upload(fewFolder(client), fewPrefix(client)), async () => {
            uploaded.set(`few:${client.id}`, await checkUpload(s3, bucket, fewPrefix(client), fewFolder(client), undefined, undefined));
          });
        }
      }
      if (scenario.id === 'many') {
        console.log(`Initial sync of ${MANY.toLocaleString('en-US')} files to each client's prefix (untimed)`);
        for (const client of clients) {
          await setUp(`first sync of ${MANY.toLocaleString('en-US')} files`, client, () => client.upload(manyFolder, manyPrefix(client)), async () => {
            uploaded.set(`many:${client.id}`, await checkUpload(s3, bucket, manyPrefix(client), manyFolder, undefined, undefined));
          });
        }
      }
      if (scenario.id === 'download') {
        if (!setUpFew) {
          setUpFew = true;
          for (const client of clients) {
            await setUp(`first sync of ${FILES.toLocaleString('en-US')} files`, client, () => client.upload(fewFolder(client), fewPrefix(client)), async () => void (await checkUpload(s3, bucket, fewPrefix(client), fewFolder(client), undefined, undefined)));
          }
        }
        console.log(`Initial download sync of each client's ${FILES.toLocaleString('en-US')} objects to a folder of its own (untimed)`);
        for (const client of clients) {
          await setUp(`first download sync of ${FILES.toLocaleString('en-US')} objects`, client, () => client.download(fewPrefix(client), downFolder(client)), async () => {
            downloaded.set(client.id, await checkDownload(s3, bucket, fewPrefix(client), downFolder(client), undefined));
          });
        }
      }
      console.log(`${scenario.label}: ${RUNS} runs each`);
      const tasks: Task[] = clients.map((client) => {
        if (scenario.direction === 'download') {
          return {
            label: `${client.name}, ${scenario.id}`,
            act: () => client.download(fewPrefix(client), downFolder(client)),
            check: async () => void downloaded.set(client.id, await checkDownload(s3, bucket, fewPrefix(client), downFolder(client), downloaded.get(client.id))),
          };
        }
        const key = `${scenario.fixture}:${client.id}`;
        const folder = scenario.fixture === 'few' ? fewFolder(client) : manyFolder;
        const prefix = scenario.fixture === 'few' ? fewPrefix(client) : manyPrefix(client);
        let expected = new Map<string, string>();
        return {
          label: `${client.name}, ${scenario.id}`,
          prepare:
            scenario.id === 'changed'
              ? async (round) => {
                  expected = new Map();
                  for (const index of changedIndexes(round)) {
                    const content = changedContent(round, index);
                    const name = relativeName(index, FILES);
                    await fs.writeFile(path.join(folder, name), content);
                    expected.set(name, md5(content));
                  }
                }
              : undefined,
          act: () => client.upload(folder, prefix),
          check: async () => void uploaded.set(key, await checkUpload(s3, bucket, prefix, folder, uploaded.get(key), expected)),
        };
      });
      results.set(scenario.id, await interleaved(tasks));
    }

    console.log('Where S3 Browser\'s comparison goes (its listings alone)');
    const s3bClient = clients.find((client) => client.id === 's3b');
    const pieceSets = [];
    if (s3bClient && needsFew) {
      pieceSets.push({ count: FILES, ...(await pieces(service, s3, bucket, fewFolder(s3bClient), fewPrefix(s3bClient), FILES)) });
    }
    if (s3bClient && needsMany) {
      pieceSets.push({ count: MANY, ...(await pieces(service, s3, bucket, manyFolder, manyPrefix(s3bClient), MANY)) });
    }
    const pieceRows = pieceSets.flatMap((set) => set.rows);

    const s3b = clients.findIndex((client) => client.id === 's3b');
    const others = clients.filter((client) => client.id !== 's3b');
    const allSeries = [...results.values()].flat();
    const loads = allSeries.flatMap((series) => series.loads);
    const infoLine = (series: Series | undefined) => {
      if (!series?.infos.length) {
        return '—';
      }
      const heads = [...new Set(series.infos.map((info) => info.heads))].join('/');
      const transfers = [...new Set(series.infos.map((info) => info.transfers))].join('/');
      const phase = (name: keyof RunInfo['phases']) => Math.round(median(series.infos.map((info) => info.phases[name])));
      return `${heads} HEAD, ${transfers} transfers; load records ${phase('load')} ms, plan ${phase('plan')} ms, transfers ${phase('transfer')} ms, save records ${phase('save')} ms`;
    };
    const lines = [
      '## Sync benchmark',
      '',
      ...(await machineLines(ROOT, `Node ${process.version} (benchmark and S3 Browser's code, plain Node, no extension host)`)),
      `- Local folders: ${FILES.toLocaleString('en-US')} files of ${FILE_BYTES / KIB} KiB in ${Math.ceil(FILES / PER_FOLDER)} subfolders (one per client, so each keeps its own state), ${MANY.toLocaleString('en-US')} in ${Math.ceil(MANY / PER_FOLDER)} subfolders (shared, read only); each client syncs to its own prefix and made its first sync itself, untimed.`,
      `- S3 Browser: loadRecords, planSync (deleteExtras, no content compare, default excludes ${DEFAULT_EXCLUDES.join(' ')}), syncTaskPages through runTransfers (concurrency ${CONCURRENCY}, part ${PART_SIZE / MIB} MiB), saveRecords — runSync.ts less its prompts — in this process (service and connections warm, as in the running extension); the CLIs start a process per run.`,
      ...clients.filter((client) => client.commandLine).map((client) => `- ${client.name}: \`${client.commandLine}\``),
      `- Changed: before each run (untimed) ${CHANGED} of the ${FILES.toLocaleString('en-US')} files get new content of the same size (a new modification time, now), other files each round, the same for every client; the run must upload exactly those.`,
      `- Every run checked afterwards: the prefix listed holds the folder (keys, sizes), the objects written are exactly the changed files, with their content's MD5 as ETag; a download: no file written.`,
      `- ${RUNS} run${RUNS === 1 ? '' : 's'} per client and scenario, interleaved (each round starts with another client); median (min–max). 1-minute load average before the runs: ${loads.length ? `${Math.min(...loads).toFixed(2)}–${Math.max(...loads).toFixed(2)} (median ${median(loads).toFixed(2)})` : '—'}.`,
      '',
      `| Scenario | ${clients.map((client) => client.name).join(' | ')} | ${others.map((client) => `S3 Browser ÷ ${client.name}`).join(' | ')} |`,
      `|---|${clients.map(() => '---:').join('|')}|${others.map(() => '---:').join('|')}|`,
      ...scenarios.map((scenario) => {
        const series = results.get(scenario.id)!;
        return `| ${scenario.label} | ${series.map(cell).join(' | ')} | ${others.map((client) => ratio(series[s3b], series[clients.indexOf(client)])).join(' | ')} |`;
      }),
      '',
      'S3 Browser per scenario (every run; phases are medians):',
      '',
      ...scenarios.map((scenario) => `- ${scenario.label}: ${infoLine(results.get(scenario.id)![s3b])}`),
      '',
      'First syncs (untimed set-up, one run each):',
      '',
      '| Set-up | ' + clients.map((client) => client.name).join(' | ') + ' |',
      `|---|${clients.map(() => '---:').join('|')}|`,
      ...[...new Set(initial.map((entry) => entry.what))].map((what) => `| ${what} | ${clients.map((client) => initial.find((entry) => entry.what === what && entry.client === client)).map((entry) => (entry ? seconds(entry.ms) : '—')).join(' | ')} |`),
      '',
      ...(pieceSets.length > 0
        ? [
            `Where S3 Browser's comparison goes: its two listings alone, next to the bare SDK's serial listing (${RUNS} runs each, interleaved; they run side by side in planSync). Its remote listing: ${pieceSets.map((set) => `${set.count.toLocaleString('en-US')} keys, ${set.requests}`).join('; ')}.`,
            '',
            '| What | Median (min–max) |',
            '|---|---:|',
            ...pieceRows.map((row) => `| ${row.label} | ${cell(row.series)} |`),
            '',
          ]
        : []),
      'Every run (ms, in run order; load average before each):',
      '',
      '| Client | Scenario | Runs |',
      '|---|---|---|',
      ...clients.flatMap((client, index) =>
        scenarios.map((scenario) => {
          const { samples, loads: before, error } = results.get(scenario.id)![index];
          return `| ${client.name} | ${scenario.id} | ${samples.map((ms, runIndex) => `${Math.round(ms)} (${before[runIndex].toFixed(1)})`).join(', ')}${error ? ` ${error}` : ''} |`;
        }),
      ),
      '',
      `Total benchmark time: ${Math.round((performance.now() - started) / 60_000)} min.`,
    ];
    console.log(`\n${lines.join('\n')}`);
    await fs.mkdir(path.join(ROOT, '.test-work'), { recursive: true });
    await fs.writeFile(path.join(ROOT, '.test-work', 'sync-benchmark.md'), `${lines.join('\n')}\n`);
    console.log('\n(Also written to .test-work/sync-benchmark.md.)');
    if ([...allSeries, ...pieceRows.map((row) => row.series)].some((series) => series.error)) {
      console.error('\nA client failed or synced wrongly: see "failed:" above.');
      process.exitCode = 1;
    }
  } finally {
    factory.dispose();
    s3.destroy();
    await server.stop();
    await fs.rm(work, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
