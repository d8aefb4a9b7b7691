import * as vscode from 'vscode';
import type { SyncOptions, SyncPair } from '../../transfer/sync/syncPlan';

export interface RecentSync {
  pair: SyncPair;
  options: SyncOptions;
}

const KEY = 's3Browser.sync.recent';
const KEPT = 10;
/** The context key that shows Sync Again… (palette and menus) only once there is a sync to repeat. */
const HAS_RECENT = 's3Browser.hasRecentSyncs';

function samePair(a: SyncPair, b: SyncPair): boolean {
  return a.direction === b.direction && a.localFolder === b.localFolder && a.connectionName === b.connectionName && a.bucket === b.bucket && a.prefix === b.prefix;
}

/** The pairs synced in this workspace, newest first, with the options they ran with (for Sync Again). */
export class RecentSyncs {
  constructor(private readonly state: vscode.Memento) {
    void this.showSyncAgain();
  }

  private showSyncAgain(): Thenable<unknown> {
    return vscode.commands.executeCommand('setContext', HAS_RECENT, this.list().length > 0);
  }

  list(): RecentSync[] {
    return this.state.get<RecentSync[]>(KEY, []);
  }

  async remember(sync: RecentSync): Promise<void> {
    await this.state.update(KEY, [sync, ...this.list().filter((recent) => !samePair(recent.pair, sync.pair))].slice(0, KEPT));
    await this.showSyncAgain();
  }
}
