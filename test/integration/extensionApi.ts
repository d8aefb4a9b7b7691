import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { S3BrowserApi } from '../../src/extension';
import type { S3Node } from '../../src/tree/nodes/s3Node';
import type { Prompts } from '../../src/ui/prompts';
import { targetFromEnvironment } from '../support/independentClient';
import { waitFor } from '../support/waitFor';

export const EXTENSION_ID = 's3-browser-dev.s3-browser';

export async function extensionApi(): Promise<S3BrowserApi> {
  const extension = vscode.extensions.getExtension<S3BrowserApi>(EXTENSION_ID);
  if (!extension) {
    throw new Error(`Extension ${EXTENSION_ID} is not loaded.`);
  }
  return extension.activate();
}

export function label(node: S3Node): string {
  const item = node.getTreeItem();
  return typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
}

/** The child of `parent` (or a root) with the given label; fails with what was there instead. */
export async function childNamed(api: S3BrowserApi, parent: S3Node | undefined, name: string): Promise<S3Node> {
  const children = await api.tree.getChildren(parent);
  const match = children.find((child) => label(child) === name);
  if (!match) {
    throw new Error(`No child "${name}"; children are: ${children.map(label).join(', ')}`);
  }
  return match;
}

/** A bucket's node under a connection, after refreshing the bucket list so buckets made by other clients show. */
export async function bucketNode(bucket: string, connection = 'default'): Promise<S3Node> {
  const api = await extensionApi();
  const root = await childNamed(api, undefined, connection);
  api.tree.refresh(root);
  return childNamed(api, root, bucket);
}

/** The labels under a connection's root, listed afresh. */
export async function bucketsOf(connection: string): Promise<string[]> {
  const api = await extensionApi();
  const root = await childNamed(api, undefined, connection);
  api.tree.refresh(root);
  return (await api.tree.getChildren(root)).map(label);
}

/** The FileSystemError an operation fails with; fails the test if it succeeds or throws anything else. */
export async function fileSystemError(operation: () => Thenable<unknown> | void): Promise<vscode.FileSystemError> {
  try {
    await operation();
  } catch (error) {
    assert.ok(error instanceof vscode.FileSystemError, `expected a FileSystemError, got ${error}`);
    return error;
  }
  assert.fail('expected the operation to fail');
}

/** What the prompts were asked and told while `withPrompts` ran. */
export interface PromptRecord {
  asked: vscode.InputBoxOptions[];
  confirmed: string[];
  notified: Array<{ severity: string; message: string; actions: string[] }>;
  /** Titles of the progress notifications shown. */
  progress: string[];
}

/**
 * Runs `body` with the extension's prompts answered by `answers` (a question without an answer fails
 * the test; notifications are recorded and dismissed unless `notify` answers them; progress runs as
 * usual unless `withProgress` is given), then restores the real ones.
 */
export async function withPrompts<T>(answers: Partial<Prompts>, body: (record: PromptRecord) => PromiseLike<T>): Promise<T> {
  const { prompts } = await extensionApi();
  const original = { ...prompts };
  const record: PromptRecord = { asked: [], confirmed: [], notified: [], progress: [] };
  // Commands turn errors into notifications, so an unexpected question is also remembered here and
  // fails the test after the body, whatever the command did with the error.
  const unexpected: string[] = [];
  const refuse = (what: string): never => {
    unexpected.push(what);
    throw new Error(what);
  };
  prompts.ask = async (options, step) => {
    record.asked.push(options);
    return answers.ask ? answers.ask(options, step) : refuse(`Unexpected input box: ${options.title ?? options.prompt}`);
  };
  prompts.confirm = async (message, detail, action) => {
    record.confirmed.push(`${message}\n${detail}`);
    return answers.confirm ? answers.confirm(message, detail, action) : refuse(`Unexpected confirmation: ${message}`);
  };
  prompts.pick = async (items, options, step) => (answers.pick ? answers.pick(items, options, step) : refuse(`Unexpected quick pick: ${options.title}`));
  prompts.pickMany = async (items, options, allowNone) => (answers.pickMany ? answers.pickMany(items, options, allowNone) : refuse(`Unexpected multi-select quick pick: ${options.title}`));
  prompts.openDialog = async (options) => (answers.openDialog ? answers.openDialog(options) : refuse(`Unexpected open dialog: ${options.title}`));
  prompts.pickStreaming = async (options, fill) => (answers.pickStreaming ? answers.pickStreaming(options, fill) : refuse(`Unexpected streaming quick pick: ${options.placeholder}`));
  prompts.notify = async (severity, message, ...actions) => {
    record.notified.push({ severity, message, actions });
    return answers.notify?.(severity, message, ...actions);
  };
  prompts.withProgress = (title, options, task) => {
    record.progress.push(title);
    return (answers.withProgress ?? original.withProgress)(title, options, task);
  };
  try {
    const result = await body(record);
    assert.deepEqual(unexpected, [], 'questions nobody answered');
    return result;
  } finally {
    Object.assign(prompts, original);
  }
}

