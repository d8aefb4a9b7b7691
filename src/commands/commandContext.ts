import type * as vscode from 'vscode';
import type { S3FileSystemProvider } from '../fs/s3FileSystemProvider';
import type { ConnectionRegistry } from '../profiles/connectionRegistry';
import type { CustomEndpointStore } from '../profiles/customEndpoints';
import type { PinnedBuckets } from '../profiles/pinnedBuckets';
import type { S3ServiceFactory } from '../s3/serviceFactory';
import type { S3Node } from '../tree/nodes/s3Node';
import type { S3TreeDataProvider } from '../tree/s3TreeDataProvider';
import type { Log } from '../ui/log';
import type { Prompts } from '../ui/prompts';
import type { RecentSyncs } from './sync/recentSyncs';
import type { SyncPreviews } from './sync/syncPreviews';

/** What command handlers work with. */
export interface CommandContext {
  connections: ConnectionRegistry;
  endpoints: CustomEndpointStore;
  pinned: PinnedBuckets;
  services: S3ServiceFactory;
  tree: S3TreeDataProvider;
  treeView: vscode.TreeView<S3Node>;
  log: Log;
  fileSystem: S3FileSystemProvider;
  prompts: Prompts;
  sync: {
    /** Where each pair's records of its last sync are kept (the extension's global storage). */
    recordsFolder: string;
    recent: RecentSyncs;
    previews: SyncPreviews;
  };
}
