import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { placeKeys, safeSegment, type Placement } from '../../../src/transfer/localNames';

function place(...relativeKeys: string[]): Placement[] {
  return placeKeys(relativeKeys.map((relativeKey) => ({ relativeKey })));
}

function placeOne(relativeKey: string): Placement {
  return place(relativeKey)[0];
}

test('ordinary keys keep their names and layout, unicode and URL characters included', () => {
  assert.deepEqual(place('q/a.txt', 'q/deep/er/b.bin', 'q/ünï cødé 日本.txt', 'q/a+b %20 #1.txt', 'q/.hidden'), [
    { kind: 'file', relativePath: 'q/a.txt', renamed: undefined },
    { kind: 'file', relativePath: 'q/deep/er/b.bin', renamed: undefined },
    { kind: 'file', relativePath: 'q/ünï cødé 日本.txt', renamed: undefined },
    { kind: 'file', relativePath: 'q/a+b %20 #1.txt', renamed: undefined },
    { kind: 'file', relativePath: 'q/.hidden', renamed: undefined },
  ]);
});

test('a key ending in "/" is a folder, not a file', () => {
  assert.deepEqual(place('q/', 'q/sub/'), [
    { kind: 'folder', relativePath: 'q', renamed: undefined },
    { kind: 'folder', relativePath: 'q/sub', renamed: undefined },
  ]);
});

test('keys that would leave the chosen folder are refused, each with its reason', () => {
  const refused: Record<string, RegExp> = {
    '../x': /"\.\." segment/,
    '../../.bashrc': /"\.\." segment/,
    'q/a/../../b': /"\.\." segment/,
    'q/a/../../../b': /"\.\." segment/,
    '..': /"\.\." segment/,
    'q/..': /"\.\." segment/,
    '../': /"\.\." segment/,
    '/etc/x': /starts with "\/"/,
    '//etc/x': /starts with "\/"/,
    'q/./a': /"\." segment/,
    '.': /"\." segment/,
    './a': /"\." segment/,
    'q\\..\\..\\x': /"\.\." segment/,
    '..\\x': /"\.\." segment/,
    'q/a\\..\\..\\..\\b': /"\.\." segment/,
    'q//etc/x': /empty segment/,
    '': /no name/,
    '/': /no name/,
  };
  for (const [key, reason] of Object.entries(refused)) {
    const placement = placeOne(key);
    assert.equal(placement.kind, 'refused', `${JSON.stringify(key)} is refused`);
    assert.match((placement as { reason: string }).reason, reason, JSON.stringify(key));
  }
});

test('names that only look like dots are names: "...", "..a", "a..", ".a"', () => {
  assert.deepEqual(
    place('q/..a', 'q/.a', 'q/a..b').map((placement) => placement.kind === 'file' && placement.relativePath),
    ['q/..a', 'q/.a', 'q/a..b'],
  );
  // Trailing dots vanish on Windows, so they are encoded: "..." and "a.." stay distinct from "" and "a".
  assert.deepEqual(placeOne('q/...'), { kind: 'file', relativePath: 'q/%2E%2E%2E', renamed: 'characters that Windows does not allow in file names were replaced' });
  assert.equal(safeSegment('a..'), 'a%2E%2E');
});

test('characters Windows forbids are written as %XX and reported', () => {
  assert.equal(safeSegment('a:b*c?d"e<f>g|h'), 'a%3Ab%2Ac%3Fd%22e%3Cf%3Eg%7Ch');
  assert.equal(safeSegment('back\\slash'), 'back%5Cslash');
  assert.equal(safeSegment('tab\there\u0000nul\u001f'), 'tab%09here%00nul%1F');
  assert.equal(safeSegment('ends with space '), 'ends with space%20');
  assert.equal(safeSegment('ends with dot.'), 'ends with dot%2E');
  assert.equal(safeSegment('mixed. . '), 'mixed%2E%20%2E%20');
  assert.equal(safeSegment('inner . dots.txt'), 'inner . dots.txt', 'dots and spaces inside a name are fine');
  assert.equal(safeSegment('%3A already encoded'), '%3A already encoded', '% itself is allowed and kept');
  const placement = placeOne('q/x:y/report?.csv');
  assert.deepEqual(placement, { kind: 'file', relativePath: 'q/x%3Ay/report%3F.csv', renamed: 'characters that Windows does not allow in file names were replaced' });
});

