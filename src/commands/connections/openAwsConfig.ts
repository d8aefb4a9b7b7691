import * as vscode from 'vscode';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { sharedConfigPaths } from '../../profiles/connections';

const TEMPLATE = `# AWS shared config, read by the aws CLI, the SDKs and the S3 Browser extension.
# Example profile for an S3-compatible endpoint (keys go to the credentials file):
#
# [profile minio]
# region = us-east-1
# endpoint_url = http://127.0.0.1:9000
# s3 =
#   addressing_style = path
`;

/** `s3Browser.openAwsConfig`: opens the shared config file, creating it with a commented example if missing. */
export async function openAwsConfig(): Promise<void> {
  const file = sharedConfigPaths().config;
  await fs.mkdir(path.dirname(file), { recursive: true });
  // 'wx' creates the file only if absent: an existing config is never touched.
  await fs.writeFile(file, TEMPLATE, { flag: 'wx' }).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'EEXIST') {
      throw error;
    }
  });
  await vscode.window.showTextDocument(vscode.Uri.file(file));
}
