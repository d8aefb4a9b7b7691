import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { Registrations } from '../../../src/ui/registrations';

const disposable = (name: string) => ({ name, dispose: () => undefined });

test('a refused registration leaves the ones after it registered, and is reported once with what it costs', () => {
  const subscriptions: { dispose(): void }[] = [];
  const registrations = new Registrations(subscriptions);
  registrations.add('the s3browser: file system', 'objects cannot be opened as documents', () => {
    throw new Error("a provider for the scheme 's3browser' is already registered");
  });
  registrations.add('the command s3Browser.refresh', 'the command s3Browser.refresh is not available', () => disposable('refresh'));
  registrations.add('the command s3Browser.upload', 'the command s3Browser.upload is not available', () => disposable('upload'));
  assert.deepEqual(
    subscriptions.map((entry) => (entry as { name?: string }).name),
    ['refresh', 'upload'],
  );
  const { logLines, message } = registrations.report();
  assert.deepEqual(logLines, ["Could not register the s3browser: file system (a provider for the scheme 's3browser' is already registered): objects cannot be opened as documents."]);
  assert.equal(message, 'S3 Browser started, but VS Code refused the s3browser: file system: objects cannot be opened as documents. Everything else works. Details are in the S3 output channel.');
});

test('several refusals make one message; none make no message', () => {
  const registrations = new Registrations([]);
  assert.deepEqual(registrations.report(), { logLines: [] });
  for (const id of ['a', 'b']) {
    registrations.add(`the command ${id}`, 'a command is not available', () => {
      throw new Error(`command '${id}' already exists`);
    });
  }
  const { logLines, message } = registrations.report();
  assert.equal(logLines.length, 2);
  assert.equal(message, 'S3 Browser started, but VS Code refused 2 of its parts: a command is not available. Everything else works. Details are in the S3 output channel.');
});
