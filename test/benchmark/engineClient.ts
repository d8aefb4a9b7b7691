// The extension's transfer engine as a benchmark client: `runTransfers` over the extension's own
// S3 service (GuardedS3Service over SdkS3Service, built by S3ServiceFactory exactly as the extension
// builds it), with the concurrency, part size and queue size of the settings given.
//
// PROVISIONAL: the task factories the commands use (src/transfer/uploadTasks.ts, downloadTasks.ts,
// copyTasks.ts, deleteTasks.ts) are not on main yet; until they are, the tasks below are the
// smallest tasks over the same service calls. Swap each method's task list for the factory's.
import { createReadStream, createWriteStream, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { S3Service } from '../../src/s3/service';
import { S3ServiceFactory } from '../../src/s3/serviceFactory';
import { runTransfers, type TransferOutcome, type TransferTask } from '../../src/transfer/transferEngine';
import type { SdkTarget } from './sdkClients';
import type { TransferClient } from './transferScenarios';

/** The three settings the benchmark tunes (`s3Browser.transferConcurrency`, `multipartPartSizeMB`, `multipartQueueSize`). */
export interface EngineSettings {
  concurrency: number;
  partSizeMB: number;
  queueSize: number;
}

export const ENGINE_DEFAULTS: EngineSettings = { concurrency: 8, partSizeMB: 8, queueSize: 4 };

export function settingsLabel(settings: EngineSettings): string {
  return `concurrency ${settings.concurrency}, part ${settings.partSizeMB} MiB, queue ${settings.queueSize}`;
}

/** Throws unless every item succeeded, so a failing engine never shows as fast. */
function expectAllDone(outcome: TransferOutcome): void {
  if (outcome.failed.length > 0 || outcome.notDone > 0 || outcome.cancelled) {
    const first = outcome.failed[0];
    throw new Error(`${outcome.failed.length} failed, ${outcome.notDone} not done${first ? `; ${first.label}: ${(first.error as Error).message}` : ''}`);
  }
}

/** Counts bytes as they pass, for the engine's byte progress. */
function counting(addBytes: (bytes: number) => void): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      addBytes(chunk.length);
      done(null, chunk);
    },
  });
}

async function localFiles(folder: string): Promise<Array<{ relative: string; size: number }>> {
  const entries = await fs.readdir(folder, { recursive: true, withFileTypes: true });
  const files = entries.filter((entry) => entry.isFile()).map((entry) => path.relative(folder, path.join(entry.parentPath, entry.name)));
  return Promise.all(files.map(async (relative) => ({ relative, size: (await fs.stat(path.join(folder, relative))).size })));
}

function uploadTask(service: S3Service, file: string, size: number, bucket: string, key: string): TransferTask {
  return {
    label: `${path.basename(file)} → s3://${bucket}/${key}`,
    bytes: size,
    run: async (signal, addBytes) => {
      const body = createReadStream(file).pipe(counting(addBytes));
      await service.putObject({ bucket, key, body, size, signal });
    },
  };
}

function downloadTask(service: S3Service, bucket: string, key: string, size: number, file: string): TransferTask {
  return {
    label: `s3://${bucket}/${key} → ${file}`,
    bytes: size,
    run: async (signal, addBytes) => {
      await fs.mkdir(path.dirname(file), { recursive: true });
      const partial = `${file}.s3b-partial`;
      const object = await service.getObjectStream(bucket, key, undefined, signal);
      try {
        await pipeline(object.body, counting(addBytes), createWriteStream(partial), { signal });
        await fs.rename(partial, file);
      } catch (error) {
        await fs.rm(partial, { force: true });
        throw error;
      }
    },
  };
}

export class EngineClient implements TransferClient {
  private readonly factory: S3ServiceFactory;
  private readonly service: S3Service;
  readonly id: string;

  constructor(
    target: SdkTarget,
    readonly settings: EngineSettings,
    readonly name: string,
    /** Lines the guarded service logs (every write), as the S3 output channel would get them. */
    log: (line: string) => void = () => undefined,
  ) {
    this.id = `engine-c${settings.concurrency}-p${settings.partSizeMB}-q${settings.queueSize}`;
    this.factory = new S3ServiceFactory(log, () => ({ partSizeBytes: settings.partSizeMB * 1024 * 1024, queueSize: settings.queueSize }));
    this.service = this.factory.get({
      connectionName: 'bench',
      region: target.region,
      endpoint: target.endpoint,
      forcePathStyle: true,
      readOnly: false,
      credentials: async () => ({ accessKeyId: target.accessKeyId, secretAccessKey: target.secretAccessKey }),
    });
  }

  private async run(tasks: Iterable<TransferTask> | AsyncIterable<TransferTask[]>, noun: string): Promise<void> {
    expectAllDone(await runTransfers(tasks, { concurrency: this.settings.concurrency, noun, onProgress: () => undefined }));
  }

  async uploadFile(file: string, bucket: string, key: string): Promise<void> {
    const { size } = await fs.stat(file);
    await this.run([uploadTask(this.service, file, size, bucket, key)], 'file');
  }

  async downloadFile(bucket: string, key: string, file: string): Promise<void> {
    const head = await this.service.headObject(bucket, key);
    await this.run([downloadTask(this.service, bucket, key, head.size, file)], 'file');
  }

  async uploadFolder(folder: string, bucket: string, prefix: string): Promise<void> {
    const files = await localFiles(folder);
    await this.run(
      files.map(({ relative, size }) => uploadTask(this.service, path.join(folder, relative), size, bucket, prefix + relative.split(path.sep).join('/'))),
      'file',
    );
  }

  async downloadFolder(bucket: string, prefix: string, folder: string): Promise<void> {
    const service = this.service;
    await this.run(
      (async function* () {
        for await (const page of service.listKeys(bucket, prefix)) {
          yield page.map((object) => downloadTask(service, bucket, object.key, object.size, path.join(folder, ...object.key.slice(prefix.length).split('/'))));
        }
      })(),
      'file',
    );
  }

  async copyPrefix(bucket: string, from: string, to: string): Promise<void> {
    const service = this.service;
    await this.run(
      (async function* () {
        for await (const page of service.listKeys(bucket, from)) {
          yield page.map(
            (object): TransferTask => ({
              label: `s3://${bucket}/${object.key} → s3://${bucket}/${to}${object.key.slice(from.length)}`,
              bytes: 0,
              run: async (signal) => {
                await service.copyObject({ source: { bucket, key: object.key, size: object.size, etag: object.etag }, target: { bucket, key: to + object.key.slice(from.length) }, attributes: {}, signal });
              },
            }),
          );
        }
      })(),
      'object',
    );
  }

  async deletePrefix(bucket: string, prefix: string): Promise<void> {
    const service = this.service;
    await this.run(
      (async function* () {
        for await (const page of service.listKeys(bucket, prefix)) {
          yield [
            {
              label: `${page.length} keys under s3://${bucket}/${prefix}`,
              bytes: 0,
              items: page.length,
              run: async (signal) => service.deleteObjects(bucket, page.map((object) => ({ key: object.key })), signal),
            } satisfies TransferTask,
          ];
        }
      })(),
      'key',
    );
  }

  dispose(): void {
    this.factory.dispose();
  }
}
