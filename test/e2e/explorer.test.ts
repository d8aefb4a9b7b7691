// UI end to end: the packaged .vsix installed into code-server, driven through chromium like a
// person would: open the S3 view, expand the tree, run a palette command, open an object, type,
// save with Ctrl+S, and check the bytes with an independent client. Each test makes its own bucket
// and opens its own window, so any one runs alone (--test-name-pattern) or after a failed one.
import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { waitFor } from '../support/waitFor';
import { client, contextMenu, expand, freshWindow, ownBucket, owned, page, runFromPalette, SCREENSHOTS, treeRow, uiTest, uploadThroughDialog, useWorkbench, watchToasts, workDir } from './workbench';

useWorkbench();

uiTest('the S3 view shows profiles, buckets, folders and objects from the server', async () => {
  const bucket = await ownBucket({ 'notes/hello.txt': 'Hello from S3\n', 'data/cities.csv': 'city,country\nLyon,FR\nOsaka,JP\n' });
  await freshWindow();
  await expand('default');
  await expand(bucket);
  await expand('notes');
  await expand('data');
  await treeRow('hello.txt').waitFor({ timeout: 30_000 });
  await treeRow('cities.csv').waitFor({ timeout: 30_000 });
  const labels = await page.locator('[id="workbench.view.extension.s3Browser"] .monaco-list-row .label-name').allInnerTexts();
  for (const expected of ['default', 'rgw', 'wrong-secret', bucket, 'data', 'notes', 'cities.csv', 'hello.txt']) {
    assert.ok(labels.includes(expected), `tree shows ${expected}; it shows ${labels.join(', ')}`);
  }
  await page.screenshot({ path: path.join(SCREENSHOTS, 'tree.png') });
});

uiTest('"S3: Refresh" from the command palette lists an object another client created since the tree was listed', async () => {
  const bucket = await ownBucket({ 'notes/first.txt': 'first\n' });
  await freshWindow();
  await expand('default');
  await expand(bucket);
  await expand('notes');
  await treeRow('first.txt').waitFor({ timeout: 30_000 });
  await client.put(bucket, 'notes/second.txt', 'second\n', 'text/plain');
  assert.equal(await treeRow('second.txt').count(), 0, 'the tree shows the listing it loaded, not the new object, until refreshed');
  await runFromPalette('S3: Refresh');
  await expand('default');
  await expand(bucket);
  await expand('notes');
  await treeRow('second.txt').waitFor({ timeout: 30_000 });
  await treeRow('first.txt').waitFor({ timeout: 30_000 });
});

uiTest('an object opens from the tree, is edited, saved with Ctrl+S, and S3 has the new bytes', async () => {
  const bucket = await ownBucket({ 'notes/hello.txt': 'Hello from S3\n' });
  await freshWindow();
  await expand('default');
  await expand(bucket);
  await expand('notes');
  const editor = page.locator('.editor-instance .monaco-editor').first();
  // Rows may still be re-rendering as the listing arrives: click until the editor shows.
  await waitFor('the object in an editor', async () => {
    await treeRow('hello.txt').click();
    await editor.locator('.view-lines', { hasText: 'Hello from S3' }).waitFor({ timeout: 5_000 });
    return true;
  }, 30_000);
  await editor.locator('.view-lines').click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('Edited in VS Code');
  await page.keyboard.press('Control+S');
  const saved = await waitFor('the saved object', async () => {
    const body = (await client.get(bucket, 'notes/hello.txt')).toString('utf8');
    return body.includes('Edited in VS Code') ? body : undefined;
  });
  assert.equal(saved, 'Hello from S3\nEdited in VS Code');
  await page.screenshot({ path: path.join(SCREENSHOTS, 'editor.png') });
});

