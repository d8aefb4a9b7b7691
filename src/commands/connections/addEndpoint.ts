import type { CommandContext } from '../commandContext';
import { endpointForm } from './endpointForm';
import { l10n } from '../../l10n';

/** `s3Browser.addEndpoint`: a MinIO, R2, Ceph… endpoint; keys go to SecretStorage, the rest to settings. */
export async function addEndpoint({ connections, endpoints, tree, log, prompts }: CommandContext): Promise<void> {
  const { definition, credentials } = await endpointForm(prompts, await connections.list());
  if (!credentials) {
    throw new Error(l10n.t('An endpoint needs an access key id and a secret access key.'));
  }
  await endpoints.save(definition, credentials);
  log.info(`Added endpoint "${definition.name}" (${definition.url})`);
  tree.refresh();
  void prompts.notify('info', l10n.t('Added S3 endpoint "{0}".', definition.name));
}
