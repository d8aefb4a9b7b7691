import * as vscode from 'vscode';
import type { Connection } from '../profiles/connectionRegistry';
import type { EndpointDefinition } from '../profiles/customEndpoints';
import { checkEndpointUrl } from '../profiles/endpointUrl';
import type { Credentials } from '../s3/types';
import type { Prompts } from '../ui/prompts';

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
      ? 'Use letters, digits, ".", "_" and "-" (the name appears in s3://NAME@bucket/key URIs).'
      : taken.has(value)
        ? `"${value}" is already a profile or endpoint name.`
        : undefined;
  const name = await ask({ title: 'S3 endpoint (1/6): name', value: current?.name, placeHolder: 'minio-local', validateInput: nameProblem });
  const problem = nameProblem(name);
  if (problem) {
    throw new Error(problem);
  }

  const url = await ask({ title: 'S3 endpoint (2/6): URL', value: current?.url, placeHolder: 'http://127.0.0.1:9000', validateInput: (value) => checkEndpointUrl(value).error });
  const check = checkEndpointUrl(url);
  if (check.error) {
    throw new Error(check.error);
  }
  if (check.warning) {
    await confirm('Use an unencrypted endpoint?', check.warning, 'Use http anyway');
  }

  const region = ((await ask({ title: 'S3 endpoint (3/6): region', value: current?.region ?? 'us-east-1', prompt: 'Most S3-compatible servers accept us-east-1.' })) || 'us-east-1');
  const forcePathStyle = (
    await pick(
      [
        { label: 'Path-style', description: 'http://host/bucket/key — MinIO, Ceph and most self-hosted servers', value: true },
        { label: 'Virtual-hosted', description: 'http://bucket.host/key — needs wildcard DNS', value: false },
      ],
      { title: 'S3 endpoint (4/6): addressing' },
    )
  ).value;

  const keepHint = current ? ' Leave empty to keep the stored one.' : '';
  const accessKeyId = await ask({ title: 'S3 endpoint (5/6): access key id', prompt: `Stored in VS Code's secret storage.${keepHint}`, validateInput: (value) => (!value.trim() && !current ? 'Enter the access key id.' : undefined) });
  const secretAccessKey = accessKeyId
    ? await ask({ title: 'S3 endpoint (6/6): secret access key', prompt: "Stored in VS Code's secret storage, never in settings.", password: true, validateInput: (value) => (!value ? 'Enter the secret access key.' : undefined) })
    : '';
  const definition: EndpointDefinition = { name, url: new URL(url).toString().replace(/\/$/, ''), region, forcePathStyle };
  return { definition, credentials: accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey } : undefined };
}

export function endpointLabel(definition: EndpointDefinition): vscode.QuickPickItem & { definition: EndpointDefinition } {
  return { label: definition.name, description: definition.url, definition };
}
