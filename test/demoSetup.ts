// The demo's world, shared by `npm run demo` (test/demo.ts) and `npm run screenshots`
// (test/screenshots.ts): a local Ceph S3 seeded with sample buckets, AWS profiles a user would have
// (no test fixtures), and code-server with the packaged extension installed.
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startCodeServer, workbenchUrl, type CodeServer } from './host/codeServer';
import type { AwsProfileFiles } from './support/awsProfiles';
import { IndependentClient, type S3TargetInfo } from './support/independentClient';
import { startS3Target, type S3Target } from './support/rgw';
import { gradientPng } from './support/samplePng';

const ROOT = path.resolve(__dirname, '..', '..');

const SAMPLE_LOGO = `<svg xmlns="http://www.w3.org/2000/svg" width="120" height="120" viewBox="0 0 24 24" fill="none" stroke="#d05c17" stroke-width="1.5"><ellipse cx="12" cy="5.5" rx="8" ry="2.5"/><path d="M4 5.5l1.8 13c.2 1.4 2.9 2.5 6.2 2.5s6-1.1 6.2-2.5L20 5.5"/></svg>\n`;

/** The demo's profiles: `default` and `local-ceph`, both the local Ceph, as a user sets up MinIO or Ceph. */
export const DEMO_PROFILES = ['default', 'local-ceph'];

export async function writeDemoProfiles(dir: string, target: S3TargetInfo): Promise<AwsProfileFiles> {
  await fs.mkdir(dir, { recursive: true });
  const configFile = path.join(dir, 'config');
  const credentialsFile = path.join(dir, 'credentials');
  const section = (header: string) => `[${header}]\nregion = ${target.region}\nendpoint_url = ${target.endpoint}\ns3 =\n  addressing_style = path\n`;
  await fs.writeFile(configFile, [section('default'), section('profile local-ceph')].join('\n'));
  const keys = (name: string) => `[${name}]\naws_access_key_id = ${target.accessKeyId}\naws_secret_access_key = ${target.secretAccessKey}\n`;
  await fs.writeFile(credentialsFile, DEMO_PROFILES.map(keys).join('\n'), { mode: 0o600 });
  return { configFile, credentialsFile };
}

/** demo-data (CSV, JSON, logs), demo-images (PNG, SVG), demo-docs (versioned, with history and a deleted file), demo-empty. */
export async function seedDemo(client: IndependentClient): Promise<void> {
  const put = async (bucket: string, key: string, body: string | Uint8Array, type: string) => client.put(bucket, key, body, type);
  for (const bucket of ['demo-data', 'demo-docs', 'demo-images', 'demo-empty']) {
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
  // A versioned bucket: a contract edited twice, and meeting notes deleted since.
  await client.enableVersioning('demo-docs');
  for (const text of ['# Service contract\n\nDraft.\n', '# Service contract\n\nReviewed by legal.\n', '# Service contract\n\nFinal, signed 2025-11-03.\n']) {
    await put('demo-docs', 'contract.md', text, 'text/markdown');
  }
  await put('demo-docs', 'handbook.md', '# Team handbook\n\nHow we work.\n', 'text/markdown');
  await put('demo-docs', 'meeting-notes.md', '# Meeting notes\n\nTo be deleted.\n', 'text/markdown');
  await client.deleteObject('demo-docs', 'meeting-notes.md');
}

export interface Demo {
  target: S3Target;
  client: IndependentClient;
  server: CodeServer;
  profiles: AwsProfileFiles;
  workDir: string;
  /** The demo's multi-root workspace, and the workbench URL that opens it. */
  workspaceFile: string;
  url: string;
  stop(): Promise<void>;
}

export async function startDemo({ port, verbose = false }: { port?: number; verbose?: boolean } = {}): Promise<Demo> {
  const workDir = await fs.mkdtemp(path.join(os.tmpdir(), 's3b-demo-'));
  const target = await startS3Target();
  const client = new IndependentClient(target);
  let server: CodeServer | undefined;
  const stop = async () => {
    await server?.stop();
    client.dispose();
    await target.stop();
    await fs.rm(workDir, { recursive: true, force: true });
  };
  try {
    await seedDemo(client);
    const profiles = await writeDemoProfiles(path.join(workDir, 'aws'), target);
    const workspace = path.join(workDir, 'workspace');
    await fs.mkdir(workspace);
    server = await startCodeServer({
      workDir,
      vsix: path.join(ROOT, 's3-browser.vsix'),
      port,
      verbose,
      env: { AWS_CONFIG_FILE: profiles.configFile, AWS_SHARED_CREDENTIALS_FILE: profiles.credentialsFile },
    });
    // A multi-root workspace, so "Open as Workspace Folder" adds S3 folders without a reload.
    const workspaceFile = path.join(workDir, 'demo.code-workspace');
    await fs.writeFile(workspaceFile, JSON.stringify({ folders: [{ path: workspace }] }));
    return { target, client, server, profiles, workDir, workspaceFile, url: workbenchUrl(server, workspaceFile), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
