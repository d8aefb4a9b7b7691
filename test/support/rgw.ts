// A throwaway single-node Ceph cluster (one mon, one memstore OSD, radosgw) for the tests and
// the demo: real S3 semantics, signatures and SSE, on loopback, under one temporary directory.
import { ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface S3Target {
  endpoint: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** A KMS key id the server accepts for SSE-KMS, when known. */
  kmsKeyId?: string;
  /** A second identity on the same server, for buckets the main one cannot list (RGW only). */
  otherUser?: { userId: string; accessKeyId: string; secretAccessKey: string };
  /** A user in tenant `t2`: same-named buckets that are different buckets (RGW only). */
  tenantUser?: { userId: string; accessKeyId: string; secretAccessKey: string };
  /** The main identity's user id, for bucket policies. */
  userId?: string;
  /**
   * The file holding radosgw's pid (local Ceph only): tests that stop the server mid-request
   * (test/support/rgwControl.ts) restart it and write the new pid here, which `stop` goes by.
   */
  radosgwPidFile?: string;
  stop(): Promise<void>;
}

/**
 * A port that was free a moment ago. It is closed before the caller's server binds it, so another
 * process can take it in between: callers check that their own server answers, and retry on another
 * port when not (PORT_ATTEMPTS times).
 */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export const PORT_ATTEMPTS = 5;

/** A port that another process took before our daemon could bind it: worth another try. */
class PortTaken extends Error {}

async function waitFor(what: string, timeoutMs: number, probe: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await probe().catch(() => false)) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Waits until radosgw answers a request signed with keys this run just created (a server someone
 * else started on the port would refuse them) while the process we started is alive.
 */
async function waitForOwnRadosgw(endpoint: string, radosgw: ChildProcess, credentials: { accessKeyId: string; secretAccessKey: string }): Promise<void> {
  const s3 = new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials, maxAttempts: 1 });
  const exited = () => radosgw.exitCode !== null || radosgw.signalCode !== null;
  try {
    const deadline = Date.now() + 90_000;
    while (Date.now() < deadline) {
      const answered = await s3.send(new ListBucketsCommand({}), { abortSignal: AbortSignal.timeout(5_000) }).then(() => true, () => false);
      if (exited()) {
        throw new PortTaken(`radosgw exited instead of serving ${endpoint}`);
      }
      if (answered) {
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error(`radosgw did not answer a request signed with this run's keys on ${endpoint} within 90 s`);
  } finally {
    s3.destroy();
  }
}

/** Runs a Ceph daemon that forks into the background, so its pid file is what we stop it by. */
async function startDaemon(command: string, args: string[]): Promise<void> {
  const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  if (code !== 0) {
    throw new Error(`${command} exited with ${code}: ${stderr.trim()}`);
  }
}

export async function startRgw(): Promise<S3Target> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startCluster();
    } catch (error) {
      if (!(error instanceof PortTaken)) {
        throw error;
      }
      if (attempt === PORT_ATTEMPTS) {
        throw new Error(`Could not start Ceph RGW: ${error.message}, ${PORT_ATTEMPTS} times.`);
      }
      console.warn(`${error.message}: starting again on other ports.`);
    }
  }
}

