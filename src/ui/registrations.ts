import type { Disposable } from 'vscode';
import { l10n } from '../l10n';

/** A part VS Code refused to register, and what the user goes without. */
export interface RefusedRegistration {
  /** "the s3browser: file system". */
  what: string;
  /** "objects cannot be opened as documents". */
  effect: string;
  reason: string;
}

/**
 * Registers each part of the extension on its own, so one refusal (another extension owns a scheme,
 * a second copy of this extension owns a command id) leaves the rest working instead of ending
 * `activate()` before the commands exist.
 */
export class Registrations {
  readonly refused: RefusedRegistration[] = [];

  constructor(private readonly subscriptions: Disposable[]) {}

  add(what: string, effect: string, register: () => Disposable): void {
    try {
      this.subscriptions.push(register());
    } catch (error) {
      this.refused.push({ what, effect, reason: error instanceof Error ? error.message : String(error) });
    }
  }

  /** One line per refusal for the log, and one message for the user; none when all registered. */
  report(): { logLines: string[]; message?: string } {
    if (this.refused.length === 0) {
      return { logLines: [] };
    }
    const logLines = this.refused.map(({ what, effect, reason }) => `Could not register ${what} (${reason}): ${effect}.`);
    const effects = [...new Set(this.refused.map(({ effect }) => effect))];
    const message =
      this.refused.length === 1
        ? l10n.t('S3 Browser started, but VS Code refused {0}: {1}. Everything else works. Details are in the S3 output channel.', this.refused[0].what, effects.join('; '))
        : l10n.t('S3 Browser started, but VS Code refused {0} of its parts: {1}. Everything else works. Details are in the S3 output channel.', this.refused.length, effects.join('; '));
    return { logLines, message };
  }
}
