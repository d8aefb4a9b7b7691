// Stops the test run's radosgw as a crash would (SIGKILL) and starts it again with the very same
// command line, environment and working directory, for tests of "the server died mid-upload". The
// runner passes radosgw's pid file in S3B_RGW_CONTROL (local Ceph only); the restarted process's pid
// goes into that file, so the runner's stop() still ends it.
import { ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import { spawn } from 'node:child_process';
import { promises as fs, readFileSync } from 'node:fs';
import { targetFromEnvironment } from './independentClient';

interface Launch {
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  cwd: string;
}

/** Running (a zombie waiting for its parent to reap it is not). */
function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

async function launchOf(pid: number): Promise<Launch> {
  const [cmdline, environ, cwd] = await Promise.all([fs.readFile(`/proc/${pid}/cmdline`, 'utf8'), fs.readFile(`/proc/${pid}/environ`, 'utf8'), fs.readlink(`/proc/${pid}/cwd`)]);
  const [command, ...args] = cmdline.split('\0').filter((part) => part !== '');
  const env = Object.fromEntries(
    environ
      .split('\0')
      .filter((entry) => entry.includes('='))
      .map((entry) => [entry.slice(0, entry.indexOf('=')), entry.slice(entry.indexOf('=') + 1)]),
  );
  return { command, args, env, cwd };
}

async function until(what: string, timeoutMs: number, check: () => Promise<boolean> | boolean): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) {
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export class RgwControl {
  /** How the killed radosgw was started, so it can be started again the same way. */
  private killed?: Launch;

  constructor(private readonly pidFile: string) {}

  private async pid(): Promise<number> {
    return Number((await fs.readFile(this.pidFile, 'utf8')).trim());
  }

  /** SIGKILLs radosgw (no clean shutdown: in-flight requests lose their connections) and waits until it is gone. */
  async kill(): Promise<void> {
    const pid = await this.pid();
    this.killed = await launchOf(pid);
    process.kill(pid, 'SIGKILL');
    await until(`radosgw (pid ${pid}) to die`, 10_000, () => !isRunning(pid));
  }

  /** Starts radosgw again if `kill` stopped it, and waits until it answers a signed request. */
  async ensureRunning(): Promise<void> {
    const launch = this.killed;
    if (!launch || isRunning(await this.pid())) {
      return;
    }
    const radosgw = spawn(launch.command, launch.args, { env: launch.env, cwd: launch.cwd, stdio: 'ignore', detached: true });
    radosgw.unref();
    await fs.writeFile(this.pidFile, String(radosgw.pid));
    this.killed = undefined;
    const target = targetFromEnvironment();
    const s3 = new S3Client({ endpoint: target.endpoint, region: target.region, forcePathStyle: true, credentials: { accessKeyId: target.accessKeyId, secretAccessKey: target.secretAccessKey }, maxAttempts: 1 });
    try {
      await until('the restarted radosgw to answer', 90_000, async () => {
        if (radosgw.exitCode !== null || radosgw.signalCode !== null) {
          throw new Error(`the restarted radosgw exited (${radosgw.exitCode ?? radosgw.signalCode})`);
        }
        return s3.send(new ListBucketsCommand({}), { abortSignal: AbortSignal.timeout(5_000) }).then(
          () => true,
          () => false,
        );
      });
    } finally {
      s3.destroy();
    }
  }
}

/** The control of the run's radosgw, or undefined against a server the runner did not start. */
export function rgwControl(env: NodeJS.ProcessEnv = process.env): RgwControl | undefined {
  return env.S3B_RGW_CONTROL ? new RgwControl(env.S3B_RGW_CONTROL) : undefined;
}
