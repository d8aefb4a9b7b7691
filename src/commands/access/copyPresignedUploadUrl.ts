import * as path from 'node:path';
import * as vscode from 'vscode';
import { contentTypeForKey } from '../../s3/contentType';
import { keyLengthProblem } from '../../s3/errors';
import { curlUpload } from '../../s3/objectUrls';
import { s3Text } from '../../ui/format';
import type { CommandContext } from '../commandContext';
import { commandItems } from '../shared/commandTargets';
import { choosePresignLifetime, describeLifetime } from '../shared/choosePresignLifetime';

const COPY_CURL = vscode.l10n.t('Copy curl Command');

/**
 * `s3Browser.copyPresignedUploadUrl`: a PUT URL that lets anyone holding it upload one key (an
 * object's, or a new name in a folder) until it expires. The Content-Type from the key's name is
 * signed into it (as when saving or uploading here), so the object gets it; the notification offers the curl line.
 */
export async function copyPresignedUploadUrl(context: CommandContext, target: unknown, selection: unknown): Promise<void> {
  const items = await commandItems(context, target, selection, vscode.l10n.t('an object, folder or bucket'));
  const [item] = items;
  if (items.length !== 1) {
    throw new Error(vscode.l10n.t('Copy Presigned Upload URL works on one object, folder or bucket (a URL signs one key).'));
  }
  if (item.connection.settings.readOnly) {
    throw new Error(vscode.l10n.t('"{0}" is read-only (setting s3Browser.readOnlyConnections): no upload URL is made for it.', item.connection.settings.connectionName));
  }
  const key = item.isFolder
    ? item.key +
      (await context.prompts.ask({
        title: vscode.l10n.t('Presigned upload URL: the new object\'s name in {0}', s3Text(item.bucket, item.key)),
        prompt: vscode.l10n.t('A name, or a path below the folder (a/b.txt).'),
        validateInput: (text) => {
          if (text === '' || text.endsWith('/')) {
            return vscode.l10n.t('The name of an object, not a folder.');
          }
          if (text.split('/').some((segment) => segment === '' || segment === '.' || segment === '..')) {
            return vscode.l10n.t('No empty, "." or ".." segments.');
          }
          return keyLengthProblem(item.key + text);
        },
      }))
    : item.key;
  const title = vscode.l10n.t('Presigned upload URL for {0}', s3Text(item.bucket, key));
  const service = await context.services.forBucket(item.connection.settings, item.bucket);
  const lifetime = await choosePresignLifetime(context.prompts, service, title);
  const contentType = contentTypeForKey(key);
  const now = new Date();
  const url = await service.presignedUrl({ method: 'PUT', bucket: item.bucket, key, expiresInSeconds: lifetime.seconds, contentType });
  await vscode.env.clipboard.writeText(url);
  // Not awaited: the command is done once the URL is copied; the offer stays as long as the notification.
  void context.prompts.notify(
    'info',
    vscode.l10n.t('Copied a presigned upload URL for {0}, {1}. Anyone with the link can write that key until then; the upload must send Content-Type: {2} (the curl command does).', s3Text(item.bucket, key), describeLifetime(lifetime, now), contentType),
    COPY_CURL,
  ).then(async (choice) => {
    if (choice === COPY_CURL) {
      await vscode.env.clipboard.writeText(curlUpload(url, path.posix.basename(key), contentType));
    }
  });
}
