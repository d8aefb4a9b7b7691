// Reads docs/claims.md, the map from the README's promises to the tests that prove them, and finds
// the references that prove nothing: a test file that does not exist, or a test name not in its file.
// The map names tests in a few written forms, all handled here:
//   `integration/fs/acls.test.ts` (both tests)                  a file alone: all its tests
//   `unit/s3/errors.test.ts` › "name", "other name …"           quoted names after the file
//   `test/integration/x.test.ts` › name to the end of the cell  one unquoted name
//   `test/integration/x.test.ts › name`, `x.test.ts › name`      file and name in one code span
//   `… › name`, `› name`                                        the file named before
// A "…" in a name stands for text left out: the pieces around it must appear in that order.
// File paths are under test/ (with or without the "test/" prefix); a bare file name must match one
// file there.

export interface ClaimReference {
  /** 1-based line in claims.md. */
  line: number;
  /** The file as written. */
  file: string;
  /** The test names given; none means the file stands for all its tests. */
  names: string[];
}

interface CodeSpan {
  text: string;
  start: number;
  end: number;
}

const SAME_FILE = '…';

/** The code spans of a markdown line, honouring "\`" (a backtick inside a span). */
function codeSpans(line: string): CodeSpan[] {
  const spans: CodeSpan[] = [];
  const pattern = /`((?:\\`|[^`])*)`/g;
  for (let match = pattern.exec(line); match; match = pattern.exec(line)) {
    spans.push({ text: match[1].replace(/\\`/g, '`'), start: match.index, end: match.index + match[0].length });
  }
  return spans;
}

/** A span naming a test file alone, a test file with a name in it, or another file or folder under test/. */
function spanKind(text: string): 'file' | 'fileAndName' | 'support' | undefined {
  if (/^\S+\.test\.ts$/.test(text)) {
    return 'file';
  }
  if (/^(?:\S+\.test\.ts|…)?\s*›/.test(text)) {
    return 'fileAndName';
  }
  return /^test\/\S+$/.test(text) ? 'support' : undefined;
}

/**
 * The names written after a file's span, up to the next file's span: quoted names (`"a", "b"`, the
 * first quote to the last, so names may hold quotes), or one unquoted name; none when no "›" follows.
 */
function namesAfter(text: string): string[] {
  const names = /^\s*›\s*(.*)$/s.exec(text)?.[1].replace(/[\s;,|]+$/, '');
  if (!names) {
    return [];
  }
  if (!names.startsWith('"')) {
    return [names];
  }
  return names.slice(1, names.lastIndexOf('"')).split(/",\s*"/);
}

/** Every test file (and name) that docs/claims.md names, table rows and list items alike. */
export function claimReferences(markdown: string): ClaimReference[] {
  const references: ClaimReference[] = [];
  let previousFile = '';
  markdown.split('\n').forEach((line, index) => {
    const spans = codeSpans(line)
      .map((span) => ({ ...span, kind: spanKind(span.text) }))
      .filter((span) => span.kind !== undefined);
    spans.forEach((span, at) => {
      if (span.kind === 'fileAndName') {
        const [, file, name] = /^(\S*?)\s*›\s*(.*)$/s.exec(span.text)!;
        previousFile = file && file !== SAME_FILE ? file : previousFile;
        references.push({ line: index + 1, file: previousFile, names: [name.trim()] });
        return;
      }
      if (span.kind === 'file') {
        previousFile = span.text;
      }
      const names = span.kind === 'file' ? namesAfter(line.slice(span.end, spans[at + 1]?.start ?? line.length)) : [];
      references.push({ line: index + 1, file: span.text, names });
    });
  });
  return references;
}

/** Test source as its titles read: string escapes undone, so `'the role\'s'` matches "the role's". */
function asTitlesRead(source: string): string {
  return source.replace(/\\(['"`\\])/g, '$1');
}

/** Whether the pieces of `name` around each "…" appear in `text` in that order. */
function containsName(text: string, name: string): boolean {
  let from = 0;
  for (const piece of name.split('…').map((part) => part.trim()).filter((part) => part !== '')) {
    const at = text.indexOf(piece, from);
    if (at < 0) {
      return false;
    }
    from = at + piece.length;
  }
  return true;
}

/**
 * The path under test/ a written file or folder stands for: as written (without "test/"), or the one
 * file whose path ends with it.
 */
function resolveFile(written: string, files: ReadonlyMap<string, string>): string | undefined {
  const relative = written.replace(/^test\//, '');
  if (files.has(relative) || (relative.endsWith('/') && [...files.keys()].some((file) => file.startsWith(relative)))) {
    return relative;
  }
  const endingWith = [...files.keys()].filter((file) => file.endsWith(`/${relative}`));
  return endingWith.length === 1 ? endingWith[0] : undefined;
}

export interface UnprovenClaim {
  /** 1-based line in claims.md. */
  line: number;
  problem: string;
}

/**
 * What in docs/claims.md proves nothing: files missing under test/ and names not found in their file.
 * `files` maps each file under test/ (relative, "/"-separated) to its source.
 */
export function unprovenClaims(markdown: string, files: ReadonlyMap<string, string>): UnprovenClaim[] {
  const unproven: UnprovenClaim[] = [];
  for (const { line, file: written, names } of claimReferences(markdown)) {
    const file = resolveFile(written, files);
    if (file === undefined) {
      unproven.push({ line, problem: `no file ${written} under test/` });
      continue;
    }
    const source = asTitlesRead(files.get(file) ?? '');
    for (const name of names.filter((wanted) => !containsName(source, wanted))) {
      unproven.push({ line, problem: `${file} has no test named "${name}"` });
    }
  }
  return unproven;
}
