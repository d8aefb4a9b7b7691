// Context menus follow the item under the cursor (VS Code's UX guidelines): short lists with the
// families in submenus, and nothing that cannot apply — no writes on a read-only connection, the
// versioning command that fits the bucket's state.
import * as assert from 'node:assert/strict';
import { client, expand, freshWindow, ownBucket, page, treeRow, uiTest, useWorkbench } from './workbench';

useWorkbench({ readOnlyConnections: ['readonly'] });

/** The entries of the context menu of `row` (or of its submenu `submenu`), separators left out; closes it again. */
async function menuOf(row: string, submenu?: string): Promise<string[]> {
  await treeRow(row).click({ button: 'right' });
  const menus = page.locator('.monaco-menu');
  await menus.first().waitFor({ timeout: 30_000 });
  if (submenu) {
    await page.locator('.monaco-menu .action-label', { hasText: new RegExp(`^${submenu}$`) }).hover();
    await page.keyboard.press('ArrowRight');
    await menus.nth(1).waitFor({ timeout: 30_000 });
  }
  const entries = await menus.last().locator('.action-item:not(.disabled) .action-label').allInnerTexts();
  await page.keyboard.press('Escape');
  if (submenu) {
    await page.keyboard.press('Escape');
  }
  return entries.map((entry) => entry.trim()).filter((entry) => entry !== '');
}

uiTest('an object\'s context menu has 12 entries, with copy/move destinations, links, access and storage in submenus', async () => {
  const bucket = await ownBucket({ 'docs/guide.md': '# Guide\n' });
  await freshWindow();
  await expand('default');
  await expand(bucket);
  await expand('docs');
  await treeRow('guide.md').waitFor({ timeout: 30_000 });
  const entries = await menuOf('guide.md');
  assert.deepEqual(entries, ['Open', 'Compare With…', 'Download…', 'Cut', 'Copy', 'Copy or Move To', 'Copy Link', 'Rename…', 'Access', 'Storage', 'Delete…', 'Properties']);
  assert.deepEqual(await menuOf('guide.md', 'Copy or Move To'), ['Copy To…', 'Move To…']);
  assert.deepEqual(await menuOf('guide.md', 'Copy Link'), ['Copy S3 URI', 'Copy HTTPS URL', 'Copy ARN', 'Copy Presigned URL…', 'Copy Presigned Upload URL…']);
  assert.deepEqual(await menuOf('guide.md', 'Access'), ['Show Access…', 'Make Private', 'Make Public (public-read)…', 'Set Access (canned ACL)…']);
  assert.deepEqual(await menuOf('guide.md', 'Storage'), ['Set Encryption…', 'Change Storage Class…'], 'Restore from Archive only on archived objects');
});

uiTest('on a read-only connection the menus offer no write: no Cut, Move, Rename, Delete, upload, storage or access change', async () => {
  const bucket = await ownBucket({ 'docs/guide.md': '# Guide\n' });
  await freshWindow();
  await expand('readonly');
  await expand(bucket);
  await expand('docs');
  await treeRow('guide.md').waitFor({ timeout: 30_000 });
  assert.deepEqual(await menuOf('guide.md'), ['Open', 'Compare With…', 'Download…', 'Copy', 'Copy or Move To', 'Copy Link', 'Access', 'Properties']);
  assert.deepEqual(await menuOf('guide.md', 'Copy or Move To'), ['Copy To…']);
  assert.deepEqual(await menuOf('guide.md', 'Access'), ['Show Access…']);
  assert.deepEqual(await menuOf('guide.md', 'Copy Link'), ['Copy S3 URI', 'Copy HTTPS URL', 'Copy ARN', 'Copy Presigned URL…']);
  const folder = await menuOf('docs');
  for (const write of ['Upload Files…', 'Upload Folder…', 'Create Folder…', 'Cut', 'Rename…', 'Delete…', 'Storage', 'Access']) {
    assert.ok(!folder.includes(write), `no "${write}" on a read-only folder: ${folder.join(', ')}`);
  }
  assert.deepEqual(await menuOf('docs', 'Sync'), ['Sync S3 Folder to Local…'], 'no sync into a read-only folder; no Sync Again before a first sync');
  const bucketMenu = await menuOf(bucket);
  for (const write of ['Delete Bucket…', 'Clean Up Incomplete Uploads…', 'Upload Files…']) {
    assert.ok(!bucketMenu.includes(write), `no "${write}" on a read-only bucket: ${bucketMenu.join(', ')}`);
  }
  assert.deepEqual(await menuOf(bucket, 'Versions'), ['Show Deleted Objects'], 'no versioning change on a read-only connection');
});

uiTest('a bucket\'s Versions menu offers Suspend only where versioning is enabled, and Enable only where it is not', async () => {
  const plain = await ownBucket({ 'a.txt': 'a\n' });
  const versioned = await ownBucket({ 'b.txt': 'b\n' });
  await client.enableVersioning(versioned);
  await freshWindow();
  await expand('default');
  await treeRow(plain).waitFor({ timeout: 30_000 });
  assert.deepEqual(await menuOf(plain, 'Versions'), ['Show Deleted Objects', 'Enable Versioning']);
  assert.deepEqual(await menuOf(plain, 'Sync'), ['Sync Local Folder to S3…', 'Sync S3 Folder to Local…'], 'Sync Again… shows once a pair has been synced');
  // The bucket's versioning state is read when it is listed.
  await expand(versioned);
  await treeRow('b.txt').waitFor({ timeout: 30_000 });
  assert.deepEqual(await menuOf(versioned, 'Versions'), ['Show Deleted Objects', 'Suspend Versioning…']);
  // One command needs no submenu: an object of a versioned bucket gets Open Version… itself, 13 entries in all.
  const versionedObject = await menuOf('b.txt');
  assert.deepEqual(versionedObject.slice(-3), ['Open Version…', 'Delete…', 'Properties']);
  assert.equal(versionedObject.length, 13, versionedObject.join(', '));
  await expand(plain);
  await treeRow('a.txt').waitFor({ timeout: 30_000 });
  assert.ok(!(await menuOf('a.txt')).includes('Open Version…'), 'no Open Version… on an object of an unversioned bucket');
});
