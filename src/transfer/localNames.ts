// Local names for downloaded keys. A key may hold any character and any `/` pattern; a local path
// may not. The names chosen here are the same on every OS (a download made on Linux can be copied to
// Windows or a Mac unchanged):
// - a key that would leave the chosen folder (`..` or `.` segments, a leading `/` or `//`, `..`
//   hidden behind a backslash) is refused by name and never written;
// - characters Windows forbids (`: * ? " < > | \`, control characters, trailing dots and spaces) are
//   written as `%XX` (their UTF-8 bytes in hex, like a URL), reserved device names (`CON`, `aux.txt`,
//   `COM1`…) get a `_` after the name (`CON_`, `aux_.txt`), and the new name is reported;
// - a key ending in `/` is a folder;
// - two keys that would share a local path — `a` next to `a/b`, `x:y` next to `x%3Ay`, or `A.txt`
//   next to `a.txt` on a case-insensitive file system (Windows, macOS) — never overwrite each other:
//   folders keep their names, and a file whose name is taken gets ` (2)`, ` (3)`… before its extension,
//   which is reported.
// Free of `vscode` and of the file system, so every rule is unit-tested.

import { l10n } from '../l10n';

/** One key to place, relative to the chosen folder (`q/a.txt` for `s3://b/p/q/a.txt` downloaded as folder `q`). */
export interface KeyToPlace {
  relativeKey: string;
}

export type Placement =
  /** `relativePath` uses `/`; `renamed` says why it differs from the key, when it does. */
  | { kind: 'file'; relativePath: string; renamed?: string }
  | { kind: 'folder'; relativePath: string; renamed?: string }
  | { kind: 'refused'; reason: string };

// eslint-disable-next-line no-control-regex
const WINDOWS_FORBIDDEN = /[\u0000-\u001f:*?"<>|\\]/gu;
const TRAILING_DOTS_AND_SPACES = /[. ]+$/u;
/** Device names Windows reserves, with or without an extension (`CON`, `nul.txt`, `COM1.tar.gz`, `LPT²`). */
const RESERVED_NAME = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(?=$|\.| +$| +\.)/iu;
/** Most file systems (ext4, NTFS, APFS) allow 255 bytes (or UTF-16 units) per name. */
const MAX_NAME_BYTES = 255;
const REPLACED = l10n.t('characters that Windows does not allow in file names were replaced');

function percentEncoded(text: string): string {
  return [...Buffer.from(text, 'utf8')].map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`).join('');
}

/** A segment's name with what Windows forbids replaced; the same segment when nothing is. */
export function safeSegment(segment: string): string {
  let name = segment.replace(WINDOWS_FORBIDDEN, percentEncoded);
  name = name.replace(TRAILING_DOTS_AND_SPACES, percentEncoded);
  return name.replace(RESERVED_NAME, '$1_');
}

/** Why a key cannot be written inside the chosen folder, or undefined when it can. */
function refusal(segments: string[]): string | undefined {
  if (segments.length === 0 || segments.every((segment) => segment === '')) {
    return l10n.t('it has no name to save it under');
  }
  if (segments[0] === '') {
    return l10n.t('it starts with "/", which would make it an absolute path');
  }
  // Windows treats "\" as a separator too: `..\x` leaves the folder there.
  const windowsSegments = segments.flatMap((segment) => segment.split('\\'));
  if (windowsSegments.some((segment) => segment === '..')) {
    return l10n.t('it contains a ".." segment, which would leave the chosen folder');
  }
  if (windowsSegments.some((segment) => segment === '.')) {
    return l10n.t('it contains a "." segment, which has no name of its own');
  }
  if (segments.some((segment) => segment === '')) {
    return l10n.t('it contains an empty segment ("//"), which has no local name');
  }
  return undefined;
}

/** How a local path compares on a case-insensitive, normalising file system (Windows, macOS). */
function folded(path: string): string {
  return path.normalize('NFC').toLowerCase();
}

/** `report.csv` → `report (2).csv`; `a` → `a (2)`; `.env` → `.env (2)`. */
function numbered(name: string, number: number): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? `${name.slice(0, dot)} (${number})${name.slice(dot)}` : `${name} (${number})`;
}

/**
 * Places every key (all of one download at once, so clashes between them are seen): the result has
 * one placement per key, in the same order.
 */
export function placeKeys(keys: readonly KeyToPlace[]): Placement[] {
  const mapped = keys.map(({ relativeKey }) => {
    const isFolder = relativeKey.endsWith('/');
    const segments = (isFolder ? relativeKey.slice(0, -1) : relativeKey).split('/');
    const refused = refusal(segments);
    if (refused) {
      return { refused };
    }
    const safe = segments.map(safeSegment);
    const tooLong = safe.find((segment) => Buffer.byteLength(segment, 'utf8') > MAX_NAME_BYTES);
    if (tooLong !== undefined) {
      return { refused: l10n.t('a name in it is longer than {0} bytes, more than local file systems allow', MAX_NAME_BYTES) };
    }
    const replaced = safe.some((segment, index) => segment !== segments[index]);
    return { isFolder, segments: safe, replaced };
  });

  // Every folder the download creates (those of folder keys and those above every file), with the
  // first key that needs it, so a file that cannot have its name says which key took it.
  const folders = new Map<string, string>();
  mapped.forEach((entry, index) => {
    if ('segments' in entry && entry.segments) {
      const depth = entry.isFolder ? entry.segments.length : entry.segments.length - 1;
      for (let i = 1; i <= depth; i++) {
        const folder = folded(entry.segments.slice(0, i).join('/'));
        if (!folders.has(folder)) {
          folders.set(folder, keys[index].relativeKey);
        }
      }
    }
  });

  const pathOf = (parent: string, name: string) => (parent ? `${parent}/${name}` : name);
  const files = new Map<string, string>();
  const taken = (path: string) => folders.has(folded(path)) || files.has(folded(path));
  // Keys whose own local name is free get it first, so a numbered name never takes the name of a
  // key that has it by right (`x:y` becomes `x%3Ay (2)` only if no key is literally `x%3Ay (2)`).
  const placements = mapped.map((entry, index): Placement | undefined => {
    if (!('segments' in entry) || !entry.segments) {
      return { kind: 'refused', reason: entry.refused! };
    }
    const relativePath = entry.segments.join('/');
    const renamed = entry.replaced ? REPLACED : undefined;
    if (entry.isFolder) {
      return { kind: 'folder', relativePath, renamed };
    }
    if (taken(relativePath)) {
      return undefined;
    }
    files.set(folded(relativePath), keys[index].relativeKey);
    return { kind: 'file', relativePath, renamed };
  });
  return placements.map((placement, index): Placement => {
    if (placement) {
      return placement;
    }
    const entry = mapped[index] as { segments: string[]; replaced: boolean };
    const parent = entry.segments.slice(0, -1).join('/');
    const name = entry.segments[entry.segments.length - 1];
    const wanted = pathOf(parent, name);
    const folderKey = folders.get(folded(wanted));
    const clash = folderKey !== undefined ? l10n.t('"{0}" is the folder of key "{1}"', name, folderKey) : l10n.t('key "{0}" has the same local name', String(files.get(folded(wanted))));
    let chosen = wanted;
    for (let number = 2; taken(chosen); number++) {
      chosen = pathOf(parent, numbered(name, number));
    }
    files.set(folded(chosen), keys[index].relativeKey);
    return { kind: 'file', relativePath: chosen, renamed: entry.replaced ? `${REPLACED}; ${clash}` : clash };
  });
}
