// The extension's transfer engine as a benchmark client: `runTransfers` over the extension's own
// S3 service (GuardedS3Service over SdkS3Service, built by S3ServiceFactory exactly as the extension
// builds it), with the concurrency, part size and queue size of the settings given.
// Each method does what its command does between the prompts (uploadLocalUris.ts, download.ts,
// moveOrCopy.ts, deleteItems.ts), with the same task factories.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { S3Service } from '../../src/s3/service';
import { S3ServiceFactory } from '../../src/s3/serviceFactory';
import { memoryJournalStore, UploadJournal } from '../../src/s3/uploadJournal';
import { copyTaskPages, CopyRecord, pairOf, type CopyPair } from '../../src/transfer/copyTasks';
import { deleteTaskPages } from '../../src/transfer/deleteTasks';
import { downloadTasks } from '../../src/transfer/downloadTasks';
import { placeKeys } from '../../src/transfer/localNames';
import { runTransfers, type TransferOutcome, type TransferTask } from '../../src/transfer/transferEngine';
import type { Counted } from '../../src/ui/format';
import { findExistingKeys, planUpload } from '../../src/transfer/uploadPlan';
import { uploadTasks } from '../../src/transfer/uploadTasks';
import type { SdkTarget } from './sdkClients';
import type { ConnectionSettings } from '../../src/s3/types';
import type { TransferClient } from './transferScenarios';

/** The three settings the benchmark tunes (`s3Browser.transferConcurrency`, `multipartPartSizeMB`, `multipartQueueSize`). */
/** The connection every benchmark client of the extension's code uses: the target's keys, path-style. */
export function benchConnection(target: SdkTarget): ConnectionSettings {
  return {
    connectionName: 'bench',
    region: target.region,
    endpoint: target.endpoint,
    forcePathStyle: true,
    readOnly: false,
    credentials: async () => ({ accessKeyId: target.accessKeyId, secretAccessKey: target.secretAccessKey }),
  };
}

export interface EngineSettings {
  concurrency: number;
  partSizeMB: number;
  queueSize: number;
}

/** The defaults a user gets: package.json's, so the benchmark cannot drift from what ships. */
const configuration = (JSON.parse(readFileSync(path.join(__dirname, '../../../package.json'), 'utf8')) as { contributes: { configuration: { properties: Record<string, { default: unknown }> } } }).contributes.configuration.properties;
const shipped = (name: string) => configuration[`s3Browser.${name}`].default;
export const ENGINE_DEFAULTS: EngineSettings = { concurrency: shipped('transferConcurrency') as number, partSizeMB: shipped('multipartPartSizeMB') as number, queueSize: shipped('multipartQueueSize') as number };
const COPY_KEEPS_ACCESS_AND_ENCRYPTION = shipped('copy.keepAccessAndEncryption') as boolean;

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
    this.service = this.factory.get(benchConnection(target));
  }

  private async run(tasks: Iterable<TransferTask> | AsyncIterable<TransferTask[]>, noun: Counted): Promise<void> {
    expectAllDone(await runTransfers(tasks, { concurrency: this.settings.concurrency, noun, onProgress: () => undefined }));
  }

  /** As Upload Files…/Upload Folder… do: walk, look for existing keys, one task per file. */
  private async upload(paths: string[], bucket: string, prefix: string): Promise<void> {
    const destination = { bucket, prefix };
    const plan = await planUpload(paths);
    const existing = await findExistingKeys(this.service, destination, plan, this.settings.concurrency);
    await this.run(uploadTasks(this.service, destination, plan, {}, existing, 'overwrite'), 'file');
  }

  async uploadFile(file: string, bucket: string, key: string): Promise<void> {
    if (path.posix.basename(key) !== path.basename(file)) {
      throw new Error(`An upload keeps the file's name: ${key} must end in ${path.basename(file)}`);
    }
    await this.upload([file], bucket, key.slice(0, key.length - path.basename(file).length));
  }

  /** The folder's own name is the first segment of its keys, as in Upload Folder…. */
  async uploadFolder(folder: string, bucket: string, prefix: string): Promise<void> {
    await this.upload([folder], bucket, prefix);
  }

  /** As Download… does: list, place every key locally, one task per key. */
  private async download(keys: Array<{ key: string; size: number; relativeKey: string }>, bucket: string, folder: string): Promise<void> {
    const placements = placeKeys(keys);
    await this.run(
      downloadTasks(keys.map((entry, index) => ({ service: this.service, bucket, key: entry.key, size: entry.size, placement: placements[index] })), folder, 'overwrite'),
      'file',
    );
  }

  async downloadFile(bucket: string, key: string, file: string): Promise<void> {
    const { size } = await this.service.headObject(bucket, key);
    await this.download([{ key, size, relativeKey: path.basename(file) }], bucket, path.dirname(file));
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

  /** As Copy To… does for a folder: list it, look for existing targets, one task per key. */
  async copyPrefix(bucket: string, from: string, to: string): Promise<void> {
    const pairs: CopyPair[] = [];
    for await (const page of this.service.listKeys(bucket, from)) {
      pairs.push(...page.map((object) => pairOf(object, from, to)));
    }
    for await (const page of this.service.listKeys(bucket, to)) {
      if (page.length > 0) {
        throw new Error(`s3://${bucket}/${to} is not empty`);
      }
    }
    const endpoint = { connectionName: 'bench', service: this.service, bucket };
    await this.run(copyTaskPages({ source: endpoint, destination: endpoint, removeSource: false, keepAccessAndEncryption: COPY_KEEPS_ACCESS_AND_ENCRYPTION }, pairs, new CopyRecord()), 'object');
  }

  /** As Delete… does for a folder: list every key, then batches of 1000, several in flight. */
  async deletePrefix(bucket: string, prefix: string): Promise<void> {
    const keys: string[] = [];
    for await (const page of this.service.listKeys(bucket, prefix)) {
      keys.push(...page.map((object) => object.key));
    }
    await this.run(deleteTaskPages(this.service, bucket, keys), 'object');
  }

  dispose(): void {
    this.factory.dispose();
  }
}
