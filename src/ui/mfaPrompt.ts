import type { Prompts } from './prompts';
import { l10n } from '../l10n';

/**
 * The MFA code prompt for profiles with `mfa_serial` (the SDK calls it when assuming the role),
 * asked through `ask` one at a time: two clients asking together would otherwise stack input boxes.
 * Dismissing it rejects with a cancellation, which commands treat as silent.
 */
export function mfaCodePrompt(ask: Prompts['ask']): (serial: string) => Promise<string> {
  let queue: Promise<unknown> = Promise.resolve();
  return (serial) => {
    const asked = queue.then(() =>
      ask({
        title: l10n.t('MFA code'),
        prompt: l10n.t('Enter the current code of the MFA device {0}', serial),
        validateInput: (value) => (/^\d{6}$/.test(value.trim()) ? undefined : l10n.t('Enter the 6-digit code.')),
      }),
    );
    queue = asked.catch(() => undefined);
    return asked;
  };
}
