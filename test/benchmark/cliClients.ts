// The reference command-line clients of the transfer benchmark: Debian's `aws` CLI (its own
// defaults, as users run it) and `rclone` (an S3 remote configured through environment variables,
// with the concurrency flags a user tuning for speed would pass). Each is timed as a whole process.
import { execFile } from 'node:child_process';
import * as os from 'node:os';
import * as path from 'node:path';
import { existsSync, promises as fs } from 'node:fs';
import { promisify } from 'node:util';
import type { SdkTarget } from './sdkClients';
import type { TransferClient } from './transferScenarios';

const run = promisify(execFile);

/** The command's path, or undefined when it is not installed. */
export async function which(command: string): Promise<string | undefined> {
  if (command.includes('/')) {
    return existsSync(command) ? command : undefined;
  }
  return run('sh', ['-c', `command -v ${command}`]).then(
    ({ stdout }) => stdout.trim() || undefined,
    () => undefined,
  );
}

export async function versionOf(command: string, args: string[]): Promise<string> {
  return run(command, args).then(
    ({ stdout, stderr }) => (stdout || stderr).split('\n')[0].trim(),
    (error: Error) => `unknown (${error.message.split('\n')[0]})`,
  );
}

/** The machine's own AWS_* and RCLONE_* settings (a profile, a CA bundle, a config) must not steer the clients. */
function cleanEnvironment(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('AWS_') && !name.startsWith('RCLONE_')));
}

async function exec(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  try {
    await run(command, args, { env, maxBuffer: 256 * 1024 * 1024 });
  } catch (error) {
    const { stderr } = error as { stderr?: string };
    throw new Error(`${command} ${args.join(' ')}: ${(stderr ?? String(error)).trim().split('\n').slice(-3).join(' | ')}`);
  }
}

/**
 * Debian's aws CLI. Its path: S3B_BENCH_AWS, else /usr/bin/aws (a pip-installed `aws` earlier on the
 * PATH is another version), else `aws` on the PATH.
 */
export async function awsCliPath(): Promise<string | undefined> {
  return process.env.S3B_BENCH_AWS ?? (await which('/usr/bin/aws')) ?? (await which('aws'));
}

/** The aws CLI with the target's keys from the environment only (no config files, no instance metadata). */
export function awsEnvironment(target: SdkTarget): NodeJS.ProcessEnv {
  return {
    ...cleanEnvironment(),
    AWS_ACCESS_KEY_ID: target.accessKeyId,
    AWS_SECRET_ACCESS_KEY: target.secretAccessKey,
    AWS_DEFAULT_REGION: target.region,
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    AWS_EC2_METADATA_DISABLED: 'true',
  };
}

export function awsCli(command: string, target: SdkTarget): TransferClient {
  const env = awsEnvironment(target);
  const aws = (...args: string[]) => exec(command, ['s3', ...args, '--endpoint-url', target.endpoint, '--only-show-errors'], env);
  return {
    id: 'aws',
    name: '`aws s3` (defaults)',
    uploadFile: (file, bucket, key) => aws('cp', file, `s3://${bucket}/${key}`),
    downloadFile: (bucket, key, file) => aws('cp', `s3://${bucket}/${key}`, file),
    uploadFolder: (folder, bucket, prefix) => aws('cp', '--recursive', folder, `s3://${bucket}/${prefix}`),
    downloadFolder: (bucket, prefix, folder) => aws('cp', '--recursive', `s3://${bucket}/${prefix}`, folder),
    copyPrefix: (bucket, from, to) => aws('cp', '--recursive', `s3://${bucket}/${from}`, `s3://${bucket}/${to}`),
    deletePrefix: (bucket, prefix) => aws('rm', '--recursive', `s3://${bucket}/${prefix}`),
  };
}

/** rclone's flags: S3B_BENCH_RCLONE_FLAGS replaces these. */
export const RCLONE_FLAGS = (process.env.S3B_BENCH_RCLONE_FLAGS ?? '--transfers 32 --checkers 32 --s3-upload-concurrency 8 --s3-chunk-size 16M --multi-thread-streams 8 --fast-list --s3-no-check-bucket').split(/\s+/).filter(Boolean);

/** rclone's `bench:` remote for the target, from the environment only (no config file). */
export function rcloneEnvironment(target: SdkTarget): NodeJS.ProcessEnv {
  return {
    ...cleanEnvironment(),
    RCLONE_CONFIG: '/dev/null',
    RCLONE_CONFIG_BENCH_TYPE: 's3',
    RCLONE_CONFIG_BENCH_PROVIDER: 'Ceph',
    RCLONE_CONFIG_BENCH_ENV_AUTH: 'false',
    RCLONE_CONFIG_BENCH_ENDPOINT: target.endpoint,
    RCLONE_CONFIG_BENCH_ACCESS_KEY_ID: target.accessKeyId,
    RCLONE_CONFIG_BENCH_SECRET_ACCESS_KEY: target.secretAccessKey,
    RCLONE_CONFIG_BENCH_REGION: target.region,
  };
}

export function rclone(command: string, target: SdkTarget): TransferClient {
  const env = rcloneEnvironment(target);
  const rcloneDo = (...args: string[]) => exec(command, [...args, ...RCLONE_FLAGS, '-q'], env);
  return {
    id: 'rclone',
    name: '`rclone` (tuned flags)',
    uploadFile: (file, bucket, key) => rcloneDo('copyto', file, `bench:${bucket}/${key}`),
    downloadFile: (bucket, key, file) => rcloneDo('copyto', `bench:${bucket}/${key}`, file),
    uploadFolder: (folder, bucket, prefix) => rcloneDo('copy', folder, `bench:${bucket}/${prefix}`),
    downloadFolder: (bucket, prefix, folder) => rcloneDo('copy', `bench:${bucket}/${prefix}`, folder),
    copyPrefix: (bucket, from, to) => rcloneDo('copy', `bench:${bucket}/${from}`, `bench:${bucket}/${to}`),
    deletePrefix: (bucket, prefix) => rcloneDo('purge', `bench:${bucket}/${prefix}`),
  };
}

/** The machine lines of a benchmark's report; `nodeLine` says where each client's code ran. */
export async function machineLines(root: string, nodeLine: string): Promise<string[]> {
  const cpus = os.cpus();
  const release = await fs.readFile('/etc/os-release', 'utf8').then((text) => /PRETTY_NAME="?([^"\n]*)/.exec(text)?.[1] ?? 'unknown', () => os.type());
  const sdkVersion = JSON.parse(await fs.readFile(path.join(root, 'node_modules', '@aws-sdk', 'client-s3', 'package.json'), 'utf8')).version as string;
  const aws = await awsCliPath();
  const rcloneCommand = await which('rclone');
  return [
    `- CPU: ${cpus[0]?.model ?? 'unknown'}, ${cpus.length} cores; RAM ${Math.round(os.totalmem() / 1024 ** 3)} GiB; ${release}, Linux ${os.release()}`,
    `- Server: ${process.env.S3_TEST_ENDPOINT ? process.env.S3_TEST_ENDPOINT : `local Ceph RGW (${await versionOf('radosgw', ['--version'])}), one memstore OSD, loopback`}`,
    `- ${nodeLine}; @aws-sdk/client-s3 ${sdkVersion}`,
    `- aws: ${aws ? await versionOf(aws, ['--version']) : 'not installed'}; rclone: ${rcloneCommand ? await versionOf(rcloneCommand, ['version']) : 'not installed'}`,
  ];
}
