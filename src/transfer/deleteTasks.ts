// Deletes as TransferTasks: one DeleteObjects request of up to 1000 keys per task, so the engine's
// concurrency keeps several batches in flight, and every key S3 refuses comes back as a failure of
// its own (S3 answers 200 even when keys fail). Free of `vscode`, so the benchmark runs this code.
import { S3Error, type S3ErrorKind } from '../s3/errors';
import type { S3Service } from '../s3/service';
import { Slots } from '../s3/slots';
import type { ObjectSummary } from '../s3/types';
import { formatCount, s3Text } from '../ui/format';
import type { TransferTask } from './transferEngine';
import { l10n } from '../l10n';

/** S3's limit on the keys of one DeleteObjects request. */
export const DELETE_BATCH_SIZE = 1000;
/**
 * DeleteObjects requests of one job in flight, whatever the engine's concurrency: each is 1000 keys
 * of work for the server, and more at once measured no faster (the benchmark's 10,000-key delete).
 */
const DELETE_BATCHES_IN_FLIGHT = 8;

function failureKind(code: string): S3ErrorKind {
  return code === 'AccessDenied' ? 'AccessDenied' : code === 'NoSuchKey' ? 'NotFound' : 'Other';
}

/** The task that deletes up to 1000 keys of one bucket with one request, once one of `slots` is free. */
function deleteBatchTask(service: S3Service, bucket: string, keys: string[], slots: Slots): TransferTask {
  const label = keys.length === 1 ? s3Text(bucket, keys[0]) : l10n.t('{0} and {1} more keys', s3Text(bucket, keys[0]), formatCount(keys.length - 1));
  return {
    label,
    bytes: 0,
    items: keys.length,
    async run(signal) {
      const leave = await slots.enter(DELETE_BATCHES_IN_FLIGHT, signal);
      const report = await service.deleteObjectsReporting(bucket, keys, signal).finally(leave);
      return {
        failures: report.failed.map((failure) => ({
          label: s3Text(bucket, failure.key),
          error: new S3Error(failureKind(failure.code), `${failure.code}${failure.message ? `: ${failure.message}` : ''}`, failure.code),
        })),
      };
    },
  };
}

/** Keys (or listed pages of them) as pages of delete tasks of at most 1000 keys each. */
export async function* deleteTaskPages(service: S3Service, bucket: string, pages: AsyncIterable<ObjectSummary[]> | Iterable<string>): AsyncIterable<TransferTask[]> {
  const slots = new Slots();
  const batches = (keys: string[]) => {
    const tasks: TransferTask[] = [];
    for (let start = 0; start < keys.length; start += DELETE_BATCH_SIZE) {
      tasks.push(deleteBatchTask(service, bucket, keys.slice(start, start + DELETE_BATCH_SIZE), slots));
    }
    return tasks;
  };
  if (Symbol.asyncIterator in pages) {
    for await (const page of pages) {
      yield batches(page.map((object) => object.key));
    }
  } else {
    yield batches([...pages]);
  }
}
