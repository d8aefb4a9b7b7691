import * as vscode from 'vscode';
import { bucketNameProblem } from '../../s3/bucketName';
import { alreadyOwnedError } from '../../s3/errors';
import { AWS_REGIONS } from '../../s3/regions';
import type { CommandContext } from '../commandContext';
import { chooseConnection } from '../shared/chooseConnection';

/** `s3Browser.createBucket`: name checked against the S3 rules as it is typed; region picked on AWS. */
export async function createBucket(context: CommandContext, target?: unknown): Promise<void> {
  const connection = await chooseConnection(context, target, vscode.l10n.t('Create a bucket with which connection?'));
  const { settings } = connection;
  const name = await context.prompts.ask({ title: vscode.l10n.t('New bucket ({0})', settings.connectionName), placeHolder: 'my-bucket-name', prompt: vscode.l10n.t('3–63 lowercase letters, digits, "." and "-".'), validateInput: bucketNameProblem });
  const problem = bucketNameProblem(name);
  if (problem) {
    throw new Error(problem);
  }
  // S3-compatible servers serve one region; AWS needs the choice.
  const region = settings.endpoint
    ? settings.region
    : (
        await context.prompts.pick(
          [settings.region, ...AWS_REGIONS.map(([code]) => code).filter((code) => code !== settings.region)].map((code) => ({
            label: code,
            description: AWS_REGIONS.find(([candidate]) => candidate === code)?.[1],
            code,
          })),
          { title: vscode.l10n.t('Region of bucket "{0}"', name), matchOnDescription: true },
        )
      ).code;
  await context.prompts.withProgress(vscode.l10n.t('Creating bucket "{0}" in {1}…', name, region), { cancellable: false }, async () => {
    // RGW and AWS in us-east-1 answer 200 to creating a bucket you already own (AWS then resets its
    // ACL), so your own buckets are looked up first; without s3:ListAllMyBuckets the server's answer decides.
    const owned = await context.services.get(settings).listBuckets().then(
      (buckets) => buckets.some((bucket) => bucket.name === name),
      () => false,
    );
    if (owned) {
      throw alreadyOwnedError({ connectionName: settings.connectionName, bucket: name });
    }
    await context.services.get(settings, region).createBucket(name, region);
  });
  context.services.rememberRegion(settings, name, region);
  const root = await context.tree.connectionNode(settings.connectionName);
  context.tree.refresh(root);
  vscode.window.setStatusBarMessage(vscode.l10n.t('Created bucket {0}', name), 5000);
}
