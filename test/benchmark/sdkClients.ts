// The bare AWS SDK, without any extension code: the ceiling this server allows a client (tuned
// concurrency, multipart with large parts, ranged parallel GETs, DeleteObjects batches in flight),
// and the benchmark's own untimed helpers (fixtures, checks, clean-up) built on the same calls.
import { CopyObjectCommand, CreateBucketCommand, DeleteObjectsCommand, GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { createReadStream, createWriteStream, promises as fs } from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { TransferClient } from './transferScenarios';

export interface SdkTarget {
  endpoint: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
}

export interface CeilingTuning {
  partSizeBytes: number;
  queueSize: number;
  /** Requests in flight for many small objects (PUT, GET, CopyObject). */
  concurrency: number;
  /** Ranged GETs of this size, `rangeConcurrency` at a time; 0 = one GET streamed to disk. */
  rangeBytes: number;
  rangeConcurrency: number;
  /** DeleteObjects requests (1000 keys each) in flight. */
  deleteBatchesInFlight: number;
}

const MIB = 1024 * 1024;

export const CEILING_TUNING: CeilingTuning = {
  partSizeBytes: Number(process.env.S3B_BENCH_CEILING_PART_MB ?? 16) * MIB,
  queueSize: Number(process.env.S3B_BENCH_CEILING_QUEUE ?? 8),
  concurrency: Number(process.env.S3B_BENCH_CEILING_CONCURRENCY ?? 32),
  rangeBytes: Number(process.env.S3B_BENCH_CEILING_RANGE_MB ?? 16) * MIB,
  rangeConcurrency: Number(process.env.S3B_BENCH_CEILING_RANGES ?? 8),
  deleteBatchesInFlight: Number(process.env.S3B_BENCH_CEILING_DELETES ?? 4),
};

export function sdkClient(target: SdkTarget): S3Client {
  const client = new S3Client({
    endpoint: target.endpoint,
    region: target.region,
    forcePathStyle: true,
    credentials: { accessKeyId: target.accessKeyId, secretAccessKey: target.secretAccessKey },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    // The SDK's default pool (50 sockets) must not be what limits the ceiling.
    requestHandler: { httpAgent: new http.Agent({ keepAlive: true, maxSockets: 256 }) },
  });
  // Inside the extension host, VS Code's proxy support wraps every request in an agent that does not
  // keep connections alive, so without this header each request opens a new connection (1,000 for a
  // 1,000-file upload). The header changes nothing in a plain Node process; in the host it makes the
  // SDK beside the engine a ceiling again rather than a client slowed by its host.
  client.middlewareStack.add(
    (next) => (args) => {
      (args.request as { headers: Record<string, string> }).headers.connection = 'keep-alive';
      return next(args);
    },
    { step: 'build', name: 'benchKeepAlive' },
  );
  return client;
}

/** Runs `work` on every item, `concurrency` at a time, starting items as the source yields them. */
export async function inPool<T>(items: Iterable<T> | AsyncIterable<T>, concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  const inFlight = new Set<Promise<void>>();
  let failure: unknown;
  for await (const item of items) {
    if (failure !== undefined) {
      break;
    }
    while (inFlight.size >= concurrency) {
      await Promise.race(inFlight);
    }
    const running = work(item).catch((error: unknown) => void (failure ??= error));
    const tracked = running.finally(() => inFlight.delete(tracked));
    inFlight.add(tracked);
  }
  await Promise.all(inFlight);
  if (failure !== undefined) {
    throw failure;
  }
}

async function* keyPages(s3: S3Client, bucket: string, prefix: string): AsyncIterable<Array<{ key: string; size: number }>> {
  let token: string | undefined;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
    yield (page.Contents ?? []).map((object) => ({ key: object.Key!, size: object.Size ?? 0 }));
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
}

async function* keysOf(s3: S3Client, bucket: string, prefix: string): AsyncIterable<{ key: string; size: number }> {
  for await (const page of keyPages(s3, bucket, prefix)) {
    yield* page;
  }
}

async function localFiles(folder: string): Promise<string[]> {
  const entries = await fs.readdir(folder, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => path.relative(folder, path.join(entry.parentPath, entry.name)));
}

/** The ceiling client: every scenario done with the SDK directly, as fast as tuning allows. */
export class SdkCeiling implements TransferClient {
  readonly s3: S3Client;

  constructor(
    target: SdkTarget,
    readonly id: string,
    readonly name: string,
    protected readonly tuning: CeilingTuning = CEILING_TUNING,
  ) {
    this.s3 = sdkClient(target);
  }

  async uploadFile(file: string, bucket: string, key: string): Promise<void> {
    const { size } = await fs.stat(file);
    const upload = new Upload({ client: this.s3, params: { Bucket: bucket, Key: key, Body: createReadStream(file, { highWaterMark: MIB }), ContentLength: size }, partSize: this.tuning.partSizeBytes, queueSize: this.tuning.queueSize });
    await upload.done();
  }

  async downloadFile(bucket: string, key: string, file: string): Promise<void> {
    if (this.tuning.rangeBytes === 0) {
      const object = await this.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      await pipeline(object.Body as Readable, createWriteStream(file));
      return;
    }
    const { ContentLength: size = 0 } = await this.s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    const handle = await fs.open(file, 'w');
    try {
      await handle.truncate(size);
      const starts = Array.from({ length: Math.ceil(size / this.tuning.rangeBytes) }, (_, i) => i * this.tuning.rangeBytes);
      await inPool(starts, this.tuning.rangeConcurrency, async (start) => {
        const end = Math.min(size, start + this.tuning.rangeBytes) - 1;
        const object = await this.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key, Range: `bytes=${start}-${end}` }));
        let position = start;
        for await (const chunk of object.Body as Readable) {
          const bytes = chunk as Buffer;
          await handle.write(bytes, 0, bytes.length, position);
          position += bytes.length;
        }
      });
    } finally {
      await handle.close();
    }
  }

  async uploadFolder(folder: string, bucket: string, prefix: string): Promise<void> {
    await inPool(await localFiles(folder), this.tuning.concurrency, async (relative) => {
      const body = await fs.readFile(path.join(folder, relative));
      await this.s3.send(new PutObjectCommand({ Bucket: bucket, Key: prefix + relative.split(path.sep).join('/'), Body: body }));
    });
  }

  async downloadFolder(bucket: string, prefix: string, folder: string): Promise<void> {
    await inPool(keysOf(this.s3, bucket, prefix), this.tuning.concurrency, async ({ key }) => {
      const file = path.join(folder, ...key.slice(prefix.length).split('/'));
      await fs.mkdir(path.dirname(file), { recursive: true });
      const object = await this.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      await pipeline(object.Body as Readable, createWriteStream(file));
    });
  }

  async copyPrefix(bucket: string, from: string, to: string): Promise<void> {
    await inPool(keysOf(this.s3, bucket, from), this.tuning.concurrency, async ({ key }) => {
      await this.s3.send(new CopyObjectCommand({ Bucket: bucket, Key: to + key.slice(from.length), CopySource: `${bucket}/${key.split('/').map(encodeURIComponent).join('/')}` }));
    });
  }

  async deletePrefix(bucket: string, prefix: string): Promise<void> {
    await inPool(keyPages(this.s3, bucket, prefix), this.tuning.deleteBatchesInFlight, async (page) => {
      if (page.length === 0) {
        return;
      }
      const result = await this.s3.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: page.map(({ key }) => ({ Key: key })), Quiet: true } }));
      if (result.Errors?.length) {
        throw new Error(`${result.Errors.length} deletions failed, e.g. ${result.Errors[0].Key}: ${result.Errors[0].Code}`);
      }
    });
  }

  dispose(): void {
    this.s3.destroy();
  }
}

/** The benchmark's own untimed work: fixtures, checks and clean-up, with the ceiling's calls. */
export class SdkAdmin extends SdkCeiling {
  constructor(target: SdkTarget) {
    super(target, 'admin', 'admin');
  }

  async createNamedBucket(bucket: string): Promise<void> {
    await this.s3.send(new CreateBucketCommand({ Bucket: bucket }));
  }

  async putMany(bucket: string, keys: string[], bodyBytes = 0): Promise<void> {
    const body = Buffer.alloc(bodyBytes, 1);
    await inPool(keys, 64, async (key) => void (await this.s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }))));
  }

  async keyCount(bucket: string, prefix: string): Promise<number> {
    let keys = 0;
    for await (const page of keyPages(this.s3, bucket, prefix)) {
      keys += page.length;
    }
    return keys;
  }

  async size(bucket: string, key: string): Promise<number> {
    return (await this.s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }))).ContentLength ?? -1;
  }
}
