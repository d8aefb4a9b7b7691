import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { runForm, StepBack, type FormStep } from '../../../src/ui/formSteps';

test('Back returns to the previous question with its answer kept; a skipped question is skipped going back too', async () => {
  const asked: string[] = [];
  const answers: Record<string, string> = {};
  let backOnce = true;
  await runForm([
    async (step: FormStep) => {
      asked.push(`name ${step.step}/${step.totalSteps} (was ${answers.name ?? '-'})`);
      answers.name = 'minio';
    },
    async () => false, // does not apply (the KMS key when encryption is not aws:kms)
    async (step: FormStep) => {
      asked.push(`url ${step.step}/${step.totalSteps}`);
      if (backOnce) {
        backOnce = false;
        throw new StepBack();
      }
      answers.url = 'http://127.0.0.1:9000';
    },
  ]);
  assert.deepEqual(asked, ['name 1/3 (was -)', 'url 3/3', 'name 1/3 (was minio)', 'url 3/3']);
  assert.deepEqual(answers, { name: 'minio', url: 'http://127.0.0.1:9000' });
});

test('Back on the first question, or any other error, ends the form', async () => {
  await assert.rejects(runForm([async () => { throw new StepBack(); }]), StepBack);
  await assert.rejects(runForm([async () => undefined, async () => { throw new Error('cancelled'); }]), /cancelled/);
});
