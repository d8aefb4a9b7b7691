/**
 * The one seam for user-facing strings in modules that do not import `vscode` (src/s3, src/transfer,
 * src/profiles, parts of src/ui and src/fs), so they stay loadable in plain node for the unit tests.
 * Call it as `l10n.t('Copied {0} to {1}.', a, b)`: `npm run l10n` (scripts/l10nBundle.cjs) extracts
 * these calls into l10n/bundle.l10n.json together with the `vscode.l10n.t` calls of the other modules.
 *
 * By default the English message is returned with `{0}`, `{1}` … replaced by the arguments;
 * src/extension.ts routes it through `vscode.l10n.t` at activation (`setTranslator`). The translator is
 * kept on globalThis, not in a module variable: dist/extension.js, dist/sdk.js and dist/errors.js each
 * inline their own copy of this module (esbuild.mjs), and all three must see the one activation set.
 */
export type Translator = (message: string, ...args: Array<string | number | boolean>) => string;

/** `{0}` → args[0], as `vscode.l10n.t` does; a placeholder without an argument stays as written. */
export const formatMessage: Translator = (message, ...args) =>
  args.length === 0 ? message : message.replace(/\{(\d+)\}/g, (match, index: string) => (Number(index) < args.length ? String(args[Number(index)]) : match));

const KEY = Symbol.for('s3-browser-dev.s3-browser.l10n.translator');
const shared = globalThis as { [KEY]?: Translator };

/** Activation passes `(message, ...args) => vscode.l10n.t(message, ...args)`; no argument restores the default. */
export function setTranslator(next: Translator = formatMessage): void {
  shared[KEY] = next;
}

export function t(message: string, ...args: Array<string | number | boolean>): string {
  return (shared[KEY] ?? formatMessage)(message, ...args);
}

/** Import as `import { l10n } from '../l10n'` and call `l10n.t(…)`: the shape the extractor looks for. */
export const l10n = { t };
