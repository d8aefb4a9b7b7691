import * as path from 'node:path';
import * as vscode from 'vscode';
import { STORAGE_CLASSES } from '../../s3/types';
import { settings } from '../../settings';
import type { TransferOutcome } from '../../transfer/transferEngine';
import { runPlannedTransferBatch } from '../../transfer/transferUi';
import { findExistingKeys, planUpload, uploadKey, type UploadPlan } from '../../transfer/uploadPlan';
import { isPlainMd5, uploadTasks, type ExistingKeyPolicy, type UploadOptions } from '../../transfer/uploadTasks';
import { CANNED_ACL_CHOICES, publicAudience } from '../../ui/access';
import { formatCount, plural } from '../../ui/format';
import { runForm } from '../../ui/formSteps';
import type { Prompts } from '../../ui/prompts';
import type { CommandContext } from '../commandContext';
import { assertWritable, refreshFolder, type S3Folder } from '../shared/chooseS3Folder';

const OTHER_STORAGE_CLASS = vscode.l10n.t('Other…');
const SERVER_DEFAULT = vscode.l10n.t('Server default');

/** "Upload with Options…": storage class, encryption, ACL and Cache-Control asked one by one, the settings' values marked. */
export async function chooseUploadOptions(prompts: Prompts): Promise<UploadOptions> {
  const defaults = settings.uploadDefaults();
  const marked = (value: string | undefined, candidate: string | undefined) => (value === candidate ? 'default' : undefined);
  // One form with Back; each answer starts as the setting's value and is kept when going back.
  const chosen: UploadOptions = { ...defaults };
  await runForm([
    async (step) => {
      const storageClass = await prompts.pick(
        [{ label: SERVER_DEFAULT, value: undefined as string | undefined }, ...STORAGE_CLASSES.map((value) => ({ label: value, value })), { label: OTHER_STORAGE_CLASS, value: undefined }].map((item) => ({
          ...item,
          description: item.label === OTHER_STORAGE_CLASS ? vscode.l10n.t('type one the server offers') : marked(defaults.storageClass, item.value),
        })),
        { title: vscode.l10n.t('Upload options: storage class') },
        step,
      );
      chosen.storageClass =
        storageClass.label === OTHER_STORAGE_CLASS
          ? (await prompts.ask({ title: vscode.l10n.t('Upload options: storage class'), value: chosen.storageClass ?? '', validateInput: (value) => (/^[A-Za-z0-9_-]+$/.test(value.trim()) ? undefined : vscode.l10n.t('Letters, digits, "_" and "-".')) }, step)) || undefined
          : storageClass.value;
    },
    async (step) => {
      const encryption = await prompts.pick(
        [
          { label: vscode.l10n.t('None'), detail: vscode.l10n.t('no header: the bucket\'s default encryption applies'), value: undefined as string | undefined },
          { label: 'AES256', detail: vscode.l10n.t('SSE-S3, keys managed by S3'), value: 'AES256' },
          { label: 'aws:kms', detail: vscode.l10n.t('SSE-KMS, a KMS key'), value: 'aws:kms' },
        ].map((item) => ({ ...item, description: marked(defaults.serverSideEncryption, item.value) })),
        { title: vscode.l10n.t('Upload options: server-side encryption') },
        step,
      );
      chosen.serverSideEncryption = encryption.value;
    },
    async (step) => {
      if (chosen.serverSideEncryption !== 'aws:kms') {
        chosen.kmsKeyId = undefined;
        return false;
      }
      chosen.kmsKeyId = (await prompts.ask({ title: vscode.l10n.t('Upload options: KMS key id or ARN'), prompt: vscode.l10n.t('Empty for the account\'s AWS managed key (aws/s3).'), value: chosen.kmsKeyId ?? '' }, step)) || undefined;
      return true;
    },
    async (step) => {
      const acl = await prompts.pick(
        [{ label: vscode.l10n.t('None'), detail: vscode.l10n.t('no ACL header: the bucket\'s default (private)'), value: undefined as string | undefined }, ...CANNED_ACL_CHOICES.map(({ acl, description }) => ({ label: acl, detail: description, value: acl }))].map((item) => ({
          ...item,
          description: marked(defaults.cannedAcl, item.value),
        })),
        { title: vscode.l10n.t('Upload options: ACL') },
        step,
      );
      chosen.cannedAcl = acl.value;
    },
    async (step) => {
      chosen.cacheControl = (await prompts.ask({ title: vscode.l10n.t('Upload options: Cache-Control'), prompt: vscode.l10n.t('e.g. max-age=3600, or empty for none.'), value: chosen.cacheControl ?? '' }, step)) || undefined;
    },
  ]);
  return chosen;
}

