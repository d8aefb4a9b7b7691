// What Find in Bucket matches keys with: a substring (any case), a glob (`**/report-*.csv`), or a
// regular expression written `/…/flags`. Keys are matched below the folder searched.
import { l10n } from '../l10n';

export interface KeyPattern {
  kind: 'substring' | 'glob' | 'regex';
  /** Whether `relativeKey` (the key below the searched folder) matches. */
  matches(relativeKey: string): boolean;
}

/** A `*` or `?` makes a glob; a `[` alone does not, since names hold brackets ("photo [1].jpg"). */
const GLOB_CHARACTERS = /[*?]/;

/** A glob as a regular expression: `**` crosses folders (and matches none before a slash), `*` and `?` stay in one segment, `[…]` is a class. */
export function globSource(glob: string): string {
  let source = '';
  for (let index = 0; index < glob.length; index++) {
    const character = glob[index];
    if (glob.startsWith('**/', index)) {
      source += '(?:.*/)?';
      index += 2;
    } else if (glob.startsWith('**', index)) {
      source += '.*';
      index += 1;
    } else if (character === '*') {
      source += '[^/]*';
    } else if (character === '?') {
      source += '[^/]';
    } else if (character === '[') {
      const end = glob.indexOf(']', index + 2);
      if (end === -1) {
        source += '\\[';
      } else {
        const body = glob.slice(index + 1, end).replace(/\\/g, '\\\\');
        source += `[${body.startsWith('!') ? `^${body.slice(1)}` : body}]`;
        index = end;
      }
    } else {
      source += character.replace(/[.+^${}()|\\\]]/g, '\\$&');
    }
  }
  return source;
}

/**
 * Reads what the user typed. A glob without "/" matches the key's name in any folder (as `find
 * -name` does); with "/" it matches the whole key below the searched folder. Throws on an invalid
 * regular expression, saying why.
 */
export function parseKeyPattern(input: string): KeyPattern {
  const regex = /^\/(.+)\/([a-z]*)$/s.exec(input);
  if (regex) {
    let expression: RegExp;
    try {
      expression = new RegExp(regex[1], regex[2].replace(/g|y/g, ''));
    } catch (error) {
      throw new Error(l10n.t('Not a valid regular expression: {0}', (error as Error).message));
    }
    return { kind: 'regex', matches: (key) => expression.test(key) };
  }
  if (GLOB_CHARACTERS.test(input)) {
    const expression = new RegExp(`^${globSource(input)}$`, 'u');
    const byName = !input.includes('/');
    return { kind: 'glob', matches: (key) => expression.test(byName ? key.slice(key.lastIndexOf('/') + 1) : key) };
  }
  const needle = input.toLocaleLowerCase();
  return { kind: 'substring', matches: (key) => key.toLocaleLowerCase().includes(needle) };
}
