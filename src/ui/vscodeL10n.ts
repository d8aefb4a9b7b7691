// Imported first by src/extension.ts, so that it runs before any other module of dist/extension.js is
// evaluated: module-level labels made with `l10n.t` (src/l10n.ts) are then translated too, not only
// the strings made after activation. The translator lives on globalThis, where the copies of
// src/l10n.ts inlined in dist/sdk.js and dist/errors.js read it as well.
import * as vscode from 'vscode';
import { setTranslator } from '../l10n';

setTranslator((message, ...args) => vscode.l10n.t(message, ...args));
