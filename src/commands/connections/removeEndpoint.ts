import type { CommandContext } from '../commandContext';
import { chooseEndpoint } from './editEndpoint';
import { l10n } from '../../l10n';

/** `s3Browser.removeEndpoint`: forgets an endpoint and deletes its stored keys (the data stays on the server). */
export async function removeEndpoint(context: CommandContext, target?: unknown): Promise<void> {
  const definition = await chooseEndpoint(context, target, 'remove');
  await context.prompts.confirm(l10n.t('Remove the S3 endpoint "{0}"?', definition.name), l10n.t("{0}\nIts keys are deleted from VS Code's secret storage. Nothing on the server changes.", definition.url), l10n.t('Remove'));
  await context.endpoints.remove(definition.name);
  context.log.info(`Removed endpoint "${definition.name}"`);
  context.tree.refresh();
}
