import type { Prompts } from './prompts';

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
        title: 'MFA code',
        prompt: `Enter the current code of the MFA device ${serial}`,
        validateInput: (value) => (/^\d{6}$/.test(value.trim()) ? undefined : 'Enter the 6-digit code.'),
      }),
    );
    queue = asked.catch(() => undefined);
    return asked;
  };
}
