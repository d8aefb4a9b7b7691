// What Sync leaves out, on both sides alike: glob patterns as `.gitignore` reads them. A pattern
// ending in `/` names folders only; a pattern without another `/` matches a name at any depth
// (`*.log`, `node_modules/`); one with a `/` matches the path from the synced folder (`build/*.map`,
// a leading `/` anchors it there). A folder left out takes everything under it along. Brackets are a
// class only in a pattern with `*` or `?`, as in Find in Bucket.
import { globSource } from '../keyPattern';
import { l10n } from '../../l10n';

interface CompiledPattern {
  expression: RegExp;
  foldersOnly: boolean;
  byName: boolean;
}

/** Why a typed pattern cannot be used, or undefined. */
export function excludeProblem(pattern: string): string | undefined {
  const trimmed = pattern.trim();
  if (trimmed === '' || trimmed === '/' || trimmed.replace(/\//g, '') === '') {
    return l10n.t('"{0}" names nothing: write a name or a glob such as "*.log" or "build/".', pattern);
  }
  return undefined;
}

function compile(pattern: string): CompiledPattern {
  const foldersOnly = pattern.endsWith('/');
  const body = pattern.replace(/\/+$/, '');
  const anchored = body.startsWith('/');
  const glob = body.replace(/^\/+/, '');
  // As in Find in Bucket, a pattern without `*` or `?` is a plain name: "photo [1].jpg" is that file.
  const source = /[*?]/.test(glob) ? globSource(glob) : glob.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return { expression: new RegExp(`^${source}$`, 'u'), foldersOnly, byName: !anchored && !glob.includes('/') };
}

/** A test of one relative path (`/`-separated, no leading `/`) against every pattern. */
export type ExcludeTest = (relativePath: string, isFolder: boolean) => boolean;

/** The test of `patterns` for one entry: its own name or path (a walk prunes excluded folders). */
export function excludeTest(patterns: readonly string[]): ExcludeTest {
  const compiled = patterns.filter((pattern) => excludeProblem(pattern) === undefined).map((pattern) => compile(pattern.trim()));
  return (relativePath, isFolder) =>
    compiled.some(({ expression, foldersOnly, byName }) => (isFolder || !foldersOnly) && expression.test(byName ? relativePath.slice(relativePath.lastIndexOf('/') + 1) : relativePath));
}

/** Whether a key below the synced prefix is excluded: itself, or any folder above it (a listing has no pruning). */
export function keyExcluded(test: ExcludeTest, relativeKey: string): boolean {
  const segments = relativeKey.split('/');
  for (let depth = 1; depth < segments.length; depth++) {
    if (test(segments.slice(0, depth).join('/'), true)) {
      return true;
    }
  }
  return test(relativeKey, false);
}
