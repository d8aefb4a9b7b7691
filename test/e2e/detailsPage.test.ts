// The extension's details page (Extensions view → S3 Browser) as a user sees it after installing the
// .vsix: the README rendered in a webview, with every picture it shows packaged in the .vsix.
// `vsce package --no-rewrite-relative-links` keeps README image links relative, so VS Code resolves
// them inside the installed extension's folder; an image left out of the package is a broken picture.
import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { launchChromium, openPage, startCodeServer, workbenchUrl, type Browser, type CodeServer, type Page } from '../host/codeServer';
import { writeAwsProfiles } from '../support/awsProfiles';
import { targetFromEnvironment } from '../support/independentClient';
import { waitFor } from '../support/waitFor';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const SCREENSHOTS = process.env.S3B_SCREENSHOT_DIR ?? path.join(ROOT, '.test-work', 'screenshots');

let workDir: string;
let server: CodeServer;
let browser: Browser;
let page: Page | undefined;

before(async () => {
  const vsix = process.env.S3B_VSIX;
  assert.ok(vsix, 'S3B_VSIX names the packaged extension (run through `npm test`)');
  workDir = await fs.mkdtemp(path.join(os.tmpdir(), 's3b-e2e-details-'));
  const profiles = await writeAwsProfiles(path.join(workDir, 'aws'), targetFromEnvironment());
  server = await startCodeServer({ workDir, vsix, env: { AWS_CONFIG_FILE: profiles.configFile, AWS_SHARED_CREDENTIALS_FILE: profiles.credentialsFile } });
  browser = await launchChromium();
  await fs.mkdir(SCREENSHOTS, { recursive: true });
});

after(async () => {
  await browser?.close();
  await server?.stop();
  if (workDir) {
    await fs.rm(workDir, { recursive: true, force: true });
  }
});

interface ImageState {
  src: string;
  complete: boolean;
  naturalWidth: number;
}

test('the details page of the installed extension shows its README with every image loaded', async () => {
  try {
    page = await openPage(browser);
    const folder = path.join(workDir, 'workspace');
    await fs.mkdir(folder, { recursive: true });
    await page.goto(workbenchUrl(server, folder));
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });

    // Extensions view → the installed S3 Browser, as a user finds it.
    await page.keyboard.press('Control+Shift+X');
    const search = page.locator('.extensions-viewlet .suggest-input-container textarea, .extensions-viewlet .suggest-input-container input').first();
    await search.waitFor({ timeout: 30_000 });
    // The search box is a small Monaco editor that has focus once the view opens: type into it.
    await search.focus();
    await page.keyboard.type('@installed S3 Browser');
    const item = page.locator('.extensions-viewlet .monaco-list-row .extension-list-item', { has: page.locator('.name', { hasText: /^S3 Browser$/ }) }).first();
    await item.waitFor({ timeout: 30_000 });
    await item.click();

    // The details editor: its README lives in a webview (an iframe holding the active frame).
    const editor = page.locator('.extension-editor');
    await editor.waitFor({ timeout: 30_000 });
    await editor.locator('.name', { hasText: 'S3 Browser' }).first().waitFor({ timeout: 30_000 });
    const readme = page.frameLocator('.webview.ready').frameLocator('#active-frame');
    await readme.locator('h1', { hasText: 'S3 Browser for VS Code' }).waitFor({ timeout: 60_000 });

    const images = readme.locator('img');
    // Images far down the page may load only when scrolled to: bring each into view first.
    const count = await images.count();
    assert.ok(count > 0, 'the README shows at least one image');
    for (let i = 0; i < count; i++) {
      await images.nth(i).scrollIntoViewIfNeeded().catch(() => undefined);
    }
    let states: ImageState[] = [];
    const settled = await waitFor(
      'every README image to finish loading',
      async () => {
        states = await images.evaluateAll((nodes) => nodes.map((node) => ({ src: (node as HTMLImageElement).src, complete: (node as HTMLImageElement).complete, naturalWidth: (node as HTMLImageElement).naturalWidth })));
        // Settled once every image finished, loaded or not.
        return states.every((state) => state.complete) ? true : undefined;
      },
      30_000,
    ).catch(() => false);
    const broken = states.filter((state) => !state.complete || state.naturalWidth === 0);
    assert.ok(settled, `every image finished loading: ${JSON.stringify(states, null, 1)}`);
    assert.deepEqual(
      broken.map((state) => decodeURIComponent(state.src)),
      [],
      `every README image in the details page loaded (complete && naturalWidth > 0); ${broken.length} of ${states.length} are broken`,
    );
  } catch (error) {
    const file = path.join(SCREENSHOTS, 'failed-details-page.png');
    await page?.screenshot({ path: file }).catch(() => undefined);
    throw Object.assign(error as Error, { message: `${(error as Error).message}\n(screenshot: ${file})` });
  }
});
