import * as vscode from 'vscode';
import { folderPrefix } from '../../fs/s3Location';
import { MAX_KEY_BYTES } from '../../s3/errors';
import { FolderListing } from '../../tree/nodes/folderListing';
import type { CommandContext } from '../commandContext';

/** `s3Browser.createFolder`: a zero-byte `prefix/` object, so an empty folder shows up. */
export async function createFolder(context: CommandContext, target: unknown): Promise<void> {
  if (!(target instanceof FolderListing)) {
    throw new Error(vscode.l10n.t('Create Folder works on a bucket or folder in the S3 explorer: right-click it.'));
  }
  const problem = (value: string) => {
    const name = value.replace(/^\/+|\/+$/g, '');
    if (!name) {
      return vscode.l10n.t('Enter a folder name.');
    }
    const bytes = Buffer.byteLength(`${target.prefix}${name}/`, 'utf8');
    return bytes > MAX_KEY_BYTES ? vscode.l10n.t("The folder's key would be {0} bytes; S3 keys are at most {1} bytes of UTF-8.", bytes, MAX_KEY_BYTES) : undefined;
  };
  const name = await context.prompts.ask({ title: vscode.l10n.t('New folder in s3://{0}/{1}', target.bucket, target.prefix), placeHolder: 'reports/2025', validateInput: problem });
  const invalid = problem(name);
  if (invalid) {
    throw new Error(invalid);
  }
  const key = folderPrefix(`${target.prefix}${name.replace(/^\/+|\/+$/g, '')}`);
  const service = await context.services.forBucket(target.connection.settings, target.bucket);
  await service.putObject({ bucket: target.bucket, key, body: new Uint8Array() });
  context.tree.refresh(target);
  vscode.window.setStatusBarMessage(vscode.l10n.t('Created s3://{0}/{1}', target.bucket, key), 5000);
}
