// The e2e tests' workbench: code-server with the packaged .vsix installed, chromium driving it, and
// the helpers a person's actions map to (expand a row, right-click, run from the palette).
import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { launchChromium, openPage, startCodeServer, workbenchUrl, type Browser, type CodeServer, type Page, runPaletteCommand } from '../host/codeServer';
import { writeAwsProfiles } from '../support/awsProfiles';
import { IndependentClient, targetFromEnvironment } from '../support/independentClient';
import { packStandIn } from '../support/toolkitStandIn';
import { waitFor } from '../support/waitFor';

const ROOT = path.resolve(__dirname, '..', '..', '..');
export const SCREENSHOTS = process.env.S3B_SCREENSHOT_DIR ?? path.join(ROOT, '.test-work', 'screenshots');

export let client: IndependentClient;
export let workDir: string;
let server: CodeServer;
let browser: Browser;
export let page: Page;
/** Buckets the running test made; it deletes them when it ends, passed or not. */
export const owned: string[] = [];

/** A row of the S3 explorer tree by its label. */
export function treeRow(name: string) {
  return page.locator('.pane[aria-label*="Explorer"] .monaco-list-row, [id="workbench.view.extension.s3Browser"] .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }) });
}

/**
 * A test that owns its buckets and leaves a screenshot of the workbench behind when it fails. Tests
 * share code-server and chromium (slow to start) but nothing else: each opens its own window.
 */
export function uiTest(name: string, body: () => Promise<void>): void {
  test(name, async () => {
    try {
      await body();
    } catch (error) {
      const file = path.join(SCREENSHOTS, `failed-${name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60)}.png`);
      await page?.screenshot({ path: file }).catch(() => undefined);
      throw Object.assign(error as Error, { message: `${(error as Error).message}\n(screenshot: ${file})` });
    } finally {
      for (const bucket of owned.splice(0)) {
        await client.deleteBucket(bucket);
      }
    }
  });
}

/** A bucket of the test's own, holding `objects` (key → text). */
export async function ownBucket(objects: Record<string, string>): Promise<string> {
  const bucket = await client.createBucket('e2e');
  owned.push(bucket);
  for (const [key, body] of Object.entries(objects)) {
    await client.put(bucket, key, body, 'text/plain');
  }
  return bucket;
}

interface WindowOptions {
  /** More workspace folders, by URI. */
  otherFolders?: string[];
  openS3View?: boolean;
  /** Workspace settings, as a repository's `.vscode/settings.json` would give them. */
  workspaceSettings?: Record<string, unknown>;
  /** Files of the workspace folder (it is called `workspace`), by `/`-separated path, with their text. */
  workspaceFiles?: Record<string, string>;
}

/**
 * A new window on a workspace of its own, with the S3 view open: a fresh browser context and so a
 * fresh extension host, whatever an earlier test did or left half done.
 */
export async function freshWindow({ otherFolders = [], openS3View = true, workspaceSettings, workspaceFiles = {} }: WindowOptions = {}): Promise<string> {
  await page?.context().close();
  page = await openPage(browser);
  const dir = await fs.mkdtemp(path.join(workDir, 'window-'));
  const folder = path.join(dir, 'workspace');
  await fs.mkdir(folder);
  for (const [relative, text] of Object.entries(workspaceFiles)) {
    await fs.mkdir(path.dirname(path.join(folder, relative)), { recursive: true });
    await fs.writeFile(path.join(folder, relative), text);
  }
  // A multi-root workspace from the start: adding the S3 folder then needs no window reload (turning a
  // single-folder window into a workspace reloads it, and code-server sometimes loses the folders then).
  const workspaceFile = path.join(dir, 'e2e.code-workspace');
  await fs.writeFile(workspaceFile, JSON.stringify({ folders: [{ path: folder }, ...otherFolders.map((uri) => ({ uri }))], settings: workspaceSettings }));
  await page.goto(workbenchUrl(server, workspaceFile));
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  if (openS3View) {
    await page.getByRole('tab', { name: /^S3/ }).click();
    await treeRow('default').waitFor({ timeout: 30_000 });
  }
  return folder;
}

export async function expand(name: string): Promise<void> {
  const row = treeRow(name);
  await row.waitFor({ timeout: 30_000 });
  if ((await row.getAttribute('aria-expanded')) !== 'true') {
    await row.click();
  }
}

export async function runFromPalette(title: string): Promise<void> {
  await runPaletteCommand(page, title);
}

/** Right-click `row`, then choose `item` — in the submenu `submenu` when given — with the keyboard. */
export async function contextMenu(row: string, item: string, submenu?: string): Promise<void> {
  await treeRow(row).click({ button: 'right' });
  if (submenu) {
    await page.locator('.monaco-menu .action-label', { hasText: submenu }).hover();
    await page.keyboard.press('ArrowRight');
  }
  await page.locator('.monaco-menu .action-label', { hasText: item }).last().hover();
  await page.keyboard.press('Enter');
}

/** Right-click the bucket → Upload Files…, type `source` into VS Code's open dialog, and accept. */
export async function uploadThroughDialog(bucket: string, source: string): Promise<void> {
  await treeRow(bucket).click({ button: 'right' });
  await page.locator('.monaco-menu .action-label', { hasText: 'Upload Files…' }).hover();
  await page.keyboard.press('Enter');
  // VS Code's own open dialog (the simple one, in a browser): type the file's path and accept.
  const input = page.locator('.quick-input-widget input');
  await page.locator('.quick-input-widget .quick-input-title', { hasText: `Upload files to s3://${bucket}/` }).waitFor({ timeout: 30_000 });
  // The dialog fills in its starting folder asynchronously: type the path once it has, until it sticks.
  await waitFor('the dialog\'s starting folder', async () => ((await input.inputValue()).endsWith('/') ? true : undefined), 30_000);
  await waitFor('the typed path', async () => {
    await input.fill(source);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: path.basename(source) }).first().waitFor({ timeout: 5_000 });
    return (await input.inputValue()) === source ? true : undefined;
  }, 30_000);
  // The upload starts with the settings' defaults: no question follows (Upload with Options… asks).
  await page.locator('.quick-input-widget .monaco-button', { hasText: 'Upload' }).click();
}

