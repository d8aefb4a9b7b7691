// Writes dist/readme.md, the README that goes into the .vsix (`vsce package --readme-path`): README.md
// with each local image (`![alt](docs/images/NAME.png)`) inlined as a data: URI.
//
// Why not ship docs/images/*.png next to it: VS Code's extension details page renders the README in
// a webview whose Content-Security-Policy is `img-src https: data:`, with no base URL and no service
// worker, so a relative `docs/images/tree.png` resolves against the webview's own page and is a
// broken picture whether or not the file is in the package (checked in code-server 4.100.3 /
// VS Code 1.100.3; test/e2e/detailsPage.test.ts). Only https: and data: images show there.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const TYPES = { '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif' };

const source = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
let inlined = 0;
// Markdown images with a relative path (no scheme, not an anchor): ![alt](path "optional title")
const output = source.replace(/(!\[[^\]]*\]\()([^)\s:#]+)((?:\s+"[^"]*")?\))/g, (match, head, link, tail) => {
  const type = TYPES[path.extname(link).toLowerCase()];
  if (!type) {
    throw new Error(`README image ${link}: only PNG, JPEG and GIF can be inlined (vsce refuses SVG images)`);
  }
  const bytes = readFileSync(path.join(ROOT, decodeURI(link)));
  inlined++;
  return `${head}data:${type};base64,${bytes.toString('base64')}${tail}`;
});
mkdirSync(path.join(ROOT, 'dist'), { recursive: true });
writeFileSync(path.join(ROOT, 'dist', 'readme.md'), output);
console.log(`dist/readme.md: README.md with ${inlined} image(s) inlined (${Math.round(output.length / 1024)} KiB)`);
