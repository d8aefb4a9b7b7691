// Restoring archived objects (GLACIER, DEEP_ARCHIVE) as TransferTasks: one RestoreObject request each.
// Free of `vscode`, like the other task factories.
import { S3Error } from '../s3/errors';
import type { S3Service } from '../s3/service';
import type { RestoreTier } from '../s3/types';
import { s3Text } from '../ui/format';
import type { TransferTask } from './transferEngine';
import { l10n } from '../l10n';

/** The task that starts one restore; an object already being restored or not archived is skipped, saying so. */
export function restoreTask(service: S3Service, bucket: string, key: string, days: number, tier: RestoreTier): TransferTask {
  return {
    label: s3Text(bucket, key),
    bytes: 0,
    async run(signal) {
      try {
        await service.restoreObject(bucket, key, days, tier, signal);
      } catch (error) {
        if (error instanceof S3Error && error.code === 'RestoreAlreadyInProgress') {
          return { skipped: l10n.t('a restore is already in progress') };
        }
        if (error instanceof S3Error && error.code === 'InvalidObjectState') {
          return { skipped: l10n.t('not archived: it can be read as it is') };
        }
        throw error;
      }
      return {};
    },
  };
}
