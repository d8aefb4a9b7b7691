// The transfer benchmark's scenarios, shared by the runner (reference clients, in its own process)
// and the extension-host part (the extension's transfer engine): what each scenario does, how its
// fixtures are made, checked and removed (untimed), and how runs are timed.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { SdkAdmin } from './sdkClients';

const MIB = 1024 * 1024;

/** Sizes and run counts; every one can be lowered by environment for a quick trial run. */
export interface BenchConfig {
  runs: number;
  bigBytes: number;
  /** The smaller big file, to show the engine's memory does not grow with the file size. */
  memoryProbeBytes: number;
  files: number;
  fileBytes: number;
  copyKeys: number;
  deleteKeys: number;
  /** Measure the engine's part size, queue size and concurrency variants too. */
  tune: boolean;
  /** Only these clients (by id), when given. */
  clients?: string[];
  /** Only these scenarios (by id), when given. */
  scenarios?: string[];
}

export function benchConfig(env: NodeJS.ProcessEnv = process.env): BenchConfig {
  const number = (name: string, fallback: number) => {
    const value = Number(env[name] ?? fallback);
    if (!Number.isFinite(value) || value <= 0) {
      throw new Error(`${name} must be a positive number, not "${env[name]}"`);
    }
    return value;
  };
  return {
    runs: Math.floor(number('S3B_BENCH_RUNS', 3)),
    bigBytes: Math.round(number('S3B_BENCH_BIG_MB', 256) * MIB),
    memoryProbeBytes: Math.round(number('S3B_BENCH_PROBE_MB', 64) * MIB),
    files: Math.floor(number('S3B_BENCH_FILES', 1000)),
    fileBytes: Math.round(number('S3B_BENCH_FILE_KB', 8) * 1024),
    copyKeys: Math.floor(number('S3B_BENCH_COPY_KEYS', 1000)),
    deleteKeys: Math.floor(number('S3B_BENCH_DELETE_KEYS', 10_000)),
    tune: env.S3B_BENCH_TUNE !== '0',
    clients: env.S3B_BENCH_CLIENTS ? env.S3B_BENCH_CLIENTS.split(',').map((name) => name.trim()) : undefined,
    scenarios: env.S3B_BENCH_SCENARIOS ? env.S3B_BENCH_SCENARIOS.split(',').map((name) => name.trim()) : undefined,
  };
}

/**
 * One way of moving data. A client without a method does not take part in that scenario. Prefixes
 * end in `/`; a folder's layout maps to keys `prefix + relative path`.
 */
export interface TransferClient {
  id: string;
  /** The row's name in the table. */
  name: string;
  uploadFile?(file: string, bucket: string, key: string): Promise<void>;
  downloadFile?(bucket: string, key: string, file: string): Promise<void>;
  uploadFolder?(folder: string, bucket: string, prefix: string): Promise<void>;
  downloadFolder?(bucket: string, prefix: string, folder: string): Promise<void>;
  copyPrefix?(bucket: string, from: string, to: string): Promise<void>;
  deletePrefix?(bucket: string, prefix: string): Promise<void>;
}

/** What every scenario works on, made once per benchmark run. */
export interface Fixtures {
  bucket: string;
  /** Scratch space on the local disk (downloads land here and are removed after each run). */
  workDir: string;
  bigFile: string;
  probeFile: string;
  folder: string;
  /** Server-side copies of the local fixtures, for the download and copy scenarios. */
  bigKey: string;
  probeKey: string;
  folderPrefix: string;
  copyPrefix: string;
}

export type ScenarioId = 'uploadBig' | 'downloadBig' | 'uploadFolder' | 'downloadFolder' | 'copyPrefix' | 'deletePrefix';