uiTest('"S3: Create Bucket…" from the palette names the broken naming rule, then creates the bucket', async () => {
  const createdBucket = `s3b-e2e-made-${Date.now().toString(36)}`;
  owned.push(createdBucket);
  await freshWindow();
  await runFromPalette('S3: Create Bucket…');
  const input = page.locator('.quick-input-widget input');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'wrong-secret' }).waitFor();
  await input.fill('default');
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget .quick-input-title', { hasText: 'New bucket (default)' }).waitFor();
  await input.fill('My_Bucket');
  const message = page.locator('.quick-input-widget .quick-input-message');
  await message.filter({ hasText: 'Bucket names are lowercase: "M" is uppercase.' }).waitFor({ timeout: 10_000 });
  await input.fill('my..bucket');
  await message.filter({ hasText: 'two adjacent periods' }).waitFor({ timeout: 10_000 });
  await page.screenshot({ path: path.join(SCREENSHOTS, 'create-bucket.png') });
  await input.fill(createdBucket);
  await page.keyboard.press('Enter');
  await waitFor('the new bucket', async () => ((await client.bucketExists(createdBucket)) ? true : undefined));
  await expand('default');
  await treeRow(createdBucket).waitFor({ timeout: 30_000 });
});

uiTest('"Open as Workspace Folder" on a bucket makes the Explorer list it', async () => {
  const bucket = await ownBucket({ 'notes/hello.txt': 'Hello from S3\n', 'data/cities.csv': 'city,country\nLyon,FR\n' });
  await freshWindow();
  await expand('default');
  await treeRow(bucket).click({ button: 'right' });
  // VS Code's context menu acts on Enter for the highlighted entry (a synthetic click can be lost).
  await page.locator('.monaco-menu .action-label', { hasText: 'Open as Workspace Folder' }).hover();
  await page.keyboard.press('Enter');
  await waitFor(
    'the Explorer to show the bucket',
    async () => {
      await page.keyboard.press('Control+Shift+E');
      const rows = await page.locator('.explorer-folders-view .monaco-list-row .label-name').allInnerTexts();
      return rows.some((name) => name.includes(bucket)) ? rows : undefined;
    },
    60_000,
  );
  const folderRow = page.locator('.explorer-folders-view .monaco-list-row', { hasText: bucket }).first();
  const explorerLabel = (name: string) => page.locator('.explorer-folders-view .monaco-list-row .label-name', { hasText: new RegExp(`^${name}$`) });
  // The Explorer may still be restoring its expansion state after the reload: expand until the children show.
  await waitFor(
    'the bucket folder expanded in the Explorer',
    async () => {
      if ((await explorerLabel('notes').count()) > 0 && (await explorerLabel('data').count()) > 0) {
        return true;
      }
      if ((await folderRow.getAttribute('aria-expanded')) !== 'true') {
        await folderRow.click();
      }
      await new Promise((resolve) => setTimeout(resolve, 1000));
      return undefined;
    },
    45_000,
  );
  await page.screenshot({ path: path.join(SCREENSHOTS, 'workspace-folder.png') });
});

