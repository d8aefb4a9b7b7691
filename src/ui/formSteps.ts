// Forms of several questions, as VS Code's multi-step input sample has them: each question shows
// "step/total" and, from the second on, a Back button that returns to the previous question with
// its answer kept. Free of `vscode`, so the stepping is unit-tested on its own.

/** Where a question stands in its form. */
export interface FormStep {
  step: number;
  totalSteps: number;
}

/** Thrown by a question whose Back button was pressed. */
export class StepBack extends Error {
  constructor() {
    super('Back');
    this.name = 'StepBack';
  }
}

/** By name, not `instanceof`: a caller with its own copy of this module (a test bundle) still goes back. */
export function isStepBack(error: unknown): boolean {
  return error instanceof Error && error.name === 'StepBack';
}

/** One question of a form; returns false when it does not apply (skipped both ways). */
export type FormQuestion = (step: FormStep) => Promise<boolean | void>;

/**
 * Asks the questions in order; Back on one goes to the previous question that applies. The
 * questions keep their answers in the caller's state, so going back shows the earlier answer.
 * Back on the first question is a cancellation of the form (rethrown).
 */
export async function runForm(questions: FormQuestion[]): Promise<void> {
  let index = 0;
  let backwards = false;
  while (index < questions.length) {
    try {
      const asked = await questions[index]({ step: index + 1, totalSteps: questions.length });
      if (asked === false && backwards && index > 0) {
        index--;
        continue;
      }
      backwards = false;
      index++;
    } catch (error) {
      if (!isStepBack(error) || index === 0) {
        throw error;
      }
      backwards = true;
      index--;
    }
  }
}
