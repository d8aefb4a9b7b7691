// A counting gate: at most `limit` holders at once, the rest wait in arrival order. The limit is
// given on each entry, so a setting changed mid-session applies to the next entry.

export class Slots {
  private inUse = 0;
  private readonly waiting: Array<() => void> = [];

  /** Waits for a slot (or rejects when `signal` aborts first) and returns the function that frees it. */
  async enter(limit: number, signal?: AbortSignal): Promise<() => void> {
    while (this.inUse >= Math.max(1, limit)) {
      signal?.throwIfAborted();
      await new Promise<void>((resolve, reject) => {
        const wake = () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        };
        const onAbort = () => {
          this.waiting.splice(this.waiting.indexOf(wake), 1);
          reject(signal?.reason);
        };
        this.waiting.push(wake);
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    }
    this.inUse++;
    let held = true;
    return () => {
      if (held) {
        held = false;
        this.inUse--;
        this.waiting.shift()?.();
      }
    };
  }
}
