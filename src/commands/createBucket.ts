import * as vscode from 'vscode';
import { bucketNameProblem } from '../s3/bucketName';
import { AWS_REGIONS } from '../s3/regions';
import { ask, pick } from '../ui/prompts';
import type { CommandContext } from './commandContext';
import { chooseConnection } from './chooseConnection';

export interface CreateBucketInput {
  name?: string;
  region?: string;
}

/** `s3Browser.createBucket`: name checked against the S3 rules as it is typed; region picked on AWS. */
export async function createBucket(context: CommandContext, target?: unknown, preset: CreateBucketInput = {}): Promise<void> {
  const connection = await chooseConnection(context, target, 'Create a bucket with which connection?');
  const { settings } = connection;
  const name = preset.name ?? (await ask({ title: `New bucket (${settings.id})`, placeHolder: 'my-bucket-name', prompt: '3–63 lowercase letters, digits, "." and "-".', validateInput: bucketNameProblem }));
  const problem = bucketNameProblem(name);
  if (problem) {
    throw new Error(problem);
  }
  // S3-compatible servers serve one region; AWS needs the choice.
  const region =
    preset.region ??
    (settings.endpoint
      ? settings.region
      : (
          await pick(
            [settings.region, ...AWS_REGIONS.map(([code]) => code).filter((code) => code !== settings.region)].map((code) => ({
              label: code,
              description: AWS_REGIONS.find(([candidate]) => candidate === code)?.[1],
              code,
            })),
            { title: `Region of bucket "${name}"`, matchOnDescription: true },
          )
        ).code);
  await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Creating bucket "${name}" in ${region}…` }, () =>
    context.services.get(settings, region).createBucket(name, region),
  );
  context.services.rememberRegion(settings, name, region);
  const root = await context.tree.connectionNode(settings.id);
  context.tree.refresh(root);
  vscode.window.setStatusBarMessage(`Created bucket ${name}`, 5000);
}
