import type { EndpointDefinition } from '../../profiles/customEndpoints';
import { ConnectionNode } from '../../tree/nodes/connectionNode';
import type { CommandContext } from '../commandContext';
import { endpointForm, endpointLabel } from './endpointForm';
import { l10n } from '../../l10n';

/** The endpoint a command acts on: the tree node it was run on, or one picked from the list. */
export async function chooseEndpoint({ endpoints, prompts }: CommandContext, target: unknown, purpose: string): Promise<EndpointDefinition> {
  const definitions = endpoints.definitions();
  const name = target instanceof ConnectionNode ? target.connectionName : typeof target === 'string' ? target : undefined;
  if (name !== undefined) {
    const found = definitions.find((definition) => definition.name === name);
    if (!found) {
      throw new Error(l10n.t('"{0}" is not a custom endpoint (profiles are edited in the AWS config files).', name));
    }
    return found;
  }
  if (definitions.length === 0) {
    throw new Error(l10n.t('There are no custom endpoints. Run "S3: Add Endpoint…" first.'));
  }
  return (await prompts.pick(definitions.map(endpointLabel), { title: l10n.t('Endpoint to {0}', purpose) })).definition;
}

/** `s3Browser.editEndpoint`: change an endpoint's URL, region, addressing or keys. */
export async function editEndpoint(context: CommandContext, target?: unknown): Promise<void> {
  const current = await chooseEndpoint(context, target, 'edit');
  const { definition, credentials } = await endpointForm(context.prompts, await context.connections.list(), current);
  await context.endpoints.save(definition, credentials, current.name);
  await context.pinned.rename(current.name, definition.name);
  context.log.info(`Updated endpoint "${definition.name}" (${definition.url})${credentials ? ', new keys stored' : ''}`);
  context.services.clear();
  context.tree.refresh();
}