test('reserved device names get "_" after the name, with or without an extension, in any case', () => {
  const expected: Record<string, string> = {
    CON: 'CON_',
    con: 'con_',
    'nul.txt': 'nul_.txt',
    'Aux.tar.gz': 'Aux_.tar.gz',
    PRN: 'PRN_',
    COM1: 'COM1_',
    'com9.log': 'com9_.log',
    LPT1: 'LPT1_',
    'lpt5.x': 'lpt5_.x',
    'COM¹': 'COM¹_',
    // Not device names:
    CONSOLE: 'CONSOLE',
    'con-fig.txt': 'con-fig.txt',
    COM10: 'COM10',
    'nullable.txt': 'nullable.txt',
    'my.con': 'my.con',
  };
  for (const [name, safe] of Object.entries(expected)) {
    assert.equal(safeSegment(name), safe, name);
  }
  assert.deepEqual(placeOne('q/CON/aux.txt'), { kind: 'file', relativePath: 'q/CON_/aux_.txt', renamed: 'characters that Windows does not allow in file names were replaced' });
});

test('a file next to a folder of the same name is kept under a numbered name and reported, whichever comes first', () => {
  assert.deepEqual(place('q/a', 'q/a/b'), [
    { kind: 'file', relativePath: 'q/a (2)', renamed: '"a" is the folder of key "q/a/b"' },
    { kind: 'file', relativePath: 'q/a/b', renamed: undefined },
  ]);
  assert.deepEqual(place('q/a/b', 'q/a.txt', 'q/a.txt/c'), [
    { kind: 'file', relativePath: 'q/a/b', renamed: undefined },
    { kind: 'file', relativePath: 'q/a (2).txt', renamed: '"a.txt" is the folder of key "q/a.txt/c"' },
    { kind: 'file', relativePath: 'q/a.txt/c', renamed: undefined },
  ]);
  // A folder marker claims its name too.
  assert.deepEqual(place('q/a', 'q/a/'), [
    { kind: 'file', relativePath: 'q/a (2)', renamed: '"a" is the folder of key "q/a/"' },
    { kind: 'folder', relativePath: 'q/a', renamed: undefined },
  ]);
});

test('keys that share a local name after replacement never overwrite each other', () => {
  assert.deepEqual(place('q/x:y', 'q/x%3Ay', 'q/x%3Ay (2)'), [
    { kind: 'file', relativePath: 'q/x%3Ay', renamed: 'characters that Windows does not allow in file names were replaced' },
    { kind: 'file', relativePath: 'q/x%3Ay (3)', renamed: 'key "q/x:y" has the same local name' },
    { kind: 'file', relativePath: 'q/x%3Ay (2)', renamed: undefined },
  ]);
  // The numbered name skips names other keys already hold.
  const placements = place('q/r.csv', 'q/r (2).csv', 'q/r.csv.', 'q/R.CSV');
  const paths = placements.map((placement) => placement.kind === 'file' && placement.relativePath);
  assert.deepEqual(paths, ['q/r.csv', 'q/r (2).csv', 'q/r.csv%2E', 'q/R (3).CSV']);
  assert.equal(new Set(paths.map((path) => String(path).toLowerCase())).size, 4, 'distinct even on a case-insensitive file system');
});

test('names that differ only in case or Unicode normalisation are distinct on every OS', () => {
  const composed = 'q/caf\u00e9.txt';
  const decomposed = 'q/cafe\u0301.txt';
  assert.deepEqual(
    place('q/Read.me', 'q/read.me', composed, decomposed).map((placement) => placement.kind === 'file' && [placement.relativePath, placement.renamed]),
    [
      ['q/Read.me', undefined],
      ['q/read (2).me', 'key "q/Read.me" has the same local name'],
      [composed, undefined],
      ['q/cafe\u0301 (2).txt', `key "${composed}" has the same local name`],
    ],
  );
  // A file named like a folder differing only in case is renamed too (one folder on Windows and macOS).
  assert.deepEqual(place('q/Docs', 'q/docs/x'), [
    { kind: 'file', relativePath: 'q/Docs (2)', renamed: '"Docs" is the folder of key "q/docs/x"' },
    { kind: 'file', relativePath: 'q/docs/x', renamed: undefined },
  ]);
});

test('a name longer than local file systems allow is refused', () => {
  assert.equal(placeOne(`q/${'a'.repeat(255)}`).kind, 'file');
  const placement = placeOne(`q/${'a'.repeat(256)}`);
  assert.equal(placement.kind, 'refused');
  // Replacement can make a name too long: 100 ":" become 300 bytes.
  assert.equal(placeOne(`q/${':'.repeat(100)}`).kind, 'refused');
});

test('refused keys take no name from the others', () => {
  assert.deepEqual(place('q/../q/a', 'q/a'), [
    { kind: 'refused', reason: 'it contains a ".." segment, which would leave the chosen folder' },
    { kind: 'file', relativePath: 'q/a', renamed: undefined },
  ]);
});
