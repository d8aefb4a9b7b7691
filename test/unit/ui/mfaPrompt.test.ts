import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import type * as vscode from 'vscode';
import { mfaCodePrompt } from '../../../src/ui/mfaPrompt';

test('MFA prompts of two profiles never stack: the second is asked after the first is answered, also after a Cancel', async () => {
  const open: string[] = [];
  const answers: Array<(value: string | Error) => void> = [];
  const prompt = mfaCodePrompt((options: vscode.InputBoxOptions) => {
    open.push(String(options.prompt));
    return new Promise<string>((resolve, reject) => answers.push((value) => (value instanceof Error ? reject(value) : resolve(value))));
  });
  const first = prompt('arn:aws:iam::1:mfa/a');
  const second = prompt('arn:aws:iam::1:mfa/b');
  await new Promise((resolve) => setTimeout(resolve, 10));
  assert.deepEqual(open, ['Enter the current code of the MFA device arn:aws:iam::1:mfa/a']);
  answers[0](new Error('cancelled'));
  await assert.rejects(first, /cancelled/);
  await new Promise((resolve) => setTimeout(resolve, 10));
  assert.equal(open.length, 2, 'the second prompt opens once the first is gone');
  answers[1]('123456');
  assert.equal(await second, '123456');
});