uiTest('"Upload Files…" from a bucket\'s context menu uploads a file chosen in the open dialog, and the tree shows it', async () => {
  const bucket = await ownBucket({ 'already-there.txt': 'old\n' });
  const sourceDir = await fs.mkdtemp(path.join(workDir, 'upload-source-'));
  const source = path.join(sourceDir, 'uploaded-e2e.csv');
  await fs.writeFile(source, 'city,country\nLyon,FR\n');
  await freshWindow();
  await expand('default');
  await expand(bucket);
  await treeRow('already-there.txt').waitFor({ timeout: 30_000 });
  const toasts = watchToasts();
  await uploadThroughDialog(bucket, source);
  await treeRow('uploaded-e2e.csv').waitFor({ timeout: 30_000 });
  const report = `Upload to s3://${bucket}/: 1 succeeded, 0 failed.`;
  await waitFor('the report', async () => (toasts.seen().some((toast) => toast.includes(report)) ? true : undefined), 30_000).catch(() => undefined);
  const seen = await toasts.stop();
  // One operation, one notification: at most the upload's progress and its report, never a notification per phase.
  assert.deepEqual(
    seen.filter((toast) => !toast.startsWith(`Uploading to s3://${bucket}/`) && !toast.includes(report)),
    [],
    `only the progress and the report were shown: ${seen.join(' | ')}`,
  );
  // One progress notification whose message moves through the phases ("Reading the files…", "Checking…", the counts), never two at once.
  assert.ok(toasts.mostAtOnce(`Uploading to s3://${bucket}/`) <= 1, `at most one progress notification at a time: ${seen.join(' | ')}`);
  // The report, in the notification list: an information toast may already have hidden itself.
  await runFromPalette('Notifications: Show Notifications');
  await page.locator('.notifications-center', { hasText: report }).waitFor({ timeout: 30_000 });
  await page.screenshot({ path: path.join(SCREENSHOTS, 'upload.png') });
  assert.equal((await client.get(bucket, 'uploaded-e2e.csv')).toString('utf8'), 'city,country\nLyon,FR\n');
});

uiTest('a big upload\'s progress notification shows bytes, rate and time left; its Cancel leaves no object and no incomplete upload', async () => {
  const bucket = await ownBucket({});
  const sourceDir = await fs.mkdtemp(path.join(workDir, 'big-upload-'));
  const source = path.join(sourceDir, 'dataset.bin');
  // Sparse: 600 MiB that cost no disk, read as zeros — long enough to be seen and cancelled.
  await fs.writeFile(source, '');
  await fs.truncate(source, 600 * 1024 * 1024);
  await freshWindow();
  await expand('default');
  await expand(bucket);
  await uploadThroughDialog(bucket, source);
  const toast = page.locator('.notifications-toasts .notification-toast', { hasText: `Uploading to s3://${bucket}/` });
  await toast.filter({ hasText: /0 of 1 file · [\d.]+ MB of 629 MB · [\d.]+ MB\/s · .+ left/ }).waitFor({ timeout: 60_000 });
  await page.screenshot({ path: path.join(SCREENSHOTS, 'transfer-progress.png') });
  await toast.getByRole('button', { name: 'Cancel' }).click();
  await toast.waitFor({ state: 'hidden', timeout: 60_000 });
  // The report, in the notification list: a toast may already have hidden itself (seen under load).
  await runFromPalette('Notifications: Show Notifications');
  await page.locator('.notifications-center', { hasText: `Upload to s3://${bucket}/ was cancelled: 0 succeeded, 0 failed, 1 not done.` }).waitFor({ timeout: 60_000 });
  assert.equal(await client.exists(bucket, 'dataset.bin'), false, 'no partial object');
  assert.equal(await client.incompleteUploads(bucket), 0, 'the multipart upload was aborted');
});

uiTest('an object selected in the tree is deleted with the Delete key after the confirmation, and only it', async () => {
  const bucket = await ownBucket({ 'notes/gone.txt': 'delete me\n', 'notes/stays.txt': 'keep me\n' });
  await freshWindow();
  await expand('default');
  await expand(bucket);
  await expand('notes');
  await treeRow('gone.txt').waitFor({ timeout: 30_000 });
  // As a person would: a click selects the object (and opens it in an editor, which takes the
  // focus), Ctrl+0 puts the focus back on the tree, Delete asks.
  await treeRow('gone.txt').click();
  await page.locator('.editor-instance .monaco-editor .view-lines', { hasText: 'delete me' }).waitFor({ timeout: 30_000 });
  await page.keyboard.press('Control+0');
  await page.locator('[id="workbench.view.extension.s3Browser"] .monaco-list-row.selected.focused .label-name', { hasText: /^gone\.txt$/ }).waitFor({ timeout: 10_000 });
  await page.keyboard.press('Delete');
  const dialog = page.locator('.monaco-dialog-box');
  await dialog.filter({ hasText: 'Delete 1 object (10 B)?' }).waitFor({ timeout: 30_000 });
  await page.screenshot({ path: path.join(SCREENSHOTS, 'delete-confirmation.png') });
  await dialog.getByRole('button', { name: 'Delete' }).click();
  await waitFor('the object to be deleted', async () => ((await client.exists(bucket, 'notes/gone.txt')) ? undefined : true));
  assert.equal((await client.get(bucket, 'notes/stays.txt')).toString(), 'keep me\n', 'only the selected object was deleted');
  await waitFor('the tree to drop the row', async () => ((await treeRow('gone.txt').count()) === 0 ? true : undefined));
});

