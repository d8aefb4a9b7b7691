// Users of 0.1.0 have workspaces with `s3://…` folders, a scheme AWS Toolkit (here its stand-in) now
// serves. Opening such a workspace offers to reopen the folder under `s3browser:`, where it lists S3.
import * as assert from 'node:assert/strict';
import { client, freshWindow, ownBucket, page, uiTest, useWorkbench } from './workbench';
import { waitFor } from '../support/waitFor';

useWorkbench();

uiTest('a workspace with an s3:// folder from 0.1.0 is offered a reopen under s3browser:, after which the Explorer lists the bucket', async () => {
  const bucket = await ownBucket({ 'legacy/notes.txt': 'from 0.1.0\n' });
  await freshWindow({ otherFolders: [`s3://default@${bucket}/`], openS3View: false });
  const offer = page.locator('.notifications-toasts .notification-toast', { hasText: 'opened by S3 Browser 0.1.0' });
  await offer.waitFor({ timeout: 60_000 });
  await offer.getByRole('button', { name: 'Reopen' }).click();
  await page.keyboard.press('Control+Shift+E');
  const explorerLabel = (name: string) => page.locator('.explorer-folders-view .monaco-list-row .label-name', { hasText: new RegExp(`^${name}$`) });
  await waitFor(
    'the reopened folder to list the bucket',
    async () => {
      if ((await explorerLabel('legacy').count()) > 0) {
        return true;
      }
      const folderRow = page.locator('.explorer-folders-view .monaco-list-row', { hasText: bucket }).first();
      if ((await folderRow.count()) > 0 && (await folderRow.getAttribute('aria-expanded')) !== 'true') {
        await folderRow.click();
      }
      await new Promise((resolve) => setTimeout(resolve, 1000));
      return undefined;
    },
    60_000,
  );
  assert.ok(await client.exists(bucket, 'legacy/notes.txt'), 'nothing was changed on S3');
});