/** An `ask` answering by input box title (the first key the title starts with); any other question fails the test. */
export function answerByTitle(answers: Record<string, string>): Prompts['ask'] {
  return async (options) => {
    const title = options.title ?? '';
    const match = Object.keys(answers).find((prefix) => title.startsWith(prefix));
    if (match === undefined) {
      throw new Error(`Unexpected input box: ${title}`);
    }
    const value = answers[match];
    const problem = await options.validateInput?.(value);
    if (problem) {
      throw new Error(`"${value}" was refused by "${title}": ${typeof problem === 'string' ? problem : problem.message}`);
    }
    return value;
  };
}

/** A `pick` choosing by label, per quick pick title prefix; any other question fails the test. */
export function pickByLabel(answers: Record<string, string>): Prompts['pick'] {
  return async (items, options) => {
    const title = options.title ?? '';
    const match = Object.keys(answers).find((prefix) => title.startsWith(prefix));
    const item = match === undefined ? undefined : items.find((candidate) => candidate.label === answers[match]);
    if (!item) {
      throw new Error(`Unexpected quick pick or choice: ${title} (${items.map((candidate) => candidate.label).join(', ')})`);
    }
    return item;
  };
}

/** Answers for the Add/Edit Endpoint form; an empty access key id keeps the stored keys when editing. */
export function endpointFormAnswers(fields: { name: string; url: string; region: string; accessKeyId: string; secretAccessKey?: string }): Partial<Prompts> {
  return {
    ask: answerByTitle({
      'S3 endpoint: name': fields.name,
      'S3 endpoint: URL': fields.url,
      'S3 endpoint: region': fields.region,
      'S3 endpoint: access key id': fields.accessKeyId,
      'S3 endpoint: secret access key': fields.secretAccessKey ?? '',
    }),
    pick: pickByLabel({ 'S3 endpoint: addressing': 'Path-style' }),
  };
}

/** Adds a custom endpoint through the command (keys of the test server) and waits for its root. */
export async function addEndpointConnection(name: string, url: string): Promise<void> {
  const target = targetFromEnvironment();
  const fields = { name, url, region: target.region, accessKeyId: target.accessKeyId, secretAccessKey: target.secretAccessKey };
  await withPrompts(endpointFormAnswers(fields), () => vscode.commands.executeCommand('s3Browser.addEndpoint'));
  const api = await extensionApi();
  await waitFor(`the endpoint root ${name}`, async () => ((await api.tree.getChildren(undefined)).some((node) => label(node) === name) ? true : undefined));
}

/** Removes every custom endpoint through the command, so their keys leave SecretStorage too (for teardowns). */
export async function removeAllEndpoints(): Promise<void> {
  const configuration = vscode.workspace.getConfiguration('s3Browser');
  for (const { name } of configuration.inspect<Array<{ name: string }>>('endpoints')?.globalValue ?? []) {
    await withPrompts({ confirm: async () => undefined }, () => vscode.commands.executeCommand('s3Browser.removeEndpoint', name));
  }
  await configuration.update('endpoints', undefined, vscode.ConfigurationTarget.Global);
  // Removed secrets reload the connections when their change event arrives, a moment later: a full
  // tree refresh then would make the next test's nodes stale in the middle of it.
  await treeSettled();
}

/**
 * Waits until the tree has not changed for `quietMs`: each edit of an AWS file reloads the
 * connections when VS Code's file watcher reports it, a moment later, so a test that edited them
 * lets those reloads land before the next test starts instead of in the middle of it.
 */
export async function treeSettled(quietMs = 1500, timeoutMs = 15_000): Promise<void> {
  const { tree } = await extensionApi();
  const deadline = Date.now() + timeoutMs;
  let last = Date.now();
  const subscription = tree.onDidChangeTreeData(() => (last = Date.now()));
  try {
    while (Date.now() - last < quietMs && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    subscription.dispose();
  }
}

/** What the notifications said while `withPrompts` ran, as "severity: message". */
export function notifications(record: PromptRecord): string[] {
  return record.notified.map((notification) => `${notification.severity}: ${notification.message}`);
}

/** A tree node directly under a bucket by label and kind (an object and a folder can share a label), listed afresh. */
export async function nodeIn(bucket: string, name: string, kind: 'object' | 'folder', connection = 'default'): Promise<S3Node> {
  const api = await extensionApi();
  const parent = await bucketNode(bucket, connection);
  api.tree.refresh(parent);
  const node = (await api.tree.getChildren(parent)).find((child) => label(child) === name && child.getTreeItem().contextValue?.startsWith(`s3Browser.${kind}`));
  assert.ok(node, `the ${kind} "${name}" is in the tree`);
  return node;
}
