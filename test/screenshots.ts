// `npm run screenshots`: regenerates the README's and docs' pictures (docs/images/*.png) from the
// demo's world (test/demoSetup.ts: demo-* buckets, profiles "default" and "local-ceph"), never from
// test fixtures, at one window size. Each picture gets a fresh window. S3B_SCREENSHOT_OUT writes
// elsewhere; S3B_SCREENSHOT_ONLY=tree,editor takes only those.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { launchChromium, type Browser, type Page, runPaletteCommand } from './host/codeServer';
import { startDemo, type Demo } from './demoSetup';
import { waitFor } from './support/waitFor';

const ROOT = path.resolve(__dirname, '..', '..');
const OUT = process.env.S3B_SCREENSHOT_OUT ?? path.join(ROOT, 'docs', 'images');
const ONLY = process.env.S3B_SCREENSHOT_ONLY?.split(',').filter(Boolean);
const VIEWPORT = { width: 1280, height: 800 };

let demo: Demo;
let browser: Browser;
let page: Page;

function treeRow(name: string) {
  return page.locator('.pane[aria-label*="Explorer"] .monaco-list-row, [id="workbench.view.extension.s3Browser"] .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }) });
}

async function freshWindow(): Promise<void> {
  await page?.context().close();
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
  page = await context.newPage();
  await page.goto(demo.url);
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  await page.getByRole('tab', { name: /^S3/ }).click();
  await treeRow('default').waitFor({ timeout: 30_000 });
}

async function expand(name: string): Promise<void> {
  const row = treeRow(name).first();
  await row.waitFor({ timeout: 30_000 });
  if ((await row.getAttribute('aria-expanded')) !== 'true') {
    await row.locator('.monaco-tl-twistie').click();
  }
  await waitFor(`${name} expanded`, async () => ((await row.getAttribute('aria-expanded')) === 'true' ? true : undefined), 30_000);
}

async function runFromPalette(title: string): Promise<void> {
  await runPaletteCommand(page, title);
}

async function contextMenu(row: string, item: string, submenu?: string): Promise<void> {
  await treeRow(row).first().click({ button: 'right' });
  if (submenu) {
    await page.locator('.monaco-menu .action-label', { hasText: submenu }).hover();
    await page.keyboard.press('ArrowRight');
  }
  await page.locator('.monaco-menu .action-label', { hasText: item }).last().hover();
  await page.keyboard.press('Enter');
}

/** Takes the picture once the workbench has stopped moving (tree redraws, toasts sliding in). */
async function shoot(name: string): Promise<void> {
  await page.mouse.move(VIEWPORT.width - 5, VIEWPORT.height / 2);
  await page.waitForTimeout(800);
  await page.screenshot({ path: path.join(OUT, `${name}.png`) });
  console.log(`docs/images/${name}.png`);
}

async function openObject(name: string, text: string): Promise<void> {
  await treeRow(name).first().click();
  await page.locator('.editor-instance .monaco-editor .view-lines', { hasText: text }).waitFor({ timeout: 30_000 });
}

const SHOTS: Record<string, () => Promise<void>> = {
  async tree() {
    await freshWindow();
    await expand('default');
    await expand('demo-data');
    await expand('sales');
    await expand('2025');
    await expand('config');
    await treeRow('app.json').waitFor({ timeout: 30_000 });
    await shoot('tree');
  },

  async editor() {
    await freshWindow();
    await expand('default');
    await expand('demo-data');
    await expand('config');
    await openObject('app.json', 'demo-app');
    // An edit, as in the README's story: the document is dirty until Ctrl+S saves it to S3.
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('End');
    await page.keyboard.type('\n"region": "eu-west-1",');
    await shoot('editor');
    // Leave the demo's object as it was.
    await page.keyboard.press('Control+z');
    await page.keyboard.press('Control+z');
  },

  async 'image-preview'() {
    await freshWindow();
    await expand('default');
    await expand('demo-images');
    await expand('photos');
    await treeRow('gradient.png').first().click();
    await page.locator('.tab', { hasText: 'gradient.png' }).waitFor({ timeout: 30_000 });
    const preview = page.frameLocator('.webview.ready').frameLocator('#active-frame').locator('img');
    await preview.waitFor({ timeout: 30_000 });
    await shoot('image-preview');
  },

  async properties() {
    await freshWindow();
    await expand('default');
    await expand('demo-data');
    await expand('sales');
    await expand('2025');
    await contextMenu('q1.csv', 'Properties');
    await page.locator('.tab', { hasText: 'q1.csv.properties.json' }).waitFor({ timeout: 30_000 });
    await page.locator('.editor-instance .monaco-editor .view-lines', { hasText: '"object": "s3://demo-data/sales/2025/q1.csv"' }).waitFor({ timeout: 30_000 });
    await shoot('properties');
  },

  async versions() {
    await freshWindow();
    await expand('default');
    await expand('demo-docs');
    await treeRow('contract.md').waitFor({ timeout: 30_000 });
    // A redraw can fold the object: expand its twistie again until its three versions show.
    const versionRows = page.locator('[id="workbench.view.extension.s3Browser"] .monaco-list-row[aria-level="4"]');
    const showVersions = (what: string) =>
      waitFor(
        what,
        async () => {
          if ((await versionRows.count()) >= 3) {
            return true;
          }
          if ((await treeRow('contract.md').getAttribute('aria-expanded')) !== 'true') {
            await treeRow('contract.md').locator('.monaco-tl-twistie').click();
          }
          await page.waitForTimeout(500);
          return undefined;
        },
        30_000,
      );
    await showVersions('three versions');
    await contextMenu('demo-docs', 'Show Deleted Objects', 'Versions');
    await expand('Deleted objects');
    await treeRow('meeting-notes.md').waitFor({ timeout: 30_000 });
    await showVersions('three versions again');
    await shoot('versions');
  },

  async 'make-public'() {
    await freshWindow();
    await expand('default');
    await expand('demo-images');
    await expand('logos');
    await treeRow('s3-browser.svg').waitFor({ timeout: 30_000 });
    await contextMenu('s3-browser.svg', 'Make Public (public-read)…', 'Access');
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.filter({ hasText: 'Make this object public?' }).waitFor({ timeout: 30_000 });
    await shoot('make-public');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  },

  async 'create-bucket'() {
    await freshWindow();
    await runFromPalette('S3: Create Bucket…');
    const input = page.locator('.quick-input-widget input');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'local-ceph' }).waitFor({ timeout: 30_000 });
    await input.fill('default');
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-widget .quick-input-title', { hasText: 'New bucket (default)' }).waitFor({ timeout: 30_000 });
    await input.fill('Team_Reports');
    await page.locator('.quick-input-widget .quick-input-message', { hasText: 'lowercase' }).waitFor({ timeout: 10_000 });
    await shoot('create-bucket');
    await page.keyboard.press('Escape');
  },

  async 'transfer-progress'() {
    const sourceDir = await fs.mkdtemp(path.join(demo.workDir, 'upload-'));
    const source = path.join(sourceDir, 'survey-2025.parquet');
    // Sparse: 600 MiB that cost no disk, long enough to be seen; cancelled once pictured.
    await fs.writeFile(source, '');
    await fs.truncate(source, 600 * 1024 * 1024);
    await freshWindow();
    await expand('default');
    await treeRow('demo-empty').first().click({ button: 'right' });
    await page.locator('.monaco-menu .action-label', { hasText: 'Upload Files…' }).hover();
    await page.keyboard.press('Enter');
    const input = page.locator('.quick-input-widget input');
    await page.locator('.quick-input-widget .quick-input-title', { hasText: 'Upload files to s3://demo-empty/' }).waitFor({ timeout: 30_000 });
    await waitFor("the dialog's starting folder", async () => ((await input.inputValue()).endsWith('/') ? true : undefined), 30_000);
    await waitFor(
      'the typed path',
      async () => {
        await input.fill(source);
        await page.locator('.quick-input-list .monaco-list-row', { hasText: path.basename(source) }).first().waitFor({ timeout: 5_000 });
        return (await input.inputValue()) === source ? true : undefined;
      },
      30_000,
    );
    await page.locator('.quick-input-widget .monaco-button', { hasText: 'Upload' }).click();
    // Builds that ask for the upload's options first get the defaults; newer ones upload at once.
    const defaults = page.locator('.quick-input-list .monaco-list-row', { hasText: 'Upload with defaults' }).first();
    if (await defaults.waitFor({ timeout: 3_000 }).then(() => true, () => false)) {
      await page.keyboard.press('Enter');
    }
    const toast = page.locator('.notifications-toasts .notification-toast', { hasText: /Uploading (1 file )?to s3:\/\/demo-empty\// });
    await toast.filter({ hasText: /[\d.]+ MB of 629 MB · [\d.]+ MB\/s · .+ left/ }).waitFor({ timeout: 60_000 });
    await page.waitForTimeout(1500);
    await page.screenshot({ path: path.join(OUT, 'transfer-progress.png') });
    console.log('docs/images/transfer-progress.png');
    await toast.getByRole('button', { name: 'Cancel' }).click();
    await toast.waitFor({ state: 'hidden', timeout: 60_000 });
  },
  // Last: it adds a folder to the demo's workspace file (put back afterwards, see main).
  async 'workspace-folder'() {
    await freshWindow();
    await expand('default');
    await contextMenu('demo-data', 'Open as Workspace Folder');
    await waitFor(
      'the Explorer to show the bucket',
      async () => {
        await page.keyboard.press('Control+Shift+E');
        const rows = await page.locator('.explorer-folders-view .monaco-list-row .label-name').allInnerTexts();
        return rows.some((name) => name.includes('demo-data')) ? rows : undefined;
      },
      60_000,
    );
    const folderRow = page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'demo-data' }).first();
    const explorerLabel = (name: string) => page.locator('.explorer-folders-view .monaco-list-row .label-name', { hasText: new RegExp(`^${name}$`) });
    await waitFor(
      'the bucket folder expanded in the Explorer',
      async () => {
        if ((await explorerLabel('sales').count()) > 0) {
          return true;
        }
        if ((await folderRow.getAttribute('aria-expanded')) !== 'true') {
          await folderRow.click();
        }
        await page.waitForTimeout(1000);
        return undefined;
      },
      45_000,
    );
    await explorerLabel('config').click();
    await page.locator('.explorer-folders-view .monaco-list-row .label-name', { hasText: /^app\.json$/ }).click();
    await page.locator('.editor-instance .monaco-editor .view-lines', { hasText: 'demo-app' }).waitFor({ timeout: 30_000 });
    await shoot('workspace-folder');
  },

};

async function main(): Promise<void> {
  await fs.mkdir(OUT, { recursive: true });
  console.log('Starting the demo (local Ceph S3, code-server with the packaged extension)…');
  demo = await startDemo();
  browser = await launchChromium();
  const failed: string[] = [];
  try {
    for (const [name, take] of Object.entries(SHOTS)) {
      if (ONLY && !ONLY.includes(name)) {
        continue;
      }
      const workspace = await fs.readFile(demo.workspaceFile, 'utf8');
      try {
        await take();
      } catch (error) {
        failed.push(name);
        console.error(`${name}: ${(error as Error).message}`);
        await page?.screenshot({ path: path.join(ROOT, '.test-work', `screenshot-failed-${name}.png`) }).catch(() => undefined);
      } finally {
        await page?.context().close();
        await fs.writeFile(demo.workspaceFile, workspace);
      }
    }
  } finally {
    await browser.close();
    await demo.stop();
  }
  if (failed.length > 0) {
    throw new Error(`Not taken: ${failed.join(', ')}`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
