import * as vscode from 'vscode';
import type { Connection } from '../../profiles/connectionRegistry';
import type { EndpointDefinition } from '../../profiles/customEndpoints';
import { checkEndpointUrl } from '../../profiles/endpointUrl';
import type { Credentials } from '../../s3/types';
import { runForm } from '../../ui/formSteps';
import type { Prompts } from '../../ui/prompts';

const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * Asks for an endpoint's fields in order, pre-filled from `current` when editing. Returns the
 * definition and, when entered, new credentials (editing may keep the stored ones).
 */
export async function endpointForm(
  { ask, confirm, pick }: Prompts,
  existing: Connection[],
  current?: EndpointDefinition,
): Promise<{ definition: EndpointDefinition; credentials?: Credentials }> {
  const taken = new Set(existing.map((connection) => connection.settings.connectionName).filter((name) => name !== current?.name));
  const nameProblem = (value: string) =>
    !NAME_PATTERN.test(value)
      ? vscode.l10n.t('Use letters, digits, ".", "_" and "-" (the name appears in s3://NAME@bucket/key URIs).')
      : taken.has(value)
        ? vscode.l10n.t('"{0}" is already a profile or endpoint name.', value)
        : undefined;
  // One form with Back: each answer is kept, so going back shows it again.
  let name = current?.name ?? '';
  let url = current?.url ?? '';
  let region = current?.region ?? 'us-east-1';
  let forcePathStyle = current?.forcePathStyle ?? true;
  let accessKeyId = '';
  let secretAccessKey = '';
  const keepHint = current ? vscode.l10n.t(' Leave empty to keep the stored one.') : '';
  await runForm([
    async (step) => {
      name = await ask({ title: vscode.l10n.t('S3 endpoint: name'), value: name, placeHolder: 'minio-local', validateInput: nameProblem }, step);
      const problem = nameProblem(name);
      if (problem) {
        throw new Error(problem);
      }
    },
    async (step) => {
      url = await ask({ title: vscode.l10n.t('S3 endpoint: URL'), value: url, placeHolder: 'http://127.0.0.1:9000', validateInput: (value) => checkEndpointUrl(value).error }, step);
      const check = checkEndpointUrl(url);
      if (check.error) {
        throw new Error(check.error);
      }
      if (check.warning) {
        await confirm(vscode.l10n.t('Use an unencrypted endpoint?'), check.warning, vscode.l10n.t('Use http anyway'));
      }
    },
    async (step) => {
      region = (await ask({ title: vscode.l10n.t('S3 endpoint: region'), value: region, prompt: vscode.l10n.t('Most S3-compatible servers accept us-east-1.') }, step)) || 'us-east-1';
    },
    async (step) => {
      const styles = [
        { label: vscode.l10n.t('Path-style'), description: vscode.l10n.t('http://host/bucket/key — MinIO, Ceph and most self-hosted servers'), value: true },
        { label: vscode.l10n.t('Virtual-hosted'), description: vscode.l10n.t('http://bucket.host/key — needs wildcard DNS'), value: false },
      ];
      forcePathStyle = (await pick(styles.map((style) => ({ ...style, picked: style.value === forcePathStyle })), { title: vscode.l10n.t('S3 endpoint: addressing') }, step)).value;
    },
    async (step) => {
      accessKeyId = await ask({ title: vscode.l10n.t('S3 endpoint: access key id'), value: accessKeyId, prompt: vscode.l10n.t('Stored in VS Code\'s secret storage.{0}', keepHint), validateInput: (value) => (!value.trim() && !current ? vscode.l10n.t('Enter the access key id.') : undefined) }, step);
    },
    async (step) => {
      if (!accessKeyId) {
        return false; // editing without new keys keeps the stored ones
      }
      secretAccessKey = await ask({ title: vscode.l10n.t('S3 endpoint: secret access key'), prompt: vscode.l10n.t('Stored in VS Code\'s secret storage, never in settings.'), password: true, validateInput: (value) => (!value ? vscode.l10n.t('Enter the secret access key.') : undefined) }, step);
      return true;
    },
  ]);
  const definition: EndpointDefinition = { name, url: new URL(url).toString().replace(/\/$/, ''), region, forcePathStyle };
  return { definition, credentials: accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey } : undefined };
}

export function endpointLabel(definition: EndpointDefinition): vscode.QuickPickItem & { definition: EndpointDefinition } {
  return { label: definition.name, description: definition.url, definition };
}
