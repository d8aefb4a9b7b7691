import { folderPrefix } from '../../fs/s3Location';
import type { Connection } from '../../profiles/connectionRegistry';
import { keyLengthProblem, readOnlyError } from '../../s3/errors';
import { FolderListing } from '../../tree/nodes/folderListing';
import type { CommandContext } from '../commandContext';
import { runForm, type FormQuestion, type FormStep } from '../../ui/formSteps';
import { chooseConnection } from './chooseConnection';
import { l10n } from '../../l10n';

/** A bucket or a folder in it: `prefix` is `''` (the bucket's root) or ends in `/`. */
export interface S3Folder {
  connection: Connection;
  bucket: string;
  prefix: string;
}

const OTHER_BUCKET = l10n.t('Other bucket…');

/** Why a typed prefix is refused, or undefined: no empty, `.` or `..` segments, and a key S3 accepts. */
export function prefixProblem(value: string): string | undefined {
  const trimmed = value.trim().replace(/^\/+/, '');
  if (trimmed === '') {
    return undefined;
  }
  const segments = trimmed.replace(/\/$/, '').split('/');
  if (segments.some((segment) => segment === '')) {
    return l10n.t('A folder name cannot be empty ("//").');
  }
  if (segments.some((segment) => segment === '.' || segment === '..')) {
    return l10n.t('"." and ".." are not folders in S3; they would become part of the key.');
  }
  return keyLengthProblem(folderPrefix(trimmed));
}

/** Refuses a read-only connection before anything is asked about the write. */
export function assertWritable(connection: Connection, bucket?: string): void {
  if (connection.settings.readOnly) {
    throw readOnlyError({ connectionName: connection.settings.connectionName, bucket });
  }
}

/** A bucket of the connection: listed, plus those added by name, or typed. */
async function chooseBucketOf(context: CommandContext, connection: Connection, title: string, step?: FormStep): Promise<string> {
  const { connectionName } = connection.settings;
  const listed = await context.prompts.withProgress(l10n.t('Listing the buckets of {0}…', connectionName), { cancellable: true }, (_report, signal) =>
    context.services
      .get(connection.settings)
      .listBuckets(signal)
      .then(
        (buckets) => buckets.map((bucket) => bucket.name),
        // Identities without s3:ListAllMyBuckets still have their buckets added by name, or type one.
        () => [] as string[],
      ),
  );
  const names = [...new Set([...listed, ...context.pinned.list(connectionName)])].sort();
  const picked = await context.prompts.pick([...names.map((name) => ({ label: name })), { label: OTHER_BUCKET, description: l10n.t('type its name') }], { title: l10n.t('{0}: which bucket of {1}?', title, connectionName) }, step);
  const bucket =
    picked.label === OTHER_BUCKET
      ? await context.prompts.ask({ title: l10n.t('{0}: bucket name ({1})', title, connectionName), validateInput: (value) => (value.trim() === '' || value.includes('/') ? l10n.t('Enter a bucket name.') : undefined) }, step)
      : picked.label;
  if (bucket === '' || bucket.includes('/')) {
    throw new Error(l10n.t('"{0}" is not a bucket name.', bucket));
  }
  return bucket;
}

/** The form's first two questions: a connection (a read-only one refused at once with `writable`), then one of its buckets. */
function connectionAndBucket(context: CommandContext, title: string, writable: boolean, chosen: { connection?: Connection; bucket?: string }): FormQuestion[] {
  return [
    async (step) => {
      chosen.connection = await chooseConnection(context, undefined, l10n.t('{0}: which connection?', title), step);
      if (writable) {
        assertWritable(chosen.connection);
      }
    },
    async (step) => {
      chosen.bucket = await chooseBucketOf(context, chosen.connection!, title, step);
    },
  ];
}

/** From the palette: a connection, then a bucket of it, as one form with Back. */
export async function chooseBucket(context: CommandContext, title: string, { writable = false } = {}): Promise<{ connection: Connection; bucket: string }> {
  const chosen: { connection?: Connection; bucket?: string } = {};
  await runForm(connectionAndBucket(context, title, writable, chosen));
  return { connection: chosen.connection!, bucket: chosen.bucket! };
}

/**
 * The S3 folder a command writes into: a bucket or folder node, or — from the palette — a connection,
 * a bucket (listed, plus those added by name, or typed) and a prefix (typed, empty for the root).
 * With `writable`, a read-only connection is refused as soon as it is known.
 */
export async function chooseS3Folder(context: CommandContext, target: unknown, title: string, { writable = false } = {}): Promise<S3Folder> {
  if (target instanceof FolderListing) {
    if (writable) {
      assertWritable(target.connection, target.bucket);
    }
    return { connection: target.connection, bucket: target.bucket, prefix: target.prefix };
  }
  if (target !== undefined) {
    throw new Error(l10n.t('{0}: choose a bucket or folder in the S3 explorer.', title));
  }
  // Connection, bucket and prefix are one form with Back.
  const chosen: { connection?: Connection; bucket?: string } = {};
  let typed = '';
  await runForm([
    ...connectionAndBucket(context, title, writable, chosen),
    async (step) => {
      typed = await context.prompts.ask(
        {
          title: l10n.t('{0}: folder in s3://{1}/', title, String(chosen.bucket)),
          prompt: l10n.t('A prefix such as reports/2025/, or empty for the bucket\'s root.'),
          value: typed,
          validateInput: prefixProblem,
        },
        step,
      );
    },
  ]);
  const problem = prefixProblem(typed);
  if (problem) {
    throw new Error(problem);
  }
  const trimmed = typed.trim().replace(/^\/+/, '');
  return { connection: chosen.connection!, bucket: chosen.bucket!, prefix: trimmed === '' ? '' : folderPrefix(trimmed) };
}

/** Refreshes the tree's listing of the folder, or of its nearest loaded ancestor when the folder is new. */
export async function refreshFolder(context: CommandContext, folder: S3Folder): Promise<void> {
  let prefix = folder.prefix;
  for (;;) {
    const node = await context.tree.findNode(folder.connection.settings.connectionName, folder.bucket, prefix, false);
    if (node instanceof FolderListing) {
      if (node.isLoaded) {
        context.tree.refresh(node);
      }
      return;
    }
    if (prefix === '') {
      return;
    }
    const trimmed = prefix.slice(0, -1);
    prefix = trimmed.slice(0, trimmed.lastIndexOf('/') + 1);
  }
}

