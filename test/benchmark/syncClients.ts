// bench:sync's clients, each syncing a local folder and a prefix both ways: S3 Browser's code path
// (runSync.ts less its prompts, at the shipped settings), `aws s3 sync`, and `rclone sync` with its
// default comparison and with `--update --use-server-modtime`; S3B_BENCH_CLIENTS picks among them.
import { execFile } from 'node:child_process';
import { promises as fs, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import type { S3Service } from '../../src/s3/service';
import { hasWork, planSync, transferBytes, type SyncOptions, type SyncPair } from '../../src/transfer/sync/syncPlan';
import { loadRecords, saveRecords } from '../../src/transfer/sync/syncRecords';
import { syncTaskPages } from '../../src/transfer/sync/syncTasks';
import { runTransfers } from '../../src/transfer/transferEngine';
import { awsCliPath, awsEnvironment, RCLONE_FLAGS, rcloneEnvironment, which } from './cliClients';
import { ENGINE_DEFAULTS } from './engineClient';
import type { SdkTarget } from './sdkClients';
import { MIB } from './syncScenarios';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const run = promisify(execFile);
const CLIENT_IDS = process.env.S3B_BENCH_CLIENTS?.split(',').map((id) => id.trim());

/** What a user gets: package.json's defaults (concurrency 32, part 8 MiB, the default excludes). */
export const CONCURRENCY = ENGINE_DEFAULTS.concurrency;
export const PART_SIZE = ENGINE_DEFAULTS.partSizeMB * MIB;
export const DEFAULT_EXCLUDES = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { contributes: { configuration: { properties: Record<string, { default: unknown }> } } }).contributes.configuration.properties['s3Browser.sync.exclude'].default as string[];
/** A sync that mirrors, as `rclone sync` and `aws s3 sync --delete` do: extras deleted, compared by size and time. */
const SYNC_OPTIONS: SyncOptions = { deleteExtras: true, compareContent: false, exclude: DEFAULT_EXCLUDES };
/** The aws CLI at the same concurrency as the others (its default is 10). */
const AWS_CONFIG = '[default]\ns3 =\n  max_concurrent_requests = 32\n';
/** rclone's documented way to sync with S3 without a HEAD per object (https://rclone.org/s3/#avoiding-head-requests-to-read-the-modification-time). */
const RCLONE_SERVER_MODTIME = ['--update', '--use-server-modtime'];

/** What one S3 Browser run did (the other clients say nothing). */
export interface RunInfo {
  heads: number;
  transfers: number;
  phases: { load: number; plan: number; transfer: number; save: number };
}

export interface SyncClient {
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

/** The clients S3B_BENCH_CLIENTS names (all by default) that are installed, in the report's order; the aws CLI's config is written in `work`. */
export async function syncClients(service: S3Service, target: SdkTarget, bucket: string, work: string): Promise<SyncClient[]> {
  const wantedClient = (id: string) => !CLIENT_IDS || CLIENT_IDS.includes(id);
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
  return clients;
}
