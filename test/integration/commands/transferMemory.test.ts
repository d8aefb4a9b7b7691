import * as assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import * as vscode from 'vscode';
import { rssGrowthDuring, type RssGrowth } from '../../support/hostMemory';
import { IndependentClient, targetFromEnvironment } from '../../support/independentClient';
import { addEndpointConnection, answerByTitle, bucketNode, extensionApi, notifications, removeAllEndpoints, withPrompts } from '../extensionApi';
import { S3_SCHEME } from '../../../src/fs/s3Location';

const target = targetFromEnvironment();
const MiB = 1024 * 1024;
const FILE_MiB = 256;

/** The part buffers all streamed multipart uploads of a connection may hold at once (MULTIPART_MEMORY_BUDGET_BYTES in src/s3/sdkService.ts). */
const PART_BUFFER_BUDGET_MiB = 128;
/**
 * What the host may grow by besides part buffers: read and socket chunks not yet collected, the V8
 * heap, freed memory the allocator keeps, the SDK, progress and tree refreshes. Measured in 9 runs
 * on a shared 2-core machine: an upload grew 81–102 MiB and a copy 41–94 MiB, one upload's 32 MiB of
 * part buffers (8 MiB × 4) among them, so up to ~70 MiB besides; a download, with no part buffers,
 * 0–38 MiB. 64 MiB keeps every bound (192 and 64 MiB) under the file's 256 MiB, so a step that holds
 * the whole file fails it: a download collecting the body grew 476 MiB, an upload read whole 260 MiB.
 */
const MARGIN_MiB = 64;
/** Uploads and copies (a multipart PUT) may fill the whole budget; a download holds no part buffers, so it gets the margin alone. */
const BOUND_MiB: Record<'upload' | 'download' | 'copy', number> = {
  upload: PART_BUFFER_BUDGET_MiB + MARGIN_MiB,
  download: MARGIN_MiB,
  copy: PART_BUFFER_BUDGET_MiB + MARGIN_MiB,
};

function s3Uri(authority: string, key: string): vscode.Uri {
  return vscode.Uri.from({ scheme: S3_SCHEME, authority, path: `/${key}` });
}

/** SHA-256 and size of a byte stream, read chunk by chunk (a 256 MiB buffer here would be the host's memory too). */
async function digest(chunks: AsyncIterable<Uint8Array>): Promise<{ size: number; sha256: string }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of chunks) {
    hash.update(chunk);
    size += chunk.byteLength;
  }
  return { size, sha256: hash.digest('hex') };
}

suite('Memory is bounded: a 256 MiB upload, download and cross-connection copy', () => {
  const client = new IndependentClient();
  const buckets: string[] = [];
  let local: string;

  suiteSetup(() => extensionApi());

  setup(async () => {
    local = await fs.mkdtemp(path.join(os.tmpdir(), 's3b-memory-'));
  });

  teardown(async () => {
    await removeAllEndpoints();
    for (const bucket of buckets.splice(0)) {
      await client.deleteBucket(bucket);
    }
    await fs.rm(local, { recursive: true, force: true });
  });

  suiteTeardown(() => client.dispose());

  /** What the independent client reads back from a key, streamed. */
  async function remoteDigest(bucket: string, key: string): Promise<{ size: number; sha256: string }> {
    const { Body } = await client.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    return digest(Body as AsyncIterable<Uint8Array>);
  }

  test("the extension host's RSS grows by less than the 128 MiB part-buffer budget + a 64 MiB margin while a 256 MiB file is uploaded and copied across connections, by less than the margin alone while it is downloaded; the bytes arrive intact", async function () {
    this.timeout(10 * 60_000);
    const source = await client.createBucket('memory');
    const destination = await client.createBucket('memory-to');
    buckets.push(source, destination);
    // 1 MiB of random bytes written 256 times, each time with its index, so no two MiB are alike (nothing dedups or compresses it) and no 256 MiB buffer is ever built.
    const file = path.join(local, 'big.bin');
    const block = randomBytes(MiB);
    const handle = await fs.open(file, 'w');
    const hash = createHash('sha256');
    try {
      for (let index = 0; index < FILE_MiB; index++) {
        block.writeUInt32BE(index, 0);
        hash.update(block);
        await handle.write(block);
      }
    } finally {
      await handle.close();
    }
    const expected = { size: FILE_MiB * MiB, sha256: hash.digest('hex') };
    const measured: Partial<Record<keyof typeof BOUND_MiB, RssGrowth>> = {};

    // (1) Upload Files… of the one file into the bucket, with the default options.
    const uploaded = await withPrompts(
      {
        openDialog: async () => [vscode.Uri.file(file)],
      },
      async (record) => {
        const node = await bucketNode(source);
        measured.upload = await rssGrowthDuring(() => Promise.resolve(vscode.commands.executeCommand('s3Browser.uploadFiles', node)));
        return notifications(record);
      },
    );
    assert.deepEqual(uploaded, [`info: Upload to s3://${source}/: 1 succeeded, 0 failed.`]);
    assert.deepEqual(await remoteDigest(source, 'big.bin'), expected, 'the uploaded object');

    // (2) Download… of the object into a local folder.
    const into = path.join(local, 'downloaded');
    await fs.mkdir(into);
    const downloaded = await withPrompts({ openDialog: async () => [vscode.Uri.file(into)] }, async (record) => {
      measured.download = await rssGrowthDuring(() => Promise.resolve(vscode.commands.executeCommand('s3Browser.download', s3Uri(`default@${source}`, 'big.bin'))));
      return notifications(record);
    });
    assert.equal(downloaded.length, 1, downloaded.join('\n'));
    assert.match(downloaded[0], /^info: Download of .*: 1 succeeded, 0 failed\.$/);
    assert.deepEqual(await digest(createReadStream(path.join(into, 'big.bin'))), expected, 'the downloaded file');
    await fs.rm(into, { recursive: true });

    // (3) Copy To… another connection: the bytes stream through this host (GET from one client, multipart PUT with the other).
    await addEndpointConnection('memory-copy', target.endpoint);
    const into3 = `s3://memory-copy@${destination}/`;
    const copied = await withPrompts({ ask: answerByTitle({ Copy: into3 }) }, async (record) => {
      measured.copy = await rssGrowthDuring(() => Promise.resolve(vscode.commands.executeCommand('s3Browser.copyTo', s3Uri(`default@${source}`, 'big.bin'), [s3Uri(`default@${source}`, 'big.bin')])));
      return notifications(record);
    });
    assert.equal(copied.length, 1, copied.join('\n'));
    assert.match(copied[0], /: 1 succeeded, 0 failed\.$/);
    assert.deepEqual(await remoteDigest(destination, 'big.bin'), expected, 'the copy on the other connection');

    const steps = Object.keys(BOUND_MiB) as Array<keyof typeof BOUND_MiB>;
    const report = steps.map((step) => `${step}: +${measured[step]?.growthMiB} MiB (baseline ${measured[step]?.baselineMiB} MiB, peak ${measured[step]?.peakMiB} MiB, ${measured[step]?.samples} samples)`);
    console.log(`RSS growth of the extension host: ${report.join('; ')}`);
    for (const step of steps) {
      const growth = measured[step]!;
      assert.ok(growth.samples >= 5, `${step}: sampled ${growth.samples} times only`);
      assert.ok(growth.growthMiB < BOUND_MiB[step], `the ${step} of a ${FILE_MiB} MiB file grew the extension host's RSS by ${growth.growthMiB} MiB, not under ${BOUND_MiB[step]} MiB (${report.join('; ')})`);
    }
  });
});
