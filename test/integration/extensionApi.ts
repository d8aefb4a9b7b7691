import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { S3BrowserApi } from '../../src/extension';
import type { S3Node } from '../../src/tree/nodes/s3Node';

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

/** What the prompts were asked while `withPrompts` ran. */
export interface PromptRecord {
  asked: vscode.InputBoxOptions[];
  confirmed: string[];
}

/**
 * Runs `body` with the extension's prompts answered by `answers` (a question without an answer fails
 * the test), then restores the real ones.
 */
export async function withPrompts<T>(answers: Partial<S3BrowserApi['prompts']>, body: (record: PromptRecord) => Promise<T>): Promise<T> {
  const { prompts } = await extensionApi();
  const original = { ...prompts };
  const record: PromptRecord = { asked: [], confirmed: [] };
  prompts.ask = async (options) => {
    record.asked.push(options);
    if (!answers.ask) {
      throw new Error(`Unexpected input box: ${options.title ?? options.prompt}`);
    }
    return answers.ask(options);
  };
  prompts.confirm = async (message, detail, action) => {
    record.confirmed.push(`${message}\n${detail}`);
    if (!answers.confirm) {
      throw new Error(`Unexpected confirmation: ${message}`);
    }
    return answers.confirm(message, detail, action);
  };
  prompts.pick = answers.pick ?? (async (_items, options) => {
    throw new Error(`Unexpected quick pick: ${options.title}`);
  });
  try {
    return await body(record);
  } finally {
    Object.assign(prompts, original);
  }
}
