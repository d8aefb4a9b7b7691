#!/usr/bin/env node
// `npm run l10n`: writes l10n/bundle.l10n.json, every message of src/ passed to `vscode.l10n.t(…)` or
// to `l10n.t(…)` of src/l10n.ts, extracted by @vscode/l10n-dev's own extractor (getL10nJson).
// Its CLI (`vscode-l10n-dev export ./src`) alone would miss the second kind: it only reads `l10n.t`
// in files that import `l10n` from 'vscode' or '@vscode/l10n'. So a file importing the seam is shown
// to the extractor with that import's source read as '@vscode/l10n' — nothing else changes.
// test/unit/l10n/bundle.test.ts checks the committed bundle against the sources (without the extractor, which is slow).
const { readFileSync, writeFileSync, mkdirSync } = require('node:fs');
const path = require('node:path');
const { globSync } = require('glob');
const { getL10nJson } = require('@vscode/l10n-dev');

const SEAM_IMPORT = /(import\s*\{[^}]*\bl10n\b[^}]*\}\s*from\s*)'(?:\.\.?\/)+(?:ui\/)?l10n'/g;

/** The bundle for the sources under ROOT/src, as JSON text (2-space indent, as the CLI writes it). */
async function extractBundle(root) {
  const files = globSync('src/**/*.ts', { cwd: root, posix: true }).sort();
  const contents = files.map((file) => ({
    extension: '.ts',
    contents: readFileSync(path.join(root, file), 'utf8').replace(SEAM_IMPORT, "$1'@vscode/l10n'"),
  }));
  return `${JSON.stringify(await getL10nJson(contents), undefined, 2)}\n`;
}

module.exports = { extractBundle };

if (require.main === module) {
  const root = path.resolve(__dirname, '..');
  extractBundle(root).then((text) => {
    mkdirSync(path.join(root, 'l10n'), { recursive: true });
    writeFileSync(path.join(root, 'l10n', 'bundle.l10n.json'), text);
    console.log(`l10n/bundle.l10n.json: ${Object.keys(JSON.parse(text)).length} messages`);
  });
}