/**
 * Samples the notification toasts every 100 ms from now until `stop`: each distinct message seen (a
 * progress toast whose message moves on counts once per message), and for a message start, the most
 * toasts showing it at the same time — how many notifications an operation really had open.
 */
export function watchToasts(): { seen(): string[]; stop(): Promise<string[]>; mostAtOnce(start: string): number } {
  const seen = new Set<string>();
  const samples: string[][] = [];
  let running = true;
  const sampling = (async () => {
    while (running) {
      const messages = await page.locator('.notifications-toasts .notification-toast .notification-list-item-message').allInnerTexts().catch(() => [] as string[]);
      const sample = messages.map((message) => message.trim().split('\n')[0]);
      samples.push(sample);
      sample.forEach((message) => seen.add(message));
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  return {
    seen: () => [...seen],
    mostAtOnce: (start) => Math.max(0, ...samples.map((sample) => sample.filter((message) => message.startsWith(start)).length)),
    stop: async () => {
      running = false;
      await sampling;
      return [...seen];
    },
  };
}

export interface WorkbenchOptions {
  /** Connections the user's settings mark read-only (s3Browser.readOnlyConnections). */
  readOnlyConnections?: string[];
  /** Workspace trust on, as VS Code ships: windows open in Restricted Mode (the other files turn it off). */
  workspaceTrust?: boolean;
}

/**
 * One code-server with the packaged .vsix (next to the AWS Toolkit stand-in) and one chromium for
 * the test file that calls this; each test still opens its own window (freshWindow).
 */
export function useWorkbench({ readOnlyConnections = [], workspaceTrust = false }: WorkbenchOptions = {}): void {
  before(async () => {
    const vsix = process.env.S3B_VSIX;
    assert.ok(vsix, 'S3B_VSIX names the packaged extension (run through `npm test`)');
    const target = targetFromEnvironment();
    client = new IndependentClient(target);
    workDir = await fs.mkdtemp(path.join(os.tmpdir(), 's3b-e2e-'));
    const profiles = await writeAwsProfiles(path.join(workDir, 'aws'), target);
    // Next to an extension that owns `s3:` from startup, as AWS Toolkit does: the packaged extension must not mind.
    server = await startCodeServer({ workDir, vsix, workspaceTrust, otherExtensions: [await packStandIn(workDir)], env: { AWS_CONFIG_FILE: profiles.configFile, AWS_SHARED_CREDENTIALS_FILE: profiles.credentialsFile } });
    if (readOnlyConnections.length > 0) {
      // The window reads the user's settings when it opens, so every window of this file sees them.
      const settingsFile = path.join(workDir, 'user-data', 'User', 'settings.json');
      const userSettings = JSON.parse(await fs.readFile(settingsFile, 'utf8')) as Record<string, unknown>;
      await fs.writeFile(settingsFile, JSON.stringify({ ...userSettings, 's3Browser.readOnlyConnections': readOnlyConnections }, null, 2));
    }
    browser = await launchChromium();
    await fs.mkdir(SCREENSHOTS, { recursive: true });
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    client?.dispose();
    if (workDir) {
      await fs.rm(workDir, { recursive: true, force: true });
    }
  });
}
