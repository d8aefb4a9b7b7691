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
// The parts: syncScenarios.ts (sizes, folders, checks), syncClients.ts (the four clients),
// syncRuns.ts (interleaved timed runs, table cells); here the set-up, the scenario loop and the report.
import type { S3Client } from '@aws-sdk/client-s3';
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { S3Service } from '../../src/s3/service';
import { S3ServiceFactory } from '../../src/s3/serviceFactory';
import { memoryJournalStore, UploadJournal } from '../../src/s3/uploadJournal';
import { listKeysInParallel } from '../../src/transfer/parallelListing';
import { excludeTest } from '../../src/transfer/sync/syncExcludes';
import { listLocalSide, listRemoteSide } from '../../src/transfer/sync/syncSides';
import { startS3Target } from '../support/rgw';
import { machineLines } from './cliClients';
import { benchConnection, ENGINE_DEFAULTS } from './engineClient';
import { countingListings, type ListingRequests } from './listingRequests';
import { sdkClient, type SdkTarget } from './sdkClients';
import { CONCURRENCY, DEFAULT_EXCLUDES, PART_SIZE, syncClients, type RunInfo, type SyncClient } from './syncClients';
import { cell, interleaved, ratio, seconds, type Series, type Task } from './syncRuns';
import { CHANGED, changedContent, changedIndexes, checkDownload, checkUpload, FILE_BYTES, FILES, KIB, listPrefix, MANY, md5, MIB, PER_FOLDER, relativeName, RUNS, wantedScenarios, writeFiles, type LocalFile, type ObjectState, type ScenarioId } from './syncScenarios';
import { median } from './transferScenarios';

const ROOT = path.resolve(__dirname, '..', '..', '..');

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
  const counts: ListingRequests = { listFolder: 0, listKeysPages: 0, emptyPages: 0 };
  for await (const page of listKeysInParallel(countingListings(service, counts), bucket, prefix, { concurrency: CONCURRENCY })) {
    void page;
  }
  const requests = `${counts.listFolder} delimiter listing${counts.listFolder === 1 ? '' : 's'} + ${counts.listKeysPages} ListObjectsV2 pages (${counts.emptyPages} empty)`;
  console.log(`  listKeysInParallel on ${prefix}: ${requests}`);
  return { rows: tasks.map((task, index) => ({ label: task.label, series: series[index] })), requests };
}

async function main(): Promise<void> {
  const started = performance.now();
  const scenarios = wantedScenarios();
  const server = await startS3Target();
  const target: SdkTarget = { endpoint: server.endpoint, region: server.region, accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey };
  const s3 = sdkClient(target);
  const factory = new S3ServiceFactory(() => undefined, () => ({ partSizeBytes: PART_SIZE, queueSize: ENGINE_DEFAULTS.queueSize }), new UploadJournal(memoryJournalStore()));
  const work = await fs.mkdtemp(path.join(os.tmpdir(), 's3b-bench-sync-'));
  try {
    const bucket = `s3b-bench-sync-${Date.now().toString(36)}`;
    const service = factory.get(benchConnection(target));
    await service.createBucket(bucket, target.region);
    const clients = await syncClients(service, target, bucket, work);

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
