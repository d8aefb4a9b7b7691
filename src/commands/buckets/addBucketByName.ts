import { bucketNameProblem } from '../../s3/bucketName';
import type { CommandContext } from '../commandContext';
import { chooseConnection } from '../shared/chooseConnection';
import { l10n } from '../../l10n';

/** `s3Browser.addBucketByName`: shows a bucket the identity may use but cannot list (no s3:ListAllMyBuckets). */
export async function addBucketByName(context: CommandContext, target?: unknown): Promise<void> {
  const connection = await chooseConnection(context, target, l10n.t('Add a bucket by name to which connection?'));
  const name = await context.prompts.ask({ title: l10n.t('Bucket name ({0})', connection.settings.connectionName), placeHolder: 'my-bucket', validateInput: bucketNameProblem });
  const problem = bucketNameProblem(name);
  if (problem) {
    throw new Error(problem);
  }
  await context.prompts.withProgress(l10n.t('Checking bucket "{0}"…', name), { cancellable: false }, async () => {
    // Proves the bucket exists and is reachable before it is remembered (and learns its region).
    await context.services.forBucket(connection.settings, name);
  });
  await context.pinned.add(connection.settings.connectionName, name);
  context.tree.refresh();
}
