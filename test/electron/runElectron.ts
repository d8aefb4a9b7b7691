// Desktop runner for contributors with internet access: the same integration suite inside a
// downloaded VS Code (Electron) via @vscode/test-electron. CI uses code-server instead (see runAll).
import { runTests } from '@vscode/test-electron';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { writeAwsProfiles } from '../support/awsProfiles';
import { targetEnvironment } from '../support/independentClient';
import { startS3Target } from '../support/rgw';

async function main(): Promise<void> {
  const root = path.resolve(__dirname, '..', '..', '..');
  const workDir = await fs.mkdtemp(path.join(os.tmpdir(), 's3b-electron-'));
  const target = await startS3Target();
  try {
    const profiles = await writeAwsProfiles(path.join(workDir, 'aws'), target);
    const workspace = path.join(workDir, 'workspace');
    await fs.mkdir(workspace);
    await runTests({
      version: '1.100.3',
      extensionDevelopmentPath: root,
      extensionTestsPath: path.join(root, 'out', 'test', 'integration', 'index.js'),
      launchArgs: [workspace, '--disable-extensions', `--user-data-dir=${path.join(workDir, 'user-data')}`],
      extensionTestsEnv: { ...targetEnvironment(target), AWS_CONFIG_FILE: profiles.configFile, AWS_SHARED_CREDENTIALS_FILE: profiles.credentialsFile },
    });
  } finally {
    await target.stop();
    await fs.rm(workDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