uiTest('an object dragged onto a folder in the tree is moved there after choosing Move, and the tree shows it there', async () => {
  const bucket = await ownBucket({ 'inbox/report.txt': 'quarterly\n', 'archive/old.txt': 'old\n' });
  await freshWindow();
  await expand('default');
  await expand(bucket);
  await expand('inbox');
  await treeRow('report.txt').waitFor({ timeout: 30_000 });
  await treeRow('report.txt').dragTo(treeRow('archive'));
  await page.locator('.quick-input-widget .quick-input-title', { hasText: `Drop onto s3://${bucket}/archive/` }).waitFor({ timeout: 30_000 });
  await page.locator('.quick-input-list .monaco-list-row', { hasText: `Move "inbox/report.txt" to s3://${bucket}/archive/` }).click();
  await waitFor('the object to be moved', async () => ((await client.exists(bucket, 'archive/report.txt')) ? true : undefined), 30_000);
  assert.equal((await client.get(bucket, 'archive/report.txt')).toString(), 'quarterly\n');
  assert.equal(await client.exists(bucket, 'inbox/report.txt'), false, 'moved, not copied');
  await expand('archive');
  await treeRow('report.txt').waitFor({ timeout: 30_000 });
  const rows = await page.locator('[id="workbench.view.extension.s3Browser"] .monaco-list-row').evaluateAll((elements) => elements.map((row) => row.getAttribute('aria-label') ?? ''));
  assert.deepEqual(
    rows.filter((label) => label.startsWith('report.txt')).length,
    1,
    `the tree shows report.txt once, under archive: ${rows.join(' / ')}`,
  );
});

uiTest('"Make Public" from the Access menu asks in a modal naming the object; accepted, anyone can GET it and the tree says "public"', async () => {
  const bucket = await ownBucket({ 'site/index.html': '<h1>hello</h1>\n' });
  await freshWindow();
  await expand('default');
  await expand(bucket);
  await expand('site');
  await treeRow('index.html').waitFor({ timeout: 30_000 });
  await contextMenu('index.html', 'Make Public (public-read)…', 'Access');
  const dialog = page.locator('.monaco-dialog-box');
  await dialog.filter({ hasText: 'Make this object public?' }).waitFor({ timeout: 30_000 });
  assert.ok((await dialog.innerText()).includes(`s3://${bucket}/site/index.html`), 'the modal names the object');
  await page.screenshot({ path: path.join(SCREENSHOTS, 'make-public.png') });
  assert.equal(await client.anonymousGetStatus(bucket, 'site/index.html'), 403, 'nothing changes before the answer');
  await dialog.getByRole('button', { name: 'Make Public' }).click();
  await waitFor('anyone to read it', async () => ((await client.anonymousGetStatus(bucket, 'site/index.html')) === 200 ? true : undefined), 30_000);
  await page.locator('[id="workbench.view.extension.s3Browser"] .monaco-list-row', { hasText: 'index.html' }).locator('.label-description', { hasText: 'public' }).waitFor({ timeout: 30_000 });
});

