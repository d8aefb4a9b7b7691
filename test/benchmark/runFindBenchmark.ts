// `npm run bench:find`: not a test. Against the local Ceph S3 (or S3_TEST_ENDPOINT), in one run:
//  - fills a bucket with 100,000 small keys over 100 folders with the bare SDK (untimed), and checks
//    the count and the bytes with one serial listing;
//  - times, interleaved run by run (each run starts with another client), `S3B_BENCH_RUNS` (5) runs of
//    - Find: S3 Browser's code (listKeysInParallel + parseKeyPattern over the extension's own service,
//      at the shipped concurrency), `aws s3 ls --recursive … | grep -c …` and `rclone lsf -R … | grep
//      -c …` through a shell;
//    - Size: measurePrefix (versioned: false), `aws s3 ls --recursive --summarize`, `rclone size`;
//    every result checked against the known match count or totals (a client that fails quietly must
//    not look fast);
//  - times the pieces that say where the time goes (a serial and a per-folder listing with the bare
//    SDK, the CLIs' fixed cost on one folder) and counts S3 Browser's listing requests;
// then prints Markdown tables (median and min–max) and the machine, with the load average seen.
// Sizes: S3B_BENCH_FIND_KEYS (100000), S3B_BENCH_FIND_FOLDERS (100); S3B_BENCH_CLIENTS narrows the clients
// (s3b, aws, rclone, rclone-walk).
import { ListObjectsV2Command, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import type { S3Service } from '../../src/s3/service';
import { S3ServiceFactory } from '../../src/s3/serviceFactory';
import { memoryJournalStore, UploadJournal } from '../../src/s3/uploadJournal';
import { parseKeyPattern } from '../../src/transfer/keyPattern';
import { listKeysInParallel } from '../../src/transfer/parallelListing';
import { measurePrefix } from '../../src/transfer/prefixSize';
import { startS3Target } from '../support/rgw';
import { awsCliPath, awsEnvironment, machineLines, RCLONE_FLAGS, rcloneEnvironment, which } from './cliClients';
import { benchConnection, ENGINE_DEFAULTS } from './engineClient';
import { countingListings, type ListingRequests } from './listingRequests';
import { inPool, sdkClient, type SdkTarget } from './sdkClients';
import { median } from './transferScenarios';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const run = promisify(execFile);

function positive(name: string, fallback: number): number {
  const value = Math.floor(Number(process.env[name] ?? fallback));
  if (!Number.isFinite(value) || value <= 0) {
    throw new Error(`${name} must be a positive number, not "${process.env[name]}"`);
  }
  return value;
}

const KEYS = positive('S3B_BENCH_FIND_KEYS', 100_000);
const FOLDERS = positive('S3B_BENCH_FIND_FOLDERS', 100);
const RUNS = positive('S3B_BENCH_RUNS', 5);
const CLIENTS = process.env.S3B_BENCH_CLIENTS?.split(',').map((id) => id.trim());
/** What Find in Bucket is given, and the same for grep over the CLIs' listings. */
const PATTERN = '**/report-0*42.csv';
const GREP = '/report-0[^/]*42\\.csv$';
/** The pattern written independently of keyPattern.ts, for the expected count. */
const EXPECTED_MATCH = /^[^/]+\/report-0[^/]*42\.csv$/;
/** Find in Bucket and Show Size list at the connection's transfer concurrency (package.json's default). */
const CONCURRENCY = ENGINE_DEFAULTS.concurrency;

interface Fixture {
  bucket: string;
  keys: Array<{ key: string; size: number }>;
  matches: number;
  bytes: number;
}

/** Key i: folder i mod FOLDERS, name report-iiiii.csv, 1 to 256 bytes. */
function fixtureKeys(): Array<{ key: string; size: number }> {
  const width = String(KEYS - 1).length;
  const folderWidth = String(FOLDERS - 1).length;
  return Array.from({ length: KEYS }, (_, i) => ({
    key: `dir-${String(i % FOLDERS).padStart(folderWidth, '0')}/report-${String(i).padStart(Math.max(5, width), '0')}.csv`,
    size: 1 + (i % 256),
  }));
}

type Totals = { objects: number; bytes: number };

interface Client {
  id: string;
  name: string;
  /** How many keys match the pattern. */
  find?: () => Promise<number>;
  size?: () => Promise<Totals>;
}

/** A pipeline through bash (pipefail: a failing client is not a quiet zero); stdout. */
async function shell(script: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  try {
    const { stdout } = await run('bash', ['-c', `set -o pipefail; ${script}`, 'bash', ...args], { env, maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  } catch (error) {
    const { stderr, stdout } = error as { stderr?: string; stdout?: string };
    throw new Error(`${script} ${args.join(' ')}: ${(stderr || stdout || String(error)).trim().split('\n').slice(-3).join(' | ')}`);
  }
}

function integer(text: string, what: string): number {
  const value = Number(text.trim());
  if (!Number.isInteger(value)) {
    throw new Error(`${what}: not a number: ${JSON.stringify(text.slice(0, 200))}`);
  }
  return value;
}

/** Debian's aws CLI, its defaults, the endpoint flag of cliClients.ts. */
function awsClient(command: string, target: SdkTarget, bucket: string): Client {
  const env = awsEnvironment(target);
  const ls = `"$1" s3 ls --recursive "s3://$2/" --endpoint-url "$3"`;
  return {
    id: 'aws',
    name: '`aws s3 ls`',
    find: async () => integer(await shell(`${ls} | grep -c -E "$4"`, [command, bucket, target.endpoint, GREP], env), 'aws | grep -c'),
    size: async () => {
      const text = await shell(`${ls} --summarize | tail -n 2`, [command, bucket, target.endpoint], env);
      const objects = /Total Objects:\s*(\d+)/.exec(text)?.[1];
      const bytes = /Total Size:\s*(\d+)/.exec(text)?.[1];
      if (objects === undefined || bytes === undefined) {
        throw new Error(`aws --summarize: no totals in ${JSON.stringify(text)}`);
      }
      return { objects: Number(objects), bytes: Number(bytes) };
    },
  };
}

/** rclone with an S3 remote from the environment, as cliClients.ts configures it, and the flags given. */
function rcloneClient(command: string, target: SdkTarget, bucket: string, id: string, name: string, flags: string[]): Client {
  const env = rcloneEnvironment(target);
  return {
    id,
    name,
    find: async () => integer(await shell('cmd=$1; pattern=$2; shift 2; "$cmd" lsf -R "$@" -q | grep -c -E "$pattern"', [command, GREP, `bench:${bucket}`, ...flags], env), 'rclone lsf | grep -c'),
    size: async () => {
      const text = await shell('cmd=$1; shift; "$cmd" size --json "$@" -q', [command, `bench:${bucket}`, ...flags], env);
      const { count, bytes } = JSON.parse(text) as { count?: number; bytes?: number };
      if (typeof count !== 'number' || typeof bytes !== 'number') {
        throw new Error(`rclone size --json: ${text}`);
      }
      return { objects: count, bytes };
    },
  };
}

/** S3 Browser's own code in plain Node, over the extension's own service (built as engineClient.ts builds it). */
function s3BrowserClient(service: S3Service, bucket: string): Client {
  return {
    id: 's3b',
    name: 'S3 Browser',
    // As findInBucket.ts does, less the quick pick: every key under the folder, in parallel, matched below it.
    find: async () => {
      const pattern = parseKeyPattern(PATTERN);
      const prefix = '';
      let scanned = 0;
      let matched = 0;
      for await (const page of listKeysInParallel(service, bucket, prefix, { concurrency: CONCURRENCY })) {
        scanned += page.length;
        for (const object of page) {
          if (pattern.matches(object.key.slice(prefix.length))) {
            matched++;
          }
        }
      }
      if (scanned !== KEYS) {
        throw new Error(`listKeysInParallel scanned ${scanned} keys, expected ${KEYS}`);
      }
      return matched;
    },
    size: async () => {
      const size = await measurePrefix(service, bucket, '', { concurrency: CONCURRENCY, versioned: false });
      return { objects: size.objects, bytes: size.bytes };
    },
  };
}

async function serialListing(s3: S3Client, bucket: string, prefix = ''): Promise<{ keys: string[]; bytes: number; requests: number }> {
  const keys: string[] = [];
  let bytes = 0;
  let requests = 0;
  let token: string | undefined;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
    requests++;
    for (const object of page.Contents ?? []) {
      keys.push(object.Key!);
      bytes += object.Size ?? 0;
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return { keys, bytes, requests };
}

/** The bare SDK listing each folder of the delimiter listing side by side, page by page, 32 folders at a time. */
async function perFolderListing(s3: S3Client, bucket: string): Promise<Totals> {
  const top = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Delimiter: '/' }));
  if (top.IsTruncated) {
    throw new Error('more folders than one delimiter page');
  }
  const totals = { objects: 0, bytes: 0 };
  await inPool(
    (top.CommonPrefixes ?? []).map((common) => common.Prefix!),
    CONCURRENCY,
    async (prefix) => {
      const { keys, bytes } = await serialListing(s3, bucket, prefix);
      totals.objects += keys.length;
      totals.bytes += bytes;
    },
  );
  return totals;
}

async function fill(s3: S3Client, fixture: Fixture): Promise<void> {
  const bodies = Array.from({ length: 257 }, (_, size) => Buffer.alloc(size, 'x'));
  let done = 0;
  const started = performance.now();
  await inPool(fixture.keys, 64, async ({ key, size }) => {
    await s3.send(new PutObjectCommand({ Bucket: fixture.bucket, Key: key, Body: bodies[size] }));
    if (++done % 10_000 === 0) {
      console.log(`  ${done.toLocaleString('en-US')} keys in ${Math.round((performance.now() - started) / 1000)} s`);
    }
  });
}

/** Every key exactly once, nothing else: the parallel listing checked against the keys put. Throws with what differs. */
async function checkParallelListing(service: S3Service, fixture: Fixture): Promise<string> {
  const seen = new Map<string, number>();
  const counts: ListingRequests = { listFolder: 0, listKeysPages: 0, emptyPages: 0 };
  let objects = 0;
  for await (const page of listKeysInParallel(countingListings(service, counts), fixture.bucket, '', { concurrency: CONCURRENCY })) {
    for (const object of page) {
      objects++;
      seen.set(object.key, (seen.get(object.key) ?? 0) + 1);
    }
  }
  const twice = [...seen].filter(([, times]) => times > 1);
  const missing = fixture.keys.filter(({ key }) => !seen.has(key));
  const known = new Set(fixture.keys.map(({ key }) => key));
  const unknown = [...seen.keys()].filter((key) => !known.has(key));
  if (objects !== KEYS || twice.length > 0 || missing.length > 0 || unknown.length > 0) {
    throw new Error(
      `listKeysInParallel is wrong on s3://${fixture.bucket}/: ${objects} keys listed for ${KEYS}; ${twice.length} listed more than once (e.g. ${twice.slice(0, 3).map(([key, times]) => `${key} ×${times}`).join(', ')}); ${missing.length} missing (e.g. ${missing.slice(0, 3).map(({ key }) => key).join(', ')}); ${unknown.length} not put (e.g. ${unknown.slice(0, 3).join(', ')})`,
    );
  }
  return `${counts.listFolder} delimiter listing${counts.listFolder === 1 ? '' : 's'} + ${counts.listKeysPages.toLocaleString('en-US')} ListObjectsV2 pages (${counts.emptyPages.toLocaleString('en-US')} of them empty) for ${KEYS.toLocaleString('en-US')} keys`;
}

interface Series {
  samples: number[];
  /** 1-minute load average just before each run. */
  loads: number[];
  error?: string;
}

/** Each task `RUNS` times, interleaved: run r starts with task r mod n. A failing or wrong run ends that task's series. */
async function interleaved(tasks: Array<{ label: string; act: () => Promise<void> }>): Promise<Series[]> {
  const series: Series[] = tasks.map(() => ({ samples: [], loads: [] }));
  for (let round = 0; round < RUNS; round++) {
    for (let turn = 0; turn < tasks.length; turn++) {
      const index = (round + turn) % tasks.length;
      const entry = series[index];
      if (entry.error) {
        continue;
      }
      const load = os.loadavg()[0];
      const started = performance.now();
      try {
        await tasks[index].act();
        const ms = performance.now() - started;
        entry.samples.push(ms);
        entry.loads.push(load);
        console.log(`  ${tasks[index].label} #${round + 1}: ${Math.round(ms)} ms (load ${load.toFixed(2)})`);
      } catch (error) {
        entry.samples = [];
        entry.error = `failed: ${(error as Error).message?.split('\n')[0] ?? String(error)}`;
        console.log(`  ${tasks[index].label}: ${entry.error}`);
      }
    }
  }
  return series;
}

function expectEqual(what: string, actual: number, expected: number): void {
  if (actual !== expected) {
    throw new Error(`${what}: ${actual}, expected ${expected}`);
  }
}

const seconds = (ms: number) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${(ms / 1000).toFixed(2)} s`);
const spread = (samples: number[]) => `${seconds(Math.min(...samples))}–${seconds(Math.max(...samples))}`;

function cell(series: Series | undefined): string {
  if (!series) {
    return 'not run';
  }
  return series.samples.length === 0 ? (series.error ?? 'no runs') : `${seconds(median(series.samples))} (${spread(series.samples)})`;
}

function ratio(mine: Series | undefined, theirs: Series | undefined): string {
  if (!mine?.samples.length || !theirs?.samples.length) {
    return '—';
  }
  const value = median(mine.samples) / median(theirs.samples);
  return value < 1 ? `${value.toFixed(2)}× (${(1 / value).toFixed(1)}× faster)` : `${value.toFixed(2)}× (slower)`;
}

function machine(): Promise<string[]> {
  return machineLines(ROOT, `Node ${process.version} (benchmark and S3 Browser's code, plain Node, no extension host)`);
}

async function main(): Promise<void> {
  const started = performance.now();
  const wanted = (id: string) => !CLIENTS || CLIENTS.includes(id);
  const server = await startS3Target();
  const target: SdkTarget = { endpoint: server.endpoint, region: server.region, accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey };
  const s3 = sdkClient(target);
  const factory = new S3ServiceFactory(
    () => undefined,
    () => ({ partSizeBytes: ENGINE_DEFAULTS.partSizeMB * 1024 * 1024, queueSize: ENGINE_DEFAULTS.queueSize }),
    new UploadJournal(memoryJournalStore()),
  );
  try {
    const keys = fixtureKeys();
    const fixture: Fixture = {
      bucket: `s3b-bench-find-${Date.now().toString(36)}`,
      keys,
      matches: keys.filter(({ key }) => EXPECTED_MATCH.test(key)).length,
      bytes: keys.reduce((sum, { size }) => sum + size, 0),
    };
    const service = factory.get(benchConnection(target));
    await service.createBucket(fixture.bucket, target.region);
    console.log(`Filling s3://${fixture.bucket}/ with ${KEYS.toLocaleString('en-US')} keys in ${FOLDERS} folders (64 PUTs in flight)…`);
    const fillStarted = performance.now();
    await fill(s3, fixture);
    const fillSeconds = Math.round((performance.now() - fillStarted) / 1000);
    const listed = await serialListing(s3, fixture.bucket);
    expectEqual('keys in the bucket (serial listing)', listed.keys.length, KEYS);
    expectEqual('bytes in the bucket (serial listing)', listed.bytes, fixture.bytes);
    expectEqual('keys matching (parseKeyPattern, all keys put)', keys.filter(({ key }) => parseKeyPattern(PATTERN).matches(key)).length, fixture.matches);
    console.log(`Filled in ${fillSeconds} s and checked: ${KEYS} keys, ${fixture.bytes} bytes, ${fixture.matches} match ${PATTERN}.`);
    const requests = await checkParallelListing(service, fixture);
    console.log(`listKeysInParallel lists every key once: ${requests}.`);

    const clients: Client[] = [];
    if (wanted('s3b')) {
      clients.push(s3BrowserClient(service, fixture.bucket));
    }
    const aws = await awsCliPath();
    if (aws && wanted('aws')) {
      clients.push(awsClient(aws, target, fixture.bucket));
    }
    const rcloneCommand = await which('rclone');
    if (rcloneCommand && wanted('rclone')) {
      clients.push(rcloneClient(rcloneCommand, target, fixture.bucket, 'rclone', '`rclone` (--fast-list)', RCLONE_FLAGS));
    }
    const walkFlags = RCLONE_FLAGS.filter((flag) => flag !== '--fast-list');
    if (rcloneCommand && wanted('rclone-walk') && walkFlags.length < RCLONE_FLAGS.length) {
      clients.push(rcloneClient(rcloneCommand, target, fixture.bucket, 'rclone-walk', '`rclone` (no --fast-list)', walkFlags));
    }

    console.log(`Find ${PATTERN} (${fixture.matches} keys), ${RUNS} runs each`);
    const findSeries = await interleaved(
      clients.map((client) => ({
        label: `${client.name}, find`,
        act: async () => expectEqual(`${client.name}: keys matching`, await client.find!(), fixture.matches),
      })),
    );
    console.log(`Size of the bucket (${KEYS} objects, ${fixture.bytes} bytes), ${RUNS} runs each`);
    const sizeSeries = await interleaved(
      clients.map((client) => ({
        label: `${client.name}, size`,
        act: async () => {
          const totals = await client.size!();
          expectEqual(`${client.name}: objects`, totals.objects, KEYS);
          expectEqual(`${client.name}: bytes`, totals.bytes, fixture.bytes);
        },
      })),
    );

    // Where the time goes: the listing alone, serial and per folder, with the bare SDK; the CLIs' cost on one folder of 1,000 keys (start-up plus one request).
    const oneFolder = keys[0].key.slice(0, keys[0].key.indexOf('/') + 1);
    const perFolder = keys.filter(({ key }) => key.startsWith(oneFolder)).length;
    const pieces: Array<{ label: string; act: () => Promise<void> }> = [
      { label: 'Bare AWS SDK, one serial ListObjectsV2 loop over the bucket', act: async () => expectEqual('keys', (await serialListing(s3, fixture.bucket)).keys.length, KEYS) },
      { label: `Bare AWS SDK, the ${FOLDERS} folders listed side by side (${CONCURRENCY} at a time)`, act: async () => expectEqual('keys', (await perFolderListing(s3, fixture.bucket)).objects, KEYS) },
      {
        label: 'S3 Browser, listKeysInParallel alone (no matching)',
        act: async () => {
          let scanned = 0;
          for await (const page of listKeysInParallel(service, fixture.bucket, '', { concurrency: CONCURRENCY })) {
            scanned += page.length;
          }
          expectEqual('keys', scanned, KEYS);
        },
      },
    ];
    for (const client of clients.filter((candidate) => candidate.id !== 's3b')) {
      const oneFolderClient =
        client.id === 'aws' ? awsClient(aws!, target, `${fixture.bucket}/${oneFolder.slice(0, -1)}`) : rcloneClient(rcloneCommand!, target, `${fixture.bucket}/${oneFolder.slice(0, -1)}`, client.id, client.name, client.id === 'rclone' ? RCLONE_FLAGS : walkFlags);
      pieces.push({ label: `${client.name}: size of one folder (${perFolder.toLocaleString('en-US')} keys)`, act: async () => expectEqual('objects', (await oneFolderClient.size!()).objects, perFolder) });
    }
    console.log('Where the time goes');
    const pieceSeries = await interleaved(pieces);

    const loads = [...findSeries, ...sizeSeries, ...pieceSeries].flatMap((series) => series.loads);
    const byId = (id: string) => clients.findIndex((client) => client.id === id);
    const s3b = byId('s3b');
    const others = clients.filter((client) => client.id !== 's3b');
    const lines = [
      '## Find and Show Size benchmark',
      '',
      ...(await machine()),
      `- Bucket: ${KEYS.toLocaleString('en-US')} keys (\`dir-NN/report-NNNNN.csv\`, 1–256 bytes, ${fixture.bytes.toLocaleString('en-US')} bytes in all) in ${FOLDERS} folders of ${perFolder.toLocaleString('en-US')}; filled in ${fillSeconds} s with the bare SDK (untimed).`,
      `- Find \`${PATTERN}\` (${fixture.matches} keys): S3 Browser = \`listKeysInParallel\` + \`parseKeyPattern\` at concurrency ${CONCURRENCY}; the CLIs piped to \`grep -c -E '${GREP}'\`. Show Size = \`measurePrefix\` (versioned: false), \`aws s3 ls --recursive --summarize\`, \`rclone size --json\`. Every run's count (and totals) checked.`,
      `- aws: its defaults (\`--endpoint-url\` only). rclone: configured as in the transfer benchmark, with its flags (\`${RCLONE_FLAGS.join(' ')}\`, and \`-q\`), and the same flags without \`--fast-list\` (folders listed side by side by the checkers instead of one serial listing).`,
      `- ${RUNS} run${RUNS === 1 ? '' : 's'} per client and scenario, interleaved (each run starts with another client); median (min–max). 1-minute load average before the runs: ${Math.min(...loads).toFixed(2)}–${Math.max(...loads).toFixed(2)} (median ${median(loads).toFixed(2)}).`,
      '',
      `| Scenario | ${clients.map((client) => client.name).join(' | ')} | ${others.map((client) => `S3 Browser ÷ ${client.name}`).join(' | ')} |`,
      `|---|${clients.map(() => '---:').join('|')}|${others.map(() => '---:').join('|')}|`,
      `| Find \`${PATTERN}\` in ${KEYS.toLocaleString('en-US')} keys | ${findSeries.map(cell).join(' | ')} | ${others.map((client) => ratio(findSeries[s3b], findSeries[byId(client.id)])).join(' | ')} |`,
      `| Size of the bucket | ${sizeSeries.map(cell).join(' | ')} | ${others.map((client) => ratio(sizeSeries[s3b], sizeSeries[byId(client.id)])).join(' | ')} |`,
      '',
      `Where the time goes (${RUNS} run${RUNS === 1 ? '' : 's'} each, interleaved; S3 Browser's listing: ${requests}):`,
      '',
      '| What | Median (min–max) |',
      '|---|---:|',
      ...pieces.map((piece, index) => `| ${piece.label} | ${cell(pieceSeries[index])} |`),
      '',
      'Every run (ms, in run order; load average before each):',
      '',
      '| Client | Scenario | Runs |',
      '|---|---|---|',
      ...clients.flatMap((client, index) =>
        [
          ['find', findSeries[index]],
          ['size', sizeSeries[index]],
        ].map(([scenario, series]) => {
          const { samples, loads: before, error } = series as Series;
          return `| ${client.name} | ${scenario as string} | ${samples.length > 0 ? samples.map((ms, run) => `${Math.round(ms)} (${before[run].toFixed(1)})`).join(', ') : (error ?? '')} |`;
        }),
      ),
      '',
      `Total benchmark time: ${Math.round((performance.now() - started) / 60_000)} min.`,
    ];
    console.log(`\n${lines.join('\n')}`);
    await fs.mkdir(path.join(ROOT, '.test-work'), { recursive: true });
    await fs.writeFile(path.join(ROOT, '.test-work', 'find-benchmark.md'), `${lines.join('\n')}\n`);
    console.log('\n(Also written to .test-work/find-benchmark.md.)');
    if ([...findSeries, ...sizeSeries, ...pieceSeries].some((series) => series.error)) {
      process.exitCode = 1;
    }
  } finally {
    factory.dispose();
    s3.destroy();
    await server.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
