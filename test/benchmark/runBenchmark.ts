// `npm run bench`: not a test. Seeds one prefix with 100,000 keys and one with 10,000 on the local
// Ceph S3 (or S3_TEST_ENDPOINT), then measures, in the same run:
//  - inside the real extension host: the tree's time to its first page of the 100,000-key prefix and
//    the host's memory before, after one page and after ten pages;
//  - the time to list all 10,000 keys page by page: the tree, the bare AWS SDK, `aws s3 ls
//    --recursive` and `rclone ls` (each when installed), median of 3 runs.
// Sizes: S3B_BENCH_HUGE (default 100000), S3B_BENCH_TEN (default 10000).
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { startCodeServer } from '../host/codeServer';
import { runExtensionTests } from '../host/runExtensionTests';
import { writeAwsProfiles } from '../support/awsProfiles';
import { IndependentClient } from '../support/independentClient';
import { startS3Target, type S3Target } from '../support/rgw';
import type { HostBenchmarkResult } from './hostBenchmark';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const HUGE = Number(process.env.S3B_BENCH_HUGE ?? 100_000);
const TEN = Number(process.env.S3B_BENCH_TEN ?? 10_000);
const run = promisify(execFile);

async function installed(command: string): Promise<boolean> {
  return run('sh', ['-c', `command -v ${command}`]).then(
    () => true,
    () => false,
  );
}

/** A measuring function that runs its argument `times` times and keeps the median time. */
function medianOf(times: number): (measure: () => Promise<number>) => Promise<{ ms: number; keys: number }> {
  return async (measure) => {
    const samples: number[] = [];
    let keys = 0;
    for (let i = 0; i < times; i++) {
      const started = performance.now();
      keys = await measure();
      samples.push(performance.now() - started);
    }
    samples.sort((a, b) => a - b);
    return { ms: Math.round(samples[Math.floor(samples.length / 2)]), keys };
  };
}

async function referenceListings(target: S3Target, client: IndependentClient, bucket: string): Promise<Array<[string, { ms: number; keys: number } | string]>> {
  const measure = medianOf(3);
  const rows: Array<[string, { ms: number; keys: number } | string]> = [];
  rows.push([
    'AWS SDK v3 ListObjectsV2 loop (no UI)',
    await measure(async () => {
      let keys = 0;
      let token: string | undefined;
      do {
        const page = await client.s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: 'tenk/', ContinuationToken: token }));
        keys += page.KeyCount ?? 0;
        token = page.NextContinuationToken;
      } while (token);
      return keys;
    }),
  ]);
  // The machine's own AWS_* settings (a CA bundle, a profile) must not steer the reference clients.
  const baseEnv = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('AWS_')));
  const credentials = { ...baseEnv, AWS_ACCESS_KEY_ID: target.accessKeyId, AWS_SECRET_ACCESS_KEY: target.secretAccessKey, AWS_DEFAULT_REGION: target.region };
  if (await installed('aws')) {
    rows.push([
      'aws s3 ls --recursive',
      await measure(async () => {
        const { stdout } = await run('aws', ['s3', 'ls', '--recursive', `s3://${bucket}/tenk/`, '--endpoint-url', target.endpoint], { env: credentials, maxBuffer: 64 * 1024 * 1024 });
        return stdout.trim().split('\n').length;
      }),
    ]);
  } else {
    rows.push(['aws s3 ls --recursive', 'not installed (apt-get install awscli)']);
  }
  if (await installed('rclone')) {
    const remote = {
      RCLONE_CONFIG_BENCH_TYPE: 's3',
      RCLONE_CONFIG_BENCH_PROVIDER: 'Ceph',
      RCLONE_CONFIG_BENCH_ENDPOINT: target.endpoint,
      RCLONE_CONFIG_BENCH_ACCESS_KEY_ID: target.accessKeyId,
      RCLONE_CONFIG_BENCH_SECRET_ACCESS_KEY: target.secretAccessKey,
      RCLONE_CONFIG_BENCH_REGION: target.region,
    };
    rows.push([
      'rclone ls',
      await measure(async () => {
        const { stdout } = await run('rclone', ['ls', `bench:${bucket}/tenk`], { env: { ...baseEnv, ...remote }, maxBuffer: 64 * 1024 * 1024 });
        return stdout.trim().split('\n').length;
      }),
    ]);
  } else {
    rows.push(['rclone ls', 'not installed (apt-get install rclone)']);
  }
  return rows;
}