uiTest('"Copy Presigned URL…" puts a URL on the clipboard that downloads the object without credentials', async () => {
  const bucket = await ownBucket({ 'report.csv': 'quarter,total\n3,7\n' });
  await freshWindow();
  await expand('default');
  await expand(bucket);
  await treeRow('report.csv').waitFor({ timeout: 30_000 });
  await contextMenu('report.csv', 'Copy Presigned URL…', 'Copy Link');
  await page.locator('.quick-input-widget .quick-input-title', { hasText: 'valid for' }).waitFor({ timeout: 30_000 });
  await page.locator('.quick-input-list .monaco-list-row', { hasText: '1 hour' }).first().click();
  await page.locator('.quick-input-widget .quick-input-title', { hasText: 'opened as' }).waitFor({ timeout: 30_000 });
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Open as the browser decides' }).first().click();
  await page.locator('.notifications-toasts', { hasText: 'Copied a presigned download URL' }).waitFor({ timeout: 30_000 });
  const url = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(url, new RegExp(`/${bucket}/report\\.csv\\?.*X-Amz-Signature=`));
  const response = await fetch(url);
  assert.equal(response.status, 200);
  assert.equal(await response.text(), 'quarter,total\n3,7\n');
});

uiTest('"Properties" opens the object\'s properties as a JSON document in the editor', async () => {
  const bucket = await ownBucket({ 'data/cities.csv': 'city,country\nLyon,FR\n' });
  await freshWindow();
  await expand('default');
  await expand(bucket);
  await expand('data');
  await treeRow('cities.csv').waitFor({ timeout: 30_000 });
  await contextMenu('cities.csv', 'Properties');
  await page.locator('.tab', { hasText: 'cities.csv.properties.json' }).waitFor({ timeout: 30_000 });
  const editor = page.locator('.editor-instance .monaco-editor .view-lines');
  await editor.filter({ hasText: `"object": "s3://${bucket}/data/cities.csv"` }).waitFor({ timeout: 30_000 });
  assert.ok((await editor.innerText()).includes('"contentHeaders"'), 'the editable fields are shown');
  await page.screenshot({ path: path.join(SCREENSHOTS, 'properties.png') });
});

uiTest('an object on a versioned bucket expands into its versions in the tree, the latest marked', async () => {
  const bucket = await ownBucket({});
  await client.enableVersioning(bucket);
  for (const text of ['draft\n', 'reviewed\n', 'final, signed\n']) {
    await client.put(bucket, 'contract.txt', text, 'text/plain');
  }
  await client.put(bucket, 'old-notes.txt', 'to be deleted\n', 'text/plain');
  await client.deleteObject(bucket, 'old-notes.txt');
  await freshWindow();
  await expand('default');
  await expand(bucket);
  await treeRow('contract.txt').waitFor({ timeout: 30_000 });
  // A click on an object opens it; its twistie expands the versions (again if a redraw folded it).
  const versionRows = page.locator('[id="workbench.view.extension.s3Browser"] .monaco-list-row[aria-level="4"]');
  await waitFor('three versions', async () => {
    if ((await versionRows.count()) === 3) {
      return true;
    }
    if ((await treeRow('contract.txt').getAttribute('aria-expanded')) !== 'true') {
      await treeRow('contract.txt').locator('.monaco-tl-twistie').click();
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
    return undefined;
  }, 30_000);
  assert.match(await versionRows.first().innerText(), /14 B · latest/);
  await contextMenu(bucket, 'Show Deleted Objects', 'Versions');
  await expand('Deleted objects');
  await treeRow('old-notes.txt').waitFor({ timeout: 30_000 });
  // After that refresh the bucket's description says it, with the deleted objects shown.
  await page.locator('[id="workbench.view.extension.s3Browser"] .monaco-list-row', { hasText: bucket }).locator('.label-description', { hasText: 'versioned · showing deleted' }).waitFor({ timeout: 30_000 });
  await page.screenshot({ path: path.join(SCREENSHOTS, 'versions.png') });
});
