import * as path from 'node:path';
import * as vscode from 'vscode';
import { s3Text } from '../../ui/format';
import type { CommandContext } from '../commandContext';
import { commandItems } from '../shared/commandTargets';
import { choosePresignLifetime, describeLifetime } from '../shared/choosePresignLifetime';

const AS_IS = vscode.l10n.t('Open as the browser decides');
const DOWNLOAD_AS_OTHER = vscode.l10n.t('Download as…');

/**
 * `s3Browser.copyPresignedUrl`: a GET URL for one object that works without credentials until it
 * expires, copied to the clipboard; optionally with the file name browsers save it as.
 */
export async function copyPresignedUrl(context: CommandContext, target: unknown, selection: unknown): Promise<void> {
  const items = await commandItems(context, target, selection, vscode.l10n.t('an object'), { versions: true });
  const [item] = items;
  if (items.length !== 1 || item.isFolder) {
    throw new Error(vscode.l10n.t('Copy Presigned URL works on one object (a URL signs one key).'));
  }
  const title = vscode.l10n.t('Presigned URL for {0}', s3Text(item.bucket, item.key));
  const service = await context.services.forBucket(item.connection.settings, item.bucket);
  const lifetime = await choosePresignLifetime(context.prompts, service, title);
  const name = path.posix.basename(item.key) || 'download';
  const how = await context.prompts.pick(
    [
      { label: AS_IS, detail: vscode.l10n.t('shown in the browser when it can, else downloaded') },
      { label: vscode.l10n.t('Download as "{0}"', name), detail: vscode.l10n.t('Content-Disposition: attachment'), downloadAs: name },
      { label: DOWNLOAD_AS_OTHER, detail: vscode.l10n.t('another file name') },
    ],
    { title: vscode.l10n.t('{0}: opened as', title) },
  );
  const downloadAs =
    how.label === DOWNLOAD_AS_OTHER
      ? await context.prompts.ask({ title: vscode.l10n.t('{0}: download as', title), value: name, validateInput: (text) => (text.trim() === '' || /[/\\]/.test(text) ? vscode.l10n.t('A file name, without "/" or "\\".') : undefined) })
      : 'downloadAs' in how
        ? how.downloadAs
        : undefined;
  const now = new Date();
  const url = await service.presignedUrl({ method: 'GET', bucket: item.bucket, key: item.key, versionId: item.versionId, expiresInSeconds: lifetime.seconds, downloadAs });
  await vscode.env.clipboard.writeText(url);
  await context.prompts.notify('info', vscode.l10n.t('Copied a presigned download URL for {0}, {1}. Anyone with the link can download the object until then.', s3Text(item.bucket, item.key), describeLifetime(lifetime, now)));
}
