// A sync plan as transfer tasks: uploads that carry the file's modification time as `mtime`
// metadata, downloads that give the file the object's `mtime` (or its LastModified), deletes of the
// extras when asked, and a failing task per problem so the report names it. Every transfer that
// completes updates the pair's records at once, so a cancelled or failed sync run again redoes only
// what did not complete.
import { promises as fs } from 'node:fs';
import type { S3Service } from '../../s3/service';
import { deleteTaskPages } from '../deleteTasks';
import { downloadObject, localPath, LocalFolders } from '../downloadTasks';
import type { TransferTask } from '../transferEngine';
import { uploadFile, type UploadOptions } from '../uploadTasks';
import { metadataTime, mtimeMetadata, type PlannedTransfer, type SyncPlan } from './syncPlan';
import type { RemoteEntry, LocalEntry } from './syncSides';
import { s3Text } from '../../ui/format';
import { l10n } from '../../l10n';

function isRemote(entry: LocalEntry | RemoteEntry): entry is RemoteEntry {
  return 'key' in entry;
}

function uploadTask(service: S3Service, plan: SyncPlan, transfer: PlannedTransfer, options: UploadOptions): TransferTask {
  const { bucket, prefix } = plan.pair;
  const file = transfer.local!;
  const key = `${prefix}${file.relativePath}`;
  return {
    label: `${file.path} → ${s3Text(bucket, key)}`,
    bytes: file.size,
    run: async (signal, addBytes) => {
      // The time as the file is now: one changed since the plan goes up with its new time.
      const { mtimeMs } = await fs.stat(file.path);
      const written = await uploadFile(service, bucket, key, { ...file, mtimeMs }, { ...options, metadata: { ...options.metadata, ...mtimeMetadata(mtimeMs) } }, signal, addBytes);
      // Some servers (Ceph) answer a completed multipart upload without an ETag: the record needs the one listings will show.
      const etag = written || (await service.headObject(bucket, key, undefined, signal)).etag;
      plan.records.set(file.relativePath, { size: file.size, mtimeMs, etag });
    },
  };
}

function downloadTask(service: S3Service, plan: SyncPlan, transfer: PlannedTransfer, folders: LocalFolders): TransferTask {
  const { bucket, localFolder } = plan.pair;
  const object = transfer.remote!;
  return {
    label: `${s3Text(bucket, object.key)} → ${transfer.relativePath}`,
    bytes: object.size,
    run: async (signal, addBytes) => {
      const target = localPath(localFolder, transfer.relativePath);
      const written = await downloadObject({ service, bucket, key: object.key, size: object.size }, target, folders, signal, addBytes, (stream) => new Date(metadataTime(stream.metadata) ?? stream.lastModified?.getTime() ?? Date.now()));
      plan.records.set(object.relativeKey, { size: object.size, mtimeMs: written.mtimeMs!, etag: written.etag ?? object.etag });
      return transfer.renamed ? { renamed: transfer.renamed } : undefined;
    },
  };
}

function deleteLocalTask(file: LocalEntry): TransferTask {
  return {
    label: file.path,
    bytes: 0,
    run: async () => {
      await fs.rm(file.path);
    },
  };
}

/**
 * The tasks of a plan, in pages: transfers first, then the deletes (when the plan deletes extras),
 * then one failing task per problem. `uploadOptions` are the upload defaults (storage class,
 * encryption, ACL) every uploaded object gets.
 */
export async function* syncTaskPages(service: S3Service, plan: SyncPlan, uploadOptions: UploadOptions): AsyncIterable<TransferTask[]> {
  const folders = new LocalFolders();
  yield plan.transfers.map((transfer) => (plan.pair.direction === 'upload' ? uploadTask(service, plan, transfer, uploadOptions) : downloadTask(service, plan, transfer, folders)));
  if (plan.options.deleteExtras) {
    const remote = plan.extras.filter(isRemote);
    const local = plan.extras.filter((extra): extra is LocalEntry => !isRemote(extra));
    if (remote.length > 0) {
      yield* deleteTaskPages(service, plan.pair.bucket, remote.map((object) => object.key));
    }
    yield local.map(deleteLocalTask);
  }
  yield plan.problems.map((problem) => ({
    label: problem.label,
    bytes: 0,
    run: () => Promise.reject(new Error(problem.reason || l10n.t('not synced'))),
  }));
}
