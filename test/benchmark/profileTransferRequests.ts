// `npm run bench:transfers:requests`: counts the S3 requests the bare-SDK ceiling and the transfer
// engine make in each scenario (one run each, through a pass-through proxy that logs them), to find
// where the engine spends more than the ceiling. Sizes as in the transfer benchmark (S3B_BENCH_*).
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startFeatureProxy } from '../support/featureProxy';
import { startS3Target } from '../support/rgw';
import { EngineClient } from './engineClient';
import { SdkAdmin, SdkCeiling } from './sdkClients';
import { benchConfig, makeFixtures, measureEach, scenariosOf } from './transferScenarios';

/** The S3 operation of a logged request ("GET /b/k?x-id=GetObject" → "GetObject"). */
function operation(line: string): string {
  const [method, url] = line.split(' ');
  const query = new URL(url, 'http://proxy').searchParams;
  const named = query.get('x-id');
  if (named) {
    return named;
  }
  const sub = ['uploads', 'uploadId', 'tagging', 'acl', 'delete', 'list-type'].find((name) => query.has(name));
  return `${method}${sub ? ` ?${sub}` : ''}`;
}

async function main(): Promise<void> {
  const config = { ...benchConfig(), runs: 1 };
  const server = await startS3Target();
  const proxy = await startFeatureProxy(server.endpoint);
  const target = { endpoint: proxy.url, region: server.region, accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey };
  const admin = new SdkAdmin({ ...target, endpoint: server.endpoint });
  const workDir = await fs.mkdtemp(path.join(os.tmpdir(), 's3b-profile-'));
  try {
    const bucket = `s3b-profile-${Date.now().toString(36)}`;
    await admin.createNamedBucket(bucket);
    const fixtures = await makeFixtures(admin, bucket, workDir, config);
    const clients = [new SdkCeiling(target, 'sdk', 'Bare SDK'), new EngineClient(target, { concurrency: 8, partSizeMB: 8, queueSize: 4 }, 'engine')];
    for (const scenario of scenariosOf(config)) {
      for (const client of clients) {
        proxy.requests.length = 0;
        const [measurement] = await measureEach([client], scenario, fixtures, admin, config);
        const counts = new Map<string, number>();
        for (const line of proxy.requests) {
          counts.set(operation(line), (counts.get(operation(line)) ?? 0) + 1);
        }
        console.log(`${scenario.title(config)} | ${client.name} | ${Math.round(measurement.samples[0] ?? -1)} ms | ${proxy.requests.length} requests: ${[...counts].map(([name, times]) => `${name} ×${times}`).join(', ')}`);
      }
    }
  } finally {
    await proxy.close();
    await server.stop();
    await fs.rm(workDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