export interface Scenario {
  id: ScenarioId;
  title: (config: BenchConfig) => string;
  /** Bytes or keys per run, for the rate column. */
  amount: (config: BenchConfig) => { value: number; unit: 'MiB' | 'keys' };
  supported(client: TransferClient): boolean;
  /**
   * One timed run: `prepare` (untimed) returns the timed action and the check that it really did the
   * work (untimed; a client that fails quietly must not look fast).
   */
  prepare(client: TransferClient, fixtures: Fixtures, admin: SdkAdmin, config: BenchConfig, runName: string): Promise<{ act: () => Promise<void>; check: () => Promise<void>; cleanUp: () => Promise<void> }>;
}

const mib = (bytes: number) => `${Math.round((bytes / MIB) * 10) / 10} MiB`;
const count = (value: number) => value.toLocaleString('en-US');

async function filesUnder(folder: string): Promise<string[]> {
  const entries = await fs.readdir(folder, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => path.relative(folder, path.join(entry.parentPath, entry.name)));
}

function expectEqual(what: string, actual: number, expected: number): void {
  if (actual !== expected) {
    throw new Error(`${what}: ${actual}, expected ${expected}`);
  }
}

export const SCENARIOS: Scenario[] = [
  {
    id: 'uploadBig',
    title: (config) => `Upload one ${mib(config.bigBytes)} file`,
    amount: (config) => ({ value: config.bigBytes / MIB, unit: 'MiB' }),
    supported: (client) => client.uploadFile !== undefined,
    async prepare(client, fixtures, admin, config, runName) {
      // The file's own name: an upload keeps it.
      const key = `runs/${runName}/${path.basename(fixtures.bigFile)}`;
      return {
        act: () => client.uploadFile!(fixtures.bigFile, fixtures.bucket, key),
        check: async () => expectEqual(`size of s3://${fixtures.bucket}/${key}`, await admin.size(fixtures.bucket, key), config.bigBytes),
        cleanUp: () => admin.deletePrefix(fixtures.bucket, `runs/${runName}/`),
      };
    },
  },
  {
    id: 'downloadBig',
    title: (config) => `Download one ${mib(config.bigBytes)} file`,
    amount: (config) => ({ value: config.bigBytes / MIB, unit: 'MiB' }),
    supported: (client) => client.downloadFile !== undefined,
    async prepare(client, fixtures, _admin, config, runName) {
      const file = path.join(fixtures.workDir, `${runName}.bin`);
      return {
        act: () => client.downloadFile!(fixtures.bucket, fixtures.bigKey, file),
        check: async () => expectEqual(`size of ${file}`, (await fs.stat(file)).size, config.bigBytes),
        cleanUp: () => fs.rm(file, { force: true }),
      };
    },
  },
  {
    id: 'uploadFolder',
    title: (config) => `Upload a folder of ${count(config.files)} × ${config.fileBytes / 1024} KiB files`,
    amount: (config) => ({ value: config.files, unit: 'keys' }),
    supported: (client) => client.uploadFolder !== undefined,
    async prepare(client, fixtures, admin, config, runName) {
      const prefix = `runs/${runName}/`;
      return {
        act: () => client.uploadFolder!(fixtures.folder, fixtures.bucket, prefix),
        check: async () => expectEqual(`keys under s3://${fixtures.bucket}/${prefix}`, await admin.keyCount(fixtures.bucket, prefix), config.files),
        cleanUp: () => admin.deletePrefix(fixtures.bucket, prefix),
      };
    },
  },
  {
    id: 'downloadFolder',
    title: (config) => `Download that folder (${count(config.files)} keys)`,
    amount: (config) => ({ value: config.files, unit: 'keys' }),
    supported: (client) => client.downloadFolder !== undefined,
    async prepare(client, fixtures, _admin, config, runName) {
      const folder = path.join(fixtures.workDir, runName);
      return {
        act: () => client.downloadFolder!(fixtures.bucket, fixtures.folderPrefix, folder),
        check: async () => expectEqual(`files under ${folder}`, (await filesUnder(folder)).length, config.files),
        cleanUp: () => fs.rm(folder, { recursive: true, force: true }),
      };
    },
  },
  {
    id: 'copyPrefix',
    title: (config) => `Copy a prefix of ${count(config.copyKeys)} keys (server side, same bucket)`,
    amount: (config) => ({ value: config.copyKeys, unit: 'keys' }),
    supported: (client) => client.copyPrefix !== undefined,
    async prepare(client, fixtures, admin, config, runName) {
      const prefix = `runs/${runName}/`;
      return {
        act: () => client.copyPrefix!(fixtures.bucket, fixtures.copyPrefix, prefix),
        check: async () => expectEqual(`keys under s3://${fixtures.bucket}/${prefix}`, await admin.keyCount(fixtures.bucket, prefix), config.copyKeys),
        cleanUp: () => admin.deletePrefix(fixtures.bucket, prefix),
      };
    },
  },
  {
    id: 'deletePrefix',
    title: (config) => `Delete a prefix of ${count(config.deleteKeys)} keys`,
    amount: (config) => ({ value: config.deleteKeys, unit: 'keys' }),
    supported: (client) => client.deletePrefix !== undefined,
    async prepare(client, fixtures, admin, config, runName) {
      const prefix = `runs/${runName}/`;
      await admin.putMany(
        fixtures.bucket,
        Array.from({ length: config.deleteKeys }, (_, i) => `${prefix}key-${String(i).padStart(6, '0')}`),
      );
      return {
        act: () => client.deletePrefix!(fixtures.bucket, prefix),
        check: async () => expectEqual(`keys left under s3://${fixtures.bucket}/${prefix}`, await admin.keyCount(fixtures.bucket, prefix), 0),
        cleanUp: async () => undefined,
      };
    },
  },
];