async function startCluster(): Promise<S3Target> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 's3b-ceph-'));
  const [monPort, rgwPort] = [await freePort(), await freePort()];
  const fsid = randomUUID();
  const osdUuid = randomUUID();
  const kmsKeyId = 'testkey-1';
  const accessKeyId = `S3B${randomBytes(8).toString('hex').toUpperCase()}`;
  const secretAccessKey = randomBytes(24).toString('base64url');
  const otherUser = { userId: 's3b-other', accessKeyId: `S3O${randomBytes(8).toString('hex').toUpperCase()}`, secretAccessKey: randomBytes(24).toString('base64url') };
  const tenantUser = { userId: 't2$s3b-tenant', accessKeyId: `S3T${randomBytes(8).toString('hex').toUpperCase()}`, secretAccessKey: randomBytes(24).toString('base64url') };
  for (const sub of ['mon', 'osd', 'run', 'log', 'rgw']) {
    await fs.mkdir(path.join(dir, sub));
  }
  const conf = path.join(dir, 'ceph.conf');
  await fs.writeFile(
    conf,
    `[global]
fsid = ${fsid}
mon_host = v2:127.0.0.1:${monPort}
mon_initial_members = a
# No cephx: a single-user loopback cluster. crc modes, or radosgw insists on secure mode and hangs.
auth_cluster_required = none
auth_service_required = none
auth_client_required = none
ms_mon_client_mode = crc
ms_client_mode = crc
ms_mon_cluster_mode = crc
ms_mon_service_mode = crc
ms_cluster_mode = crc
ms_service_mode = crc
ms_bind_msgr1 = false
osd_pool_default_size = 1
osd_pool_default_min_size = 1
mon_allow_pool_size_one = true
mon_warn_on_pool_no_redundancy = false
osd_pool_default_pg_num = 8
osd_pool_default_pgp_num = 8
mon_max_pg_per_osd = 1000
osd_crush_chooseleaf_type = 0
run_dir = ${dir}/run
admin_socket = ${dir}/run/$cluster-$name.asok
pid_file = ${dir}/run/$name.pid
log_file = ${dir}/log/$name.log
keyring = /dev/null
[mon.a]
mon_data = ${dir}/mon
[osd.0]
osd_data = ${dir}/osd
osd_objectstore = memstore
memstore_device_bytes = ${4 * 1024 ** 3}
[client.rgw]
rgw_frontends = beast endpoint=127.0.0.1:${rgwPort}
rgw_data = ${dir}/rgw
rgw_crypt_require_ssl = false
rgw_crypt_s3_kms_backend = testing
rgw_crypt_s3_kms_encryption_keys = ${kmsKeyId}=${randomBytes(32).toString('base64')}
# Legacy us-east-1 bucket names (uppercase, "_") exist on AWS; the tests need one.
rgw_relaxed_s3_bucket_names = true
`,
  );
  const endpoint = `http://127.0.0.1:${rgwPort}`;
  const stop = async () => {
    const runDir = path.join(dir, 'run');
    const pids = await fs.readdir(runDir).catch(() => [] as string[]);
    const alive: number[] = [];
    for (const file of pids.filter((name) => name.endsWith('.pid'))) {
      const pid = Number((await fs.readFile(path.join(runDir, file), 'utf8')).trim());
      if (pid > 0 && isAlive(pid)) {
        process.kill(pid, 'SIGTERM');
        alive.push(pid);
      }
    }
    await waitFor('Ceph daemons to exit', 15_000, async () => alive.every((pid) => !isAlive(pid))).catch(() => {
      alive.filter(isAlive).forEach((pid) => process.kill(pid, 'SIGKILL'));
    });
    await fs.rm(dir, { recursive: true, force: true });
  };

  try {
    const monmap = path.join(dir, 'monmap');
    await run('monmaptool', ['--create', '--addv', 'a', `[v2:127.0.0.1:${monPort}]`, '--fsid', fsid, monmap]);
    await run('ceph-mon', ['-c', conf, '--mkfs', '-i', 'a', '--monmap', monmap]);
    await startDaemon('ceph-mon', ['-c', conf, '-i', 'a']).catch((error: Error) => {
      throw /unable to bind/.test(error.message) ? new PortTaken(`ceph-mon could not bind port ${monPort}`) : error;
    });
    await run('ceph', ['-c', conf, '--connect-timeout', '30', 'osd', 'new', osdUuid, '0']);
    await run('ceph-osd', ['-c', conf, '-i', '0', '--mkfs', '--osd-uuid', osdUuid]);
    await startDaemon('ceph-osd', ['-c', conf, '-i', '0']);
    await run('radosgw-admin', ['-c', conf, '-n', 'client.admin', 'user', 'create', '--uid=s3b-tester', '--display-name=S3 Browser tests', `--access-key=${accessKeyId}`, `--secret=${secretAccessKey}`]);
    await run('radosgw-admin', ['-c', conf, '-n', 'client.admin', 'user', 'create', `--uid=${otherUser.userId}`, '--display-name=Another owner', `--access-key=${otherUser.accessKeyId}`, `--secret=${otherUser.secretAccessKey}`]);
    await run('radosgw-admin', ['-c', conf, '-n', 'client.admin', 'user', 'create', '--tenant=t2', '--uid=s3b-tenant', '--display-name=Tenant two', `--access-key=${tenantUser.accessKeyId}`, `--secret=${tenantUser.secretAccessKey}`]);
    // A second storage class in the default placement, so tests can show a non-default class is kept.
    // Added once `user create` has made the default zone and zonegroup, before radosgw reads them.
    await run('radosgw-admin', ['-c', conf, '-n', 'client.admin', 'zonegroup', 'placement', 'add', '--rgw-zonegroup=default', '--placement-id=default-placement', '--storage-class=STANDARD_IA']);
    await run('radosgw-admin', ['-c', conf, '-n', 'client.admin', 'zone', 'placement', 'add', '--rgw-zone=default', '--placement-id=default-placement', '--storage-class=STANDARD_IA', '--data-pool=default.rgw.standard-ia.data']);
    // In the foreground, so that its exit (port taken) shows at once; it then writes no pid file, so
    // we write the one stop() goes by.
    const radosgw = spawn('radosgw', ['-f', '-c', conf, '-n', 'client.rgw'], { stdio: 'ignore' });
    radosgw.unref();
    await fs.writeFile(path.join(dir, 'run', 'client.rgw.pid'), String(radosgw.pid));
    await waitForOwnRadosgw(endpoint, radosgw, { accessKeyId, secretAccessKey });
  } catch (error) {
    if (error instanceof PortTaken) {
      await stop();
      throw error;
    }
    const logs = await fs.readdir(path.join(dir, 'log')).catch(() => [] as string[]);
    const tails = await Promise.all(
      logs.map(async (file) => `--- ${file}\n${(await fs.readFile(path.join(dir, 'log', file), 'utf8')).split('\n').slice(-15).join('\n')}`),
    );
    await stop();
    throw new Error(`Could not start Ceph RGW: ${(error as Error).message}\n${tails.join('\n')}`);
  }
  return { endpoint, region: 'us-east-1', accessKeyId, secretAccessKey, kmsKeyId, otherUser, tenantUser, userId: 's3b-tester', radosgwPidFile: path.join(dir, 'run', 'client.rgw.pid'), stop };
}

/**
 * The S3 server for a test run: the endpoint in S3_TEST_ENDPOINT (with S3_TEST_ACCESS_KEY_ID,
 * S3_TEST_SECRET_ACCESS_KEY, S3_TEST_REGION) when given, else a fresh local Ceph RGW.
 */
export async function startS3Target(env: NodeJS.ProcessEnv = process.env): Promise<S3Target> {
  if (env.S3_TEST_ENDPOINT) {
    if (!env.S3_TEST_ACCESS_KEY_ID || !env.S3_TEST_SECRET_ACCESS_KEY) {
      throw new Error('S3_TEST_ENDPOINT needs S3_TEST_ACCESS_KEY_ID and S3_TEST_SECRET_ACCESS_KEY.');
    }
    return {
      endpoint: env.S3_TEST_ENDPOINT,
      region: env.S3_TEST_REGION ?? 'us-east-1',
      accessKeyId: env.S3_TEST_ACCESS_KEY_ID,
      secretAccessKey: env.S3_TEST_SECRET_ACCESS_KEY,
      kmsKeyId: env.S3_TEST_KMS_KEY_ID,
      stop: async () => undefined,
    };
  }
  return startRgw();
}
