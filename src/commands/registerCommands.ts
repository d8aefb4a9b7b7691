import * as vscode from 'vscode';
import type { S3Node } from '../tree/nodes/s3Node';
import { addBucketByName } from './addBucketByName';
import { addEndpoint } from './addEndpoint';
import type { CommandContext } from './commandContext';
import { copyS3Uri } from './copyS3Uri';
import { editEndpoint } from './editEndpoint';
import type { EndpointInput } from './endpointForm';
import { loadMore } from './loadMore';
import { openAwsConfig } from './openAwsConfig';
import { refresh } from './refresh';
import { removeBucketFromList } from './removeBucketFromList';
import { removeEndpoint } from './removeEndpoint';
import { runCommand } from './runCommand';
import { ssoLogin } from './ssoLogin';

export function registerCommands(extension: vscode.ExtensionContext, context: CommandContext): void {
  const commands: Record<string, (...args: never[]) => unknown> = {
    's3Browser.refresh': (node?: S3Node) => refresh(context.tree, node),
    's3Browser.loadMore': (node: unknown) => loadMore(context.tree, node),
    's3Browser.openAwsConfig': () => openAwsConfig(),
    's3Browser.copyS3Uri': (node: unknown) => copyS3Uri(node),
    's3Browser.addEndpoint': (preset?: EndpointInput) => addEndpoint(context, preset),
    's3Browser.editEndpoint': (target?: unknown, preset?: EndpointInput) => editEndpoint(context, target, preset),
    's3Browser.removeEndpoint': (target?: unknown) => removeEndpoint(context, target),
    's3Browser.addBucketByName': (target?: unknown, name?: string) => addBucketByName(context, target, name),
    's3Browser.removeBucketFromList': (target: unknown) => removeBucketFromList(context, target),
    's3Browser.ssoLogin': (profile: unknown) => ssoLogin(profile),
  };
  for (const [id, handler] of Object.entries(commands)) {
    extension.subscriptions.push(vscode.commands.registerCommand(id, runCommand(id, context.log, handler)));
  }
}