/** A public canned ACL is confirmed in a modal that says who gets access to what. */
export async function confirmPublicAcl(prompts: Prompts, options: UploadOptions, destination: S3Folder, count: number): Promise<void> {
  const audience = publicAudience(options.cannedAcl);
  if (!audience) {
    return;
  }
  await prompts.confirm(
    vscode.l10n.t('Make {0} public?', plural(count, 'file')),
    vscode.l10n.t('The ACL "{0}" lets {1} read every file uploaded to s3://{2}/{3} — they become public.', String(options.cannedAcl), audience, destination.bucket, destination.prefix),
    vscode.l10n.t('Upload as Public'),
  );
}

/** Asks once what to do with the files whose key exists; undefined when none does. */
async function chooseExistingPolicy(prompts: Prompts, destination: S3Folder, plan: UploadPlan, existing: Map<string, { size: number; etag?: string }>): Promise<ExistingKeyPolicy> {
  if (existing.size === 0) {
    return 'overwrite';
  }
  const multipart = [...existing.values()].filter((object) => !isPlainMd5(object.etag)).length;
  const first = plan.files.map((file) => uploadKey(destination, file)).find((key) => existing.has(key));
  // The answer is read from `policy`, not from the (translated) label.
  const choice = await prompts.pick<vscode.QuickPickItem & { policy?: ExistingKeyPolicy }>(
    [
      { label: vscode.l10n.t('Overwrite All'), detail: vscode.l10n.t('replace the {0}', plural(existing.size, 'existing object')), policy: 'overwrite' },
      { label: vscode.l10n.t('Skip Existing'), detail: vscode.l10n.t('upload only the files whose key is free'), policy: 'skipExisting' },
      {
        label: vscode.l10n.t('Skip Unchanged'),
        detail:
          multipart > 0
            ? vscode.l10n.t('skip files with the same size and MD5; {0} were uploaded in parts (the ETag is not an MD5): for those only the size is compared', plural(multipart, 'existing object'))
            : vscode.l10n.t('skip files with the same size and MD5 (ETag)'),
        policy: 'skipUnchanged',
      },
      { label: vscode.l10n.t('Cancel'), detail: vscode.l10n.t('upload nothing') },
    ],
    { title: vscode.l10n.t('{0} of {1} already exist in s3://{2}/{3} (e.g. {4})', formatCount(existing.size), plural(plan.files.length, 'file'), destination.bucket, destination.prefix, String(first)) },
  );
  if (!choice.policy) {
    throw new vscode.CancellationError();
  }
  return choice.policy;
}

/** Drops chosen items inside another chosen folder (an Explorer selection of a folder and its file). */
function outermostPaths(paths: string[]): string[] {
  const unique = [...new Set(paths.map((chosen) => path.resolve(chosen)))];
  return unique.filter((chosen) => !unique.some((other) => other !== chosen && chosen.startsWith(other.endsWith(path.sep) ? other : `${other}${path.sep}`)));
}

/**
 * Uploads local files and folders (`file:` URIs) into an S3 folder: the layout below each chosen
 * item is kept, options are the settings' (or those chosen by Upload with Options…), existing keys
 * are asked about once, and the batch runs with one progress notification, Cancel and one report. Used by the upload commands, the
 * Explorer's "Upload to S3…" and drag & drop onto the tree.
 */
export async function uploadLocalUris(context: CommandContext, destination: S3Folder, uris: readonly vscode.Uri[], options: UploadOptions = settings.uploadDefaults()): Promise<TransferOutcome | undefined> {
  assertWritable(destination.connection, destination.bucket);
  const notLocal = uris.find((uri) => uri.scheme !== 'file');
  if (notLocal) {
    throw new Error(vscode.l10n.t('Upload takes files and folders of this computer; {0} is not one.', notLocal.toString()));
  }
  const where = `s3://${destination.bucket}/${destination.prefix}`;
  const service = await context.services.forBucket(destination.connection.settings, destination.bucket);
  // Reading the files and checking the destination are the first phases of the upload's own progress.
  const outcome = await runPlannedTransferBatch(context, { title: vscode.l10n.t('Uploading to {0}', where), summary: vscode.l10n.t('Upload to {0}', where), concurrency: settings.transferConcurrency(), noun: 'file' }, async (report, signal) => {
    report(vscode.l10n.t('Reading the files…'));
    const plan = await planUpload(
      outermostPaths(uris.map((uri) => uri.fsPath)),
      signal,
    );
    if (plan.files.length === 0 && plan.unreadable.length === 0) {
      void context.prompts.notify('info', vscode.l10n.t('Nothing to upload to {0}: the chosen folders hold no files.', where));
      return undefined;
    }
    await confirmPublicAcl(context.prompts, options, destination, plan.files.length);
    report(vscode.l10n.t('Checking which of {0} already exist…', plural(plan.files.length, 'file')));
    const existing = await findExistingKeys(service, destination, plan, settings.transferConcurrency(), signal);
    const policy = await chooseExistingPolicy(context.prompts, destination, plan, existing);
    const tasks = uploadTasks(service, destination, plan, options, existing, policy);
    return { tasks, totals: { files: tasks.length, bytes: plan.bytes } };
  });
  if (outcome) {
    await refreshFolder(context, destination);
  }
  return outcome;
}
