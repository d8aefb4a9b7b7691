// `npm run demo`: a local Ceph S3 seeded with sample buckets, and code-server on 127.0.0.1 with the
// packaged extension installed and a profile pointing at that S3. Prints the URL; Ctrl+C stops all.
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startCodeServer, workbenchUrl } from './host/codeServer';
import { writeAwsProfiles } from './support/awsProfiles';
import { IndependentClient } from './support/independentClient';
import { startS3Target } from './support/rgw';
import { gradientPng } from './support/samplePng';

const ROOT = path.resolve(__dirname, '..', '..');

const SAMPLE_LOGO = `<svg xmlns="http://www.w3.org/2000/svg" width="120" height="120" viewBox="0 0 24 24" fill="none" stroke="#d05c17" stroke-width="1.5"><ellipse cx="12" cy="5.5" rx="8" ry="2.5"/><path d="M4 5.5l1.8 13c.2 1.4 2.9 2.5 6.2 2.5s6-1.1 6.2-2.5L20 5.5"/></svg>\n`;

async function seed(client: IndependentClient): Promise<void> {
  const put = async (bucket: string, key: string, body: string | Uint8Array, type: string) => client.put(bucket, key, body, type);
  for (const bucket of ['demo-data', 'demo-images', 'demo-empty']) {
    await client.createNamedBucket(bucket);
  }
  await put('demo-data', 'README.md', '# Demo data\n\nSample objects for the S3 Browser demo. Open, edit and save them.\n', 'text/markdown');
  for (const [year, quarters] of [['2024', ['q1', 'q2', 'q3', 'q4']], ['2025', ['q1', 'q2']]] as const) {
    for (const quarter of quarters) {
      const rows = ['region,product,units,revenue', ...['emea', 'amer', 'apac'].map((region, i) => `${region},widget,${100 + i * 17},${(1000 + i * 250).toFixed(2)}`)];
      await put('demo-data', `sales/${year}/${quarter}.csv`, `${rows.join('\n')}\n`, 'text/csv');
    }
  }
  await put('demo-data', 'config/app.json', `${JSON.stringify({ name: 'demo-app', replicas: 3, features: { search: true, export: false } }, null, 2)}\n`, 'application/json');
  await put('demo-data', 'config/feature-flags.json', `${JSON.stringify([{ flag: 'dark-mode', enabled: true }, { flag: 'beta-upload', enabled: false }], null, 2)}\n`, 'application/json');
  const events = Array.from({ length: 20 }, (_, i) => JSON.stringify({ ts: new Date(Date.UTC(2025, 10, 1, 8, i)).toISOString(), level: i % 7 === 0 ? 'warn' : 'info', msg: `request ${i} served` }));
  await put('demo-data', 'logs/2025/11/01/app.jsonl', `${events.join('\n')}\n`, 'application/x-ndjson');
  await put('demo-images', 'logos/s3-browser.svg', SAMPLE_LOGO, 'image/svg+xml');
  await put('demo-images', 'photos/gradient.png', gradientPng(320, 200), 'image/png');
  await put('demo-images', 'photos/2024/summer/thumbnail.png', gradientPng(64, 64), 'image/png');
}

async function main(): Promise<void> {
  const workDir = await fs.mkdtemp(path.join(os.tmpdir(), 's3b-demo-'));
  console.log('Starting a local Ceph S3 (radosgw)…');
  const target = await startS3Target();
  const client = new IndependentClient(target);
  const cleanUp = async () => {
    client.dispose();
    await target.stop();
    await fs.rm(workDir, { recursive: true, force: true });
  };
  try {
    await seed(client);
    const profiles = await writeAwsProfiles(path.join(workDir, 'aws'), target, { withBrokenProfile: false });
    const workspace = path.join(workDir, 'workspace');
    await fs.mkdir(workspace);
    console.log('Starting code-server with the packaged extension…');
    const server = await startCodeServer({
      workDir,
      vsix: path.join(ROOT, 's3-browser.vsix'),
      port: Number(process.env.S3B_DEMO_PORT ?? 8080),
      env: { AWS_CONFIG_FILE: profiles.configFile, AWS_SHARED_CREDENTIALS_FILE: profiles.credentialsFile },
    });
    console.log(`\nS3 endpoint: ${target.endpoint} (profiles "default" and "rgw" in ${profiles.configFile})`);
    // A multi-root workspace, so "Open as Workspace Folder" adds S3 folders without a reload.
    const workspaceFile = path.join(workDir, 'demo.code-workspace');
    await fs.writeFile(workspaceFile, JSON.stringify({ folders: [{ path: workspace }] }));
    console.log(`Open ${workbenchUrl(server, workspaceFile)}\nthen click the S3 icon in the activity bar. Press Ctrl+C to stop.`);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    console.log('\nStopping…');
    await server.stop();
  } finally {
    await cleanUp();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
