import * as vscode from 'vscode';
import type { CommandContext } from './commandContext';
import { endpointForm, type EndpointInput } from './endpointForm';

/** `s3Browser.addEndpoint`: a MinIO, R2, Ceph… endpoint; keys go to SecretStorage, the rest to settings. */
export async function addEndpoint({ connections, endpoints, tree, log }: CommandContext, preset: EndpointInput = {}): Promise<void> {
  const { definition, credentials } = await endpointForm(await connections.list(), preset);
  if (!credentials) {
    throw new Error('An endpoint needs an access key id and a secret access key.');
  }
  await endpoints.save(definition, credentials);
  log.info(`Added endpoint "${definition.name}" (${definition.url})`);
  tree.refresh();
  void vscode.window.showInformationMessage(`Added S3 endpoint "${definition.name}".`);
}
