// `npm run bench:activation`: the packaged extension's activation time as VS Code counts it, and
// the size of the production bundle.
//
// code-server runs the .vsix `npm run package` built (production bundle). Each round opens a new
// browser context, so a new window and a new extension host process that loads the extension from
// scratch; opening the S3 view activates it (onView:s3Explorer), then "Developer: Show Running
// Extensions" shows what the extension host recorded for it: "Activation: N ms", the code loading
// time (require of dist/extension.js) plus the time activate() took to return. The profiles point at
// an address nothing listens on: activation does not talk to S3, so no server is needed.
//
// Environment: S3B_BENCH_ROUNDS (default 7), S3B_VSIX (default s3-browser.vsix).
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { launchChromium, openPage, startCodeServer, workbenchUrl, type Page, runPaletteCommand } from '../host/codeServer';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const ROUNDS = Number(process.env.S3B_BENCH_ROUNDS ?? 7);
const SETTLE_MS = 4000;

async function writeProfiles(dir: string): Promise<{ configFile: string; credentialsFile: string }> {
  await fs.mkdir(dir, { recursive: true });
  const configFile = path.join(dir, 'config');
  const credentialsFile = path.join(dir, 'credentials');
  await fs.writeFile(configFile, '[default]\nregion = us-east-1\nendpoint_url = http://127.0.0.1:9\ns3 =\n  addressing_style = path\n');
  await fs.writeFile(credentialsFile, '[default]\naws_access_key_id = bench\naws_secret_access_key = bench-secret\n');
  return { configFile, credentialsFile };
}

/** One fresh window: open the S3 view, then read the activation time VS Code recorded. */
async function activationOnce(page: Page, url: string): Promise<{ ms: number; text: string }> {
  await page.goto(url);
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  // Let the window finish starting (other extensions, the previous window's host exiting), so the
  // number is the extension's own and not the machine's business at that moment.
  await page.waitForTimeout(SETTLE_MS);
  await page.getByRole('tab', { name: /^S3/ }).click();
  await page.locator('[id="workbench.view.extension.s3Browser"] .monaco-list-row', { hasText: 'default' }).first().waitFor({ timeout: 30_000 });
  await runPaletteCommand(page, 'Developer: Show Running Extensions');
  const row = page.locator('.runtime-extensions-editor .monaco-list-row', { hasText: 'S3 Browser' }).first();
  const time = row.locator('.activation-time');
  await time.waitFor({ timeout: 30_000 });
  const text = (await time.innerText()).trim();
  const match = /([\d.,]+)\s*ms/.exec(text);
  if (!match) {
    throw new Error(`No activation time in "${text}"`);
  }
  return { ms: Number(match[1].replace(',', '')), text };
}

/** Sizes of the bundles inside the .vsix measured (not dist/, which a test build may have replaced). */
async function bundleSizes(vsix: string): Promise<[string, number][]> {
  const { stdout } = await promisify(execFile)('unzip', ['-l', vsix]);
  return [...stdout.matchAll(/^\s*(\d+)\s+\S+\s+\S+\s+extension\/dist\/([^/\s]+\.js)$/gm)].map((match): [string, number] => [match[2], Number(match[1])]);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

async function main(): Promise<void> {
  const vsix = process.env.S3B_VSIX ?? path.join(ROOT, 's3-browser.vsix');
  const bundles = await bundleSizes(vsix);
  const workDir = await fs.mkdtemp(path.join(os.tmpdir(), 's3b-bench-activation-'));
  const profiles = await writeProfiles(path.join(workDir, 'aws'));
  const server = await startCodeServer({ workDir, vsix, env: { AWS_CONFIG_FILE: profiles.configFile, AWS_SHARED_CREDENTIALS_FILE: profiles.credentialsFile } });
  const browser = await launchChromium();
  const times: number[] = [];
  try {
    const folder = path.join(workDir, 'workspace');
    await fs.mkdir(folder);
    const url = workbenchUrl(server, folder);
    // One warm-up window: code-server's first window also warms its own caches.
    for (let round = 0; round <= ROUNDS; round++) {
      const page = await openPage(browser);
      try {
        const { ms, text } = await activationOnce(page, url);
        console.log(`${round === 0 ? 'warm-up' : `round ${round}`}: ${text}`);
        if (round > 0) {
          times.push(ms);
        }
      } finally {
        await page.context().close();
      }
    }
  } finally {
    await browser.close();
    await server.stop();
    await fs.rm(workDir, { recursive: true, force: true });
  }
  const sorted = [...times].sort((a, b) => a - b);
  console.log(`\nActivation (codeLoadingTime + activateCallTime, as "Developer: Show Running Extensions" shows it), ${times.length} fresh extension hosts:`);
  console.log(`  median ${median(times)} ms, min ${sorted[0]} ms, max ${sorted[sorted.length - 1]} ms; all: ${times.join(', ')} ms`);
  for (const [name, size] of bundles) {
    const when = name === 'extension.js' ? 'loaded at activation' : name === 'sdk.js' ? 'required on first S3 use, not at activation' : 'required with extension.js';
    console.log(`Bundle in the .vsix: dist/${name} ${size} bytes (${(size / 1024).toFixed(1)} KiB), ${when}`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
