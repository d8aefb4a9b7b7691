// l10n/bundle.l10n.json is what VS Code translates runtime strings from (package.json's "l10n"): it must
// list every message passed to `vscode.l10n.t` / `l10n.t` in src, and nothing that is gone (a stale
// bundle fails). `npm run l10n` regenerates it.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { globSync } from 'glob';
import { formatMessage, l10n, setTranslator } from '../../../src/l10n';

// Compiled to out/test/unit/l10n/: four levels up is the repository.
const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
const BUNDLE = path.join(ROOT, 'l10n', 'bundle.l10n.json');

/** A message as it appears in a string literal of the source (single quotes, escaped as written). */
function asWritten(message: string): string[] {
  const escaped = message.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
  return [`'${escaped.replace(/'/g, "\\'")}'`, `"${escaped.replace(/"/g, '\\"')}"`, `\`${escaped.replace(/`/g, '\\`')}\``];
}

test('the bundle is non-empty and every message it lists is in src', () => {
  const bundle = JSON.parse(readFileSync(BUNDLE, 'utf8')) as Record<string, string | { message: string }>;
  const messages = Object.values(bundle).map((value) => (typeof value === 'string' ? value : value.message));
  assert.ok(messages.length > 50, `only ${messages.length} messages in l10n/bundle.l10n.json`);
  const sources = globSync('src/**/*.ts', { cwd: ROOT }).map((file) => readFileSync(path.join(ROOT, file), 'utf8')).join('\n');
  const missing = messages.filter((message) => !asWritten(message).some((literal) => sources.includes(literal)));
  assert.deepEqual(missing, [], 'messages in the bundle that no source has any more: run `npm run l10n`');
});

test('every message passed to l10n.t in src is in the bundle', () => {
  // A cheap stand-in for re-running the extractor (scripts/l10nBundle.cjs takes several seconds):
  // the first argument of every `l10n.t('…'` / `vscode.l10n.t('…'` call, read from the source.
  const bundle = JSON.parse(readFileSync(BUNDLE, 'utf8')) as Record<string, unknown>;
  const missing: string[] = [];
  for (const file of globSync('src/**/*.ts', { cwd: ROOT, ignore: 'src/l10n.ts' })) {
    for (const [, literal] of readFileSync(path.join(ROOT, file), 'utf8').matchAll(/\bl10n\.t\(\s*'((?:[^'\\\n]|\\.)*)'/g)) {
      const message = literal.replace(/\\(.)/g, (_, char: string) => (char === 'n' ? '\n' : char));
      if (!(message in bundle)) {
        missing.push(`${file}: ${message}`);
      }
    }
  }
  assert.deepEqual(missing, [], 'messages missing from l10n/bundle.l10n.json: run `npm run l10n`');
});

test('t fills {0} {1} placeholders, repeated and out of order, with the default translator', () => {
  setTranslator();
  assert.equal(l10n.t('Copied {1} to {0}; {1} is kept.', 'b/', 'a.txt'), 'Copied a.txt to b/; a.txt is kept.');
  assert.equal(l10n.t('{0} of {1} ({0}/{1}) done: {2}', 3, 10, true), '3 of 10 (3/10) done: true');
  assert.equal(l10n.t('No arguments, so {0} stays.'), 'No arguments, so {0} stays.');
  assert.equal(l10n.t('Only {0}, not {1}.', 'one'), 'Only one, not {1}.');
  assert.equal(l10n.t('A {json} brace and $& stay as written: {0}', '$1'), 'A {json} brace and $& stay as written: $1');
});

test('setTranslator routes t through the given function and restores the default', () => {
  setTranslator((message, ...args) => `[${formatMessage(message, ...args)}]`);
  try {
    assert.equal(l10n.t('Deleted {0}.', 'x'), '[Deleted x.]');
  } finally {
    setTranslator();
  }
  assert.equal(l10n.t('Deleted {0}.', 'x'), 'Deleted x.');
});