/** The scenarios this run measures (`S3B_BENCH_SCENARIOS`, else all). */
export function scenariosOf(config: BenchConfig): Scenario[] {
  const unknown = config.scenarios?.filter((id) => !SCENARIOS.some((scenario) => scenario.id === id)) ?? [];
  if (unknown.length > 0) {
    throw new Error(`S3B_BENCH_SCENARIOS: unknown ${unknown.join(', ')}; known: ${SCENARIOS.map((scenario) => scenario.id).join(', ')}`);
  }
  return SCENARIOS.filter((scenario) => !config.scenarios || config.scenarios.includes(scenario.id));
}

/** Writes the local fixtures (random bytes, so nothing compresses) and their copies on the server. */
export async function makeFixtures(admin: SdkAdmin, bucket: string, workDir: string, config: BenchConfig): Promise<Fixtures> {
  const fixtures: Fixtures = {
    bucket,
    workDir: path.join(workDir, 'scratch'),
    bigFile: path.join(workDir, 'big.bin'),
    probeFile: path.join(workDir, 'probe.bin'),
    folder: path.join(workDir, 'folder'),
    bigKey: 'fixtures/big.bin',
    probeKey: 'fixtures/probe.bin',
    folderPrefix: 'fixtures/folder/',
    copyPrefix: 'fixtures/copy-source/',
  };
  await fs.mkdir(fixtures.workDir, { recursive: true });
  await writeRandomFile(fixtures.bigFile, config.bigBytes);
  await writeRandomFile(fixtures.probeFile, config.memoryProbeBytes);
  // A few subfolders, so "layout kept" is part of the work.
  for (let i = 0; i < config.files; i++) {
    const file = path.join(fixtures.folder, `dir-${i % 10}`, `file-${String(i).padStart(5, '0')}.bin`);
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, randomBytes(config.fileBytes));
  }
  await admin.uploadFile(fixtures.bigFile, bucket, fixtures.bigKey);
  await admin.uploadFile(fixtures.probeFile, bucket, fixtures.probeKey);
  await admin.uploadFolder(fixtures.folder, bucket, fixtures.folderPrefix);
  await admin.putMany(
    bucket,
    Array.from({ length: config.copyKeys }, (_, i) => `${fixtures.copyPrefix}key-${String(i).padStart(6, '0')}`),
    config.fileBytes,
  );
  return fixtures;
}

