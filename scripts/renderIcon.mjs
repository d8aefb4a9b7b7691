// Renders scripts/icon.svg to resources/icon.png (256×256, transparent corners) with headless
// chromium, the browser the e2e tests use: `node scripts/renderIcon.mjs`. Run it after editing the SVG.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const { chromium } = createRequire(path.join(ROOT, 'test', 'host', 'package.json'))('playwright-core');
const svg = readFileSync(path.join(ROOT, 'scripts', 'icon.svg'), 'utf8');
const browser = await chromium.launch({ executablePath: process.env.S3B_CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
try {
  const page = await browser.newPage({ viewport: { width: 256, height: 256 }, deviceScaleFactor: 1 });
  await page.setContent(`<!DOCTYPE html><html><body style="margin:0;background:transparent">${svg}</body></html>`);
  await page.locator('svg').screenshot({ path: path.join(ROOT, 'resources', 'icon.png'), omitBackground: true });
} finally {
  await browser.close();
}
console.log('resources/icon.png written');
