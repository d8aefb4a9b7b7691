// package.json's user-visible strings live in package.nls.json (VS Code's localisation of
// contributions): package.json names them by "%key%", VS Code and vsce put the text back. A
// translation is then one more package.nls.<language>.json next to it.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';

/** The repository, from out/test/unit/ where this runs. */
const ROOT = path.resolve(__dirname, '..', '..', '..');

const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Record<string, unknown>;
const strings = JSON.parse(readFileSync(path.join(ROOT, 'package.nls.json'), 'utf8')) as Record<string, unknown>;

/** What vsce and VS Code replace: the whole value is one "%key%" (vsce allows letters, digits, _ and .). */
const PLACEHOLDER = /^%([\w.]+)%$/;

/** Every string value in `value`, with where it is (`contributes.commands[3].title`). */
function stringsIn(value: unknown, at: string): Array<{ at: string; text: string }> {
  if (typeof value === 'string') {
    return [{ at, text: value }];
  }
  if (Array.isArray(value)) {
    return value.flatMap((item, index) => stringsIn(item, `${at}[${index}]`));
  }
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => stringsIn(item, at ? `${at}.${key}` : key));
  }
  return [];
}

const all = stringsIn(manifest, '');
const used = all.map(({ text }) => PLACEHOLDER.exec(text)?.[1]).filter((key): key is string => key !== undefined);

test('every %key% package.json uses is in package.nls.json, as text', () => {
  assert.ok(used.length > 50, `package.json uses ${used.length} keys`);
  assert.deepEqual(used.filter((key) => !(key in strings)), [], 'keys missing from package.nls.json');
  for (const key of used) {
    assert.equal(typeof strings[key], 'string', `${key} is a string`);
    assert.ok((strings[key] as string).trim() !== '', `${key} is not empty`);
  }
});

test('every key of package.nls.json is used by package.json', () => {
  assert.deepEqual(Object.keys(strings).filter((key) => !used.includes(key)), [], 'keys nobody uses');
});

test('no command title or category, submenu label, view or setting text, walkthrough text or the name and description is a literal in package.json', () => {
  // Where VS Code shows a contribution's text to the user.
  const userVisible = [
    /^displayName$/,
    /^description$/,
    /^capabilities\.\w+\.description$/,
    /^contributes\.commands\[\d+\]\.(title|shortTitle|category)$/,
    /^contributes\.submenus\[\d+\]\.label$/,
    /^contributes\.viewsContainers\.\w+\[\d+\]\.title$/,
    /^contributes\.views\.\w+\[\d+\]\.(name|contextualTitle)$/,
    /^contributes\.viewsWelcome\[\d+\]\.contents$/,
    /^contributes\.configuration\.title$/,
    /^contributes\.configuration\.properties\.[\w.]+\.(description|markdownDescription|deprecationMessage|markdownDeprecationMessage)$/,
    /^contributes\.configuration\.properties\.[\w.]+\.(enumDescriptions|markdownEnumDescriptions)\[\d+\]$/,
    /^contributes\.walkthroughs\[\d+\]\.(title|description)$/,
    /^contributes\.walkthroughs\[\d+\]\.steps\[\d+\]\.(title|description|media\.altText)$/,
  ];
  const checked = all.filter(({ at }) => userVisible.some((pattern) => pattern.test(at)));
  const commands = (manifest.contributes as { commands: unknown[] }).commands.length;
  assert.ok(checked.length >= 2 * commands, `${checked.length} user-visible strings found, ${commands} commands`);
  assert.deepEqual(checked.filter(({ text }) => !PLACEHOLDER.test(text)).map(({ at, text }) => `${at}: ${text}`), [], 'literal text in package.json');
});
