// The extension's transfer engine as a benchmark client: `runTransfers` over the extension's own
// S3 service (GuardedS3Service over SdkS3Service, built by S3ServiceFactory exactly as the extension
// builds it), with the concurrency, part size and queue size of the settings given.
//
// Downloads do what Download… does between its prompts, with its task factory (downloadTasks.ts).
// PROVISIONAL until they are on main: uploads, copies and deletes use the smallest tasks over the same
// service calls instead of the factories of uploadTasks.ts, copyTasks.ts and deleteTasks.ts.
import { createReadStream, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { Transform } from 'node:stream';
import type { S3Service } from '../../src/s3/service';
import { S3ServiceFactory } from '../../src/s3/serviceFactory';
import { memoryJournalStore, UploadJournal } from '../../src/s3/uploadJournal';
import { downloadTask } from '../../src/transfer/downloadTasks';
import { placeKeys } from '../../src/transfer/localNames';
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
    // A journal as the extension keeps (in memory here, in globalState there): every multipart upload is written down.
    this.factory = new S3ServiceFactory(log, () => ({ partSizeBytes: settings.partSizeMB * 1024 * 1024, queueSize: settings.queueSize }), new UploadJournal(memoryJournalStore()));
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

  /** As Download… does: list, place every key locally, one task per key. */
  private async download(keys: Array<{ key: string; size: number; relativeKey: string }>, bucket: string, folder: string): Promise<void> {
    const placements = placeKeys(keys);
    await this.run(
      keys.map((entry, index) => downloadTask({ service: this.service, bucket, key: entry.key, size: entry.size, placement: placements[index] }, folder, 'overwrite')),
      'file',
    );
  }

  async downloadFile(bucket: string, key: string, file: string): Promise<void> {
    const { size } = await this.service.headObject(bucket, key);
    await this.download([{ key, size, relativeKey: path.basename(file) }], bucket, path.dirname(file));
  }

  async uploadFolder(folder: string, bucket: string, prefix: string): Promise<void> {
    const files = await localFiles(folder);
    await this.run(
      files.map(({ relative, size }) => uploadTask(this.service, path.join(folder, relative), size, bucket, prefix + relative.split(path.sep).join('/'))),
      'file',
    );
  }

  /** The prefix's own name is the first folder, as when a folder node is downloaded. */
  async downloadFolder(bucket: string, prefix: string, folder: string): Promise<void> {
    const parent = prefix.slice(0, prefix.slice(0, -1).lastIndexOf('/') + 1);
    const keys: Array<{ key: string; size: number; relativeKey: string }> = [];
    for await (const page of this.service.listKeys(bucket, prefix)) {
      keys.push(...page.map((object) => ({ key: object.key, size: object.size, relativeKey: object.key.slice(parent.length) })));
    }
    await this.download(keys, bucket, folder);
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
