// Sync in the real workbench: from VS Code's own Explorer (a local folder's context menu) through
// the quick picks, the preview document and the modal, to the objects in S3 — and the rerun that
// says in one line that there is nothing to do.
import * as assert from 'node:assert/strict';
import { waitFor } from '../support/waitFor';
import { client, freshWindow, ownBucket, page, runFromPalette, uiTest, useWorkbench, watchToasts } from './workbench';

useWorkbench();

/** Answers the quick pick or input on screen whose title starts with `title`: types `value` (if any) and presses Enter. */
async function answer(title: string, value?: string): Promise<void> {
  await page.locator('.quick-input-widget .quick-input-title', { hasText: title }).first().waitFor({ timeout: 30_000 });
  if (value !== undefined) {
    await page.locator('.quick-input-widget input').fill(value);
  }
  await page.keyboard.press('Enter');
}

uiTest('"Sync Local Folder to S3…" on a folder in the Explorer previews the plan, asks in a modal, uploads; the rerun says it is in sync', async () => {
  const bucket = await ownBucket({ 'site/old.txt': 'kept\n' });
  await freshWindow({ workspaceFiles: { 'index.html': '<h1>hi</h1>\n', 'css/site.css': 'body{}\n', 'node_modules/x/index.js': 'x\n' } });
  await page.getByRole('tab', { name: /^Explorer/ }).click();
  const root = page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'workspace' }).first();
  await root.waitFor({ timeout: 30_000 });
  const sync = async () => {
    await root.click({ button: 'right' });
    await page.locator('.monaco-menu .action-label', { hasText: 'Sync Local Folder to S3…' }).hover();
    await page.keyboard.press('Enter');
    await answer('Sync Local Folder to S3: which connection?', 'default');
    await answer('Sync Local Folder to S3: which bucket', bucket);
    await answer(`Sync Local Folder to S3: folder in s3://${bucket}/`, 'site/');
    // The options: none chosen, Enter compares with the defaults.
    await answer('options');
  };
  await sync();
  const modal = page.locator('.monaco-dialog-box');
  await modal.waitFor({ timeout: 30_000 });
  const text = await modal.innerText();
  assert.match(text, /Upload 2 files \(19 B\)\./, text);
  assert.match(text, /Keep 1 object \(5 B\) found only in s3:\/\/.*\/site\/ \(deleting extras is off\)\./, text);
  // The preview is open beside, naming every path.
  const tabs = await waitFor('the preview tab', async () => {
    const labels = await page.locator('.tab').allInnerTexts();
    return labels.some((tab) => tab.includes('Sync preview')) ? labels : undefined;
  }, 30_000).catch(async () => page.locator('.tab').allInnerTexts());
  // "/" cannot be in a tab's name: the division slash stands in for it.
  assert.ok(tabs.includes(`Sync preview s3:\u2215\u2215${bucket}\u2215site\u2215.md`), JSON.stringify(tabs));
  await page.locator('.view-lines', { hasText: 'css/site.css' }).first().waitFor({ timeout: 30_000 });
  await modal.locator('.monaco-button', { hasText: 'Sync Now' }).click();
  await waitFor('the uploaded objects', async () => ((await client.keys(bucket)).length === 3 ? true : undefined), 60_000);
  assert.deepEqual((await client.keys(bucket)).sort(), ['site/css/site.css', 'site/index.html', 'site/old.txt'], 'node_modules/ is excluded by default');

  const toasts = watchToasts();
  await sync();
  const line = 'are in sync: 2 files compared, nothing to do.';
  await waitFor('the one line', async () => (toasts.seen().some((toast) => toast.includes(line)) ? true : undefined), 30_000).catch(() => undefined);
  const seen = await toasts.stop();
  if (!seen.some((toast) => toast.includes(line))) {
    await runFromPalette('Notifications: Show Notifications');
    await page.locator('.notifications-center', { hasText: line }).waitFor({ timeout: 30_000 });
  }
  assert.equal(await page.locator('.monaco-dialog-box').count(), 0, 'no modal when there is nothing to do');
});
