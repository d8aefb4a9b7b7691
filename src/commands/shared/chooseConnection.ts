import type { Connection } from '../../profiles/connectionRegistry';
import { ConnectionNode } from '../../tree/nodes/connectionNode';
import type { FormStep } from '../../ui/formSteps';
import type { CommandContext } from '../commandContext';
import { l10n } from '../../l10n';

/** The connection a command acts on: its tree node, a name, or one picked from the palette. */
export async function chooseConnection({ connections, prompts }: CommandContext, target: unknown, title: string, step?: FormStep): Promise<Connection> {
  if (target instanceof ConnectionNode) {
    return target.connection;
  }
  if (typeof target === 'string') {
    return connections.get(target);
  }
  const all = await connections.list();
  if (all.length === 0) {
    throw new Error(l10n.t('No AWS profiles or S3 endpoints are configured. Run "S3: Open AWS Config File" or "S3: Add Endpoint…".'));
  }
  return (await prompts.pick(all.map((connection) => ({ label: connection.settings.connectionName, description: connection.settings.endpoint ?? connection.settings.region, connection })), { title }, step)).connection;
}
