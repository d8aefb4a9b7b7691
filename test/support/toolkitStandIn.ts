// The AWS Toolkit stand-in (test/fixtures/aws-toolkit-stand-in): a tiny extension that registers the
// `s3` and `s3-readonly` file systems at startup, as AWS Toolkit does, packaged for code-server.
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';

const ROOT = path.resolve(__dirname, '..', '..', '..');
export const STAND_IN_ID = 's3-browser-tests.aws-toolkit-stand-in';
/** What the stand-in serves for every `s3:` file. */
export const STAND_IN_TEXT = 'served by the AWS Toolkit stand-in';

/** Packages the stand-in into `directory` and returns the .vsix path. */
export async function packStandIn(directory: string): Promise<string> {
  const vsix = path.join(directory, 'aws-toolkit-stand-in.vsix');
  const vsce = path.join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
  await promisify(execFile)(process.execPath, [vsce, 'package', '--no-dependencies', '--skip-license', '--out', vsix], { cwd: path.join(ROOT, 'test', 'fixtures', 'aws-toolkit-stand-in') });
  return vsix;
}