async function main(): Promise<void> {
  const target = await startS3Target();
  const client = new IndependentClient(target);
  const workDir = await fs.mkdtemp(path.join(os.tmpdir(), 's3b-bench-'));
  try {
    const bucket = await client.createBucket('bench');
    const pad = (i: number) => String(i).padStart(6, '0');
    let started = performance.now();
    await client.putMany(bucket, Array.from({ length: HUGE }, (_, i) => `huge/object-${pad(i)}.json`), 64);
    await client.putMany(bucket, Array.from({ length: TEN }, (_, i) => `tenk/object-${pad(i)}.json`), 64);
    console.log(`Seeded ${HUGE.toLocaleString('en-US')} + ${TEN.toLocaleString('en-US')} keys in ${((performance.now() - started) / 1000).toFixed(0)} s`);

    const profiles = await writeAwsProfiles(path.join(workDir, 'aws'), target, { withBrokenProfile: false });
    const resultsFile = path.join(workDir, 'host.json');
    const workspace = path.join(workDir, 'workspace');
    await fs.mkdir(workspace);
    const server = await startCodeServer({
      workDir,
      env: { AWS_CONFIG_FILE: profiles.configFile, AWS_SHARED_CREDENTIALS_FILE: profiles.credentialsFile, S3B_BENCH_BUCKET: bucket, S3B_RESULTS_FILE: resultsFile },
    });
    try {
      started = performance.now();
      const code = await runExtensionTests({ server, extensionPath: ROOT, testsPath: path.join(ROOT, 'out', 'test', 'benchmark', 'hostBenchmark.js'), workspaceFolder: workspace, timeoutMs: 10 * 60_000 });
      if (code !== 0) {
        throw new Error(`The extension-host benchmark failed (exit ${code}).`);
      }
    } finally {
      await server.stop();
    }
    const host = JSON.parse(await fs.readFile(resultsFile, 'utf8')) as HostBenchmarkResult;
    const references = await referenceListings(target, client, bucket);

    const lines = [
      `Endpoint: ${target.endpoint}; page size 1000; machine: ${os.cpus().length} cores, Node ${process.version}`,
      '',
      `Tree, prefix with ${HUGE.toLocaleString('en-US')} keys: first page in ${host.firstPageMs} ms (${host.firstPageItems} nodes)`,
      `Extension host memory (RSS / heap, MB): before ${host.rssMb.before} / ${host.heapMb.before}, after 1 page ${host.rssMb.afterFirstPage} / ${host.heapMb.afterFirstPage}, after 10 pages ${host.rssMb.afterTenPages} / ${host.heapMb.afterTenPages}`,
      '',
      `Listing all ${TEN.toLocaleString('en-US')} keys of one prefix, page by page:`,
      `  S3 Browser tree ("Load more…" until done)       ${String(host.tenKeysListing.ms).padStart(6)} ms  ${host.tenKeysListing.keys} keys, ${host.tenKeysListing.pages} pages`,
      ...references.map(([name, result]) => `  ${name.padEnd(46)} ${typeof result === 'string' ? result : `${String(result.ms).padStart(6)} ms  ${result.keys} keys`}`),
    ];
    console.log(`\n${lines.join('\n')}`);
    await fs.mkdir(path.join(ROOT, '.test-work'), { recursive: true });
    await fs.writeFile(path.join(ROOT, '.test-work', 'benchmark.txt'), `${lines.join('\n')}\n`);
  } finally {
    client.dispose();
    await target.stop();
    await fs.rm(workDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