function randomBytes(size: number): Buffer {
  // crypto's randomBytes is slow for hundreds of MiB; xorshift noise is enough to defeat compression.
  const buffer = Buffer.allocUnsafe(size);
  let state = (Math.random() * 0xffffffff) >>> 0 || 1;
  for (let offset = 0; offset + 4 <= size; offset += 4) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    buffer.writeUInt32LE(state >>> 0, offset);
  }
  buffer.fill(7, size - (size % 4));
  return buffer;
}

async function writeRandomFile(file: string, size: number): Promise<void> {
  const handle = await fs.open(file, 'w');
  try {
    for (let written = 0; written < size; written += 16 * MIB) {
      await handle.write(randomBytes(Math.min(16 * MIB, size - written)));
    }
  } finally {
    await handle.close();
  }
}

export interface Measurement {
  clientId: string;
  scenario: ScenarioId;
  /** Milliseconds of each run, in run order. */
  samples: number[];
  /** Why the client has no numbers here (not installed, failed), when it has none. */
  error?: string;
  /** Peak RSS growth over the RSS just before the run, in MiB, when sampled (the big transfers). */
  peakRssMiB?: number[];
  /** The process's peak RSS during the run, in MiB, when sampled. */
  peakRssTotalMiB?: number[];
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Samples this process's RSS every 50 ms while `action` runs; returns the peak and its growth, in MiB. */
export async function peakRss(action: () => Promise<void>): Promise<{ growth: number; total: number }> {
  (global as { gc?: () => void }).gc?.();
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  try {
    await action();
  } finally {
    clearInterval(timer);
  }
  peak = Math.max(peak, process.memoryUsage().rss);
  const inMiB = (bytes: number) => Math.round((bytes / MIB) * 10) / 10;
  return { growth: inMiB(peak - baseline), total: inMiB(peak) };
}

/**
 * Runs one scenario `runs` times with each client, alternating clients run by run (so a machine that
 * gets busier part-way slows them alike). A failing run ends that client's scenario with its error.
 */
export async function measureEach(clients: TransferClient[], scenario: Scenario, fixtures: Fixtures, admin: SdkAdmin, config: BenchConfig, options: { sampleMemory?: boolean; log?: (line: string) => void } = {}): Promise<Measurement[]> {
  const measurements: Measurement[] = clients.map((client) => ({ clientId: client.id, scenario: scenario.id, samples: [] }));
  for (let run = 0; run < config.runs; run++) {
    // Each run starts with another client, so none is always the first after a clean-up.
    for (let turn = 0; turn < clients.length; turn++) {
      const index = (run + turn) % clients.length;
      const client = clients[index];
      const measurement = measurements[index];
      if (measurement.error) {
        continue;
      }
      const runName = `${client.id}-${scenario.id}-${run}`;
      const { act, check, cleanUp } = await scenario.prepare(client, fixtures, admin, config, runName);
      try {
        const started = performance.now();
        if (options.sampleMemory) {
          const { growth, total } = await peakRss(act);
          (measurement.peakRssMiB ??= []).push(growth);
          (measurement.peakRssTotalMiB ??= []).push(total);
        } else {
          await act();
        }
        measurement.samples.push(performance.now() - started);
        await check();
        options.log?.(`  ${client.name}: ${scenario.title(config)} #${run + 1} ${Math.round(measurement.samples[run])} ms`);
      } catch (error) {
        measurement.samples = [];
        measurement.error = `failed: ${(error as Error).message?.split('\n')[0] ?? String(error)}`;
        options.log?.(`  ${client.name}: ${scenario.title(config)} ${measurement.error}`);
      } finally {
        await cleanUp().catch(() => undefined);
      }
    }
  }
  return measurements;
}
