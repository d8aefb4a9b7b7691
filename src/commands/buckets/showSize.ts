import { l10n } from '../../l10n';
import { settings } from '../../settings';
import { measurePrefix, type PrefixSize } from '../../transfer/prefixSize';
import { FolderListing } from '../../tree/nodes/folderListing';
import { formatBytes, plural, s3Text } from '../../ui/format';
import type { CommandContext } from '../commandContext';
import { chooseS3Folder } from '../shared/chooseS3Folder';

function summary(where: string, size: PrefixSize): string {
  const total = l10n.t('{0} holds {1} in {2}', where, formatBytes(size.bytes), plural(size.objects, 'object'));
  const classes = Object.entries(size.byStorageClass).map(([storageClass, { objects, bytes }]) => l10n.t('{0} {1} in {2}', storageClass, formatBytes(bytes), plural(objects, 'object')));
  const history = size.history ? l10n.t('history: {0} ({1}), {2}', plural(size.history.noncurrentVersions, 'noncurrent version'), formatBytes(size.history.noncurrentBytes), plural(size.history.deleteMarkers, 'delete marker')) : undefined;
  return [`${total}${classes.length > 1 ? ` (${classes.join(', ')})` : ''}`, history].filter(Boolean).join('; ') + '.';
}

/**
 * `s3Browser.showSize`: objects and bytes of a bucket or folder, by storage class, and on a versioned
 * bucket its noncurrent versions and delete markers — listed in parallel, with progress and Cancel.
 * The node shows the result in its description and tooltip until it is refreshed.
 */
export async function showSize(context: CommandContext, target: unknown): Promise<void> {
  const folder = await chooseS3Folder(context, target, l10n.t('Show Size'));
  const where = s3Text(folder.bucket, folder.prefix);
  const service = await context.services.forBucket(folder.connection.settings, folder.bucket);
  const size = await context.prompts.withProgress(l10n.t('Measuring {0}', where), { cancellable: true }, async (report, signal) => {
    const versioned = (await service.bucketVersioning(folder.bucket, signal)) !== undefined;
    return measurePrefix(service, folder.bucket, folder.prefix, {
      concurrency: settings.transferConcurrency(),
      versioned,
      signal,
      onProgress: (soFar) => report(l10n.t('{0} · {1} so far', plural(soFar.objects, 'object'), formatBytes(soFar.bytes))),
    });
  });
  const node = target instanceof FolderListing ? target : await context.tree.findNode(folder.connection.settings.connectionName, folder.bucket, folder.prefix, false);
  if (node instanceof FolderListing) {
    node.measured = size;
    context.tree.redraw(node);
  }
  void context.prompts.notify('info', summary(where, size));
}
