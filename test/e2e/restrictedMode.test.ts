// Restricted Mode, as VS Code ships workspace trust: a folder nobody trusted yet. The extension runs
// there (capabilities.untrustedWorkspaces "limited"), the workspace's ordinary settings apply, but
// none of the restrictedConfigurations does: a cloned repository cannot make your uploads public.
import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { waitFor } from '../support/waitFor';
import { client, expand, freshWindow, ownBucket, page, treeRow, uiTest, uploadThroughDialog, useWorkbench, workDir } from './workbench';

useWorkbench({ workspaceTrust: true });

uiTest('in Restricted Mode the extension works and takes the workspace\'s page size, but not its public-read upload ACL', async () => {
  const bucket = await ownBucket({ 'a.txt': 'a\n', 'b.txt': 'b\n' });
  const sourceDir = await fs.mkdtemp(path.join(workDir, 'restricted-upload-'));
  const source = path.join(sourceDir, 'private.csv');
  await fs.writeFile(source, 'secret,1\n');
  await freshWindow({ workspaceSettings: { 's3Browser.pageSize': 1, 's3Browser.upload.acl': 'public-read' } });
  await page.locator('.statusbar-item', { hasText: 'Restricted Mode' }).first().waitFor({ timeout: 30_000 });
  await expand('default');
  await expand(bucket);
  // The page size is the workspace's: one key, then "Load more…".
  await treeRow('a.txt').waitFor({ timeout: 30_000 });
  await treeRow('Load more…').waitFor({ timeout: 30_000 });
  assert.equal(await treeRow('b.txt').count(), 0, 'the second key waits behind Load more…');
  await uploadThroughDialog(bucket, source);
  // With the workspace's ACL in force, "Make 1 file public?" would ask here (seen when it was not restricted).
  const outcome = await waitFor('the upload or a question', async () => {
    if ((await page.locator('.monaco-dialog-box').count()) > 0) {
      return `asked: ${await page.locator('.monaco-dialog-box').innerText()}`;
    }
    return (await client.get(bucket, 'private.csv').catch(() => undefined))?.toString('utf8') === 'secret,1\n' ? 'uploaded' : undefined;
  }, 60_000);
  assert.equal(outcome, 'uploaded');
  assert.equal(await client.anonymousGetStatus(bucket, 'private.csv'), 403, 'the workspace\'s public-read ACL was not applied');
});
