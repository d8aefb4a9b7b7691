// Find in Bucket in the real workbench: VS Code's own quick pick fills while the listing runs, says
// how many keys it scanned and matched, and Enter on a result reveals it in the S3 explorer.
import { contextMenu, expand, freshWindow, ownBucket, page, treeRow, uiTest, useWorkbench } from './workbench';

useWorkbench();

uiTest('"Find in Bucket…" from a bucket lists the matches as the listing goes, and Enter reveals the one picked in the tree', async () => {
  const bucket = await ownBucket({
    'reports/2024/q1/report-2024-03.csv': 'a\n',
    'reports/2024/q2/report-2024-06.csv': 'b\n',
    'logs/app.log': 'c\n',
    'notes.txt': 'd\n',
  });
  await freshWindow();
  await expand('default');
  await treeRow(bucket).waitFor({ timeout: 30_000 });
  await contextMenu(bucket, 'Find in Bucket…');
  await page.locator('.quick-input-widget .quick-input-title', { hasText: `Find in s3://${bucket}/` }).waitFor({ timeout: 30_000 });
  await page.keyboard.type('**/report-*.csv');
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget .quick-input-title', { hasText: /2 matched of 4 keys in s3:\/\// }).waitFor({ timeout: 30_000 });
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: 'reports/2024/q2/report-2024-06.csv' });
  await row.waitFor({ timeout: 30_000 });
  await row.click();
  // Revealed: its folders expanded in the explorer, the object selected.
  await page.locator('[id="workbench.view.extension.s3Browser"] .monaco-list-row.selected', { hasText: 'report-2024-06.csv' }).waitFor({ timeout: 30_000 });
  await treeRow('q2').waitFor({ timeout: 30_000 });
});
