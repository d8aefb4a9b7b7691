import type * as vscode from 'vscode';

const KEY = 's3Browser.pinnedBuckets';

/**
 * Buckets added by name, per connection: identities that may not call ListBuckets can still
 * browse the buckets they are allowed into.
 */
export class PinnedBuckets {
  constructor(private readonly state: vscode.Memento) {}

  private all(): Record<string, string[]> {
    return this.state.get<Record<string, string[]>>(KEY, {});
  }

  list(connectionName: string): string[] {
    return this.all()[connectionName] ?? [];
  }

  async add(connectionName: string, bucket: string): Promise<void> {
    const all = this.all();
    const current = all[connectionName] ?? [];
    if (!current.includes(bucket)) {
      await this.state.update(KEY, { ...all, [connectionName]: [...current, bucket].sort() });
    }
  }

  /** Moves a connection's buckets to its new name (a renamed endpoint). */
  async rename(from: string, to: string): Promise<void> {
    const all = this.all();
    if (from === to || !all[from]) {
      return;
    }
    const { [from]: moved, ...rest } = all;
    await this.state.update(KEY, { ...rest, [to]: [...new Set([...(rest[to] ?? []), ...moved])].sort() });
  }

  async remove(connectionName: string, bucket: string): Promise<void> {
    const all = this.all();
    await this.state.update(KEY, { ...all, [connectionName]: (all[connectionName] ?? []).filter((name) => name !== bucket) });
  }
}
