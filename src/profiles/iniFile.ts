// Parser for the AWS shared config/credentials INI dialect, as the aws CLI reads it:
// `[section]`, `key = value`, `#`/`;` comments, and sub-sections written as a key with an
// empty value followed by indented `key = value` lines (stored as `parent.key`).

export type IniSections = Map<string, Record<string, string>>;

export function parseIni(text: string): IniSections {
  const sections: IniSections = new Map();
  let current: Record<string, string> | undefined;
  let subSection: string | undefined;

  for (const rawLine of text.split(/\r?\n/)) {
    const trimmed = rawLine.trim();
    if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith(';')) {
      continue;
    }
    const header = /^\[\s*([^\]]+?)\s*\]/.exec(trimmed);
    if (header) {
      const name = header[1].replace(/\s+/g, ' ');
      current = sections.get(name) ?? {};
      sections.set(name, current);
      subSection = undefined;
      continue;
    }
    const equals = trimmed.indexOf('=');
    if (!current || equals <= 0) {
      continue;
    }
    const key = trimmed.slice(0, equals).trim().toLowerCase();
    const value = trimmed.slice(equals + 1).trim();
    const indented = rawLine.length > rawLine.trimStart().length;
    if (!indented) {
      subSection = undefined;
    }
    if (value === '' && !indented) {
      subSection = key;
      continue;
    }
    current[subSection ? `${subSection}.${key}` : key] = value;
  }
  return sections;
}
