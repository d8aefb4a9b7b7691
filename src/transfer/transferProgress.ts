// What a transfer's progress notification says: files and bytes done, the rate and the time left.
// Free of `vscode`; the clock is injectable so the arithmetic is unit-tested.
import { type Counted, formatBytes, formatCount, plural } from '../ui/format';
import { l10n } from '../l10n';

/** The rate is measured over this recent window, so it follows a slowing or recovering server. */
const RATE_WINDOW_MS = 5000;

export interface TransferTotals {
  /** Items in the batch, when known before it starts (a listed prefix, chosen files). */
  files?: number;
  bytes?: number;
}

/** "2 s", "4 min 10 s", "1 h 5 min". */
export function formatDuration(ms: number): string {
  const seconds = Math.max(1, Math.round(ms / 1000));
  if (seconds < 60) {
    return l10n.t('{0} s', seconds);
  }
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) {
    return l10n.t('{0} min {1} s', minutes, seconds % 60);
  }
  return l10n.t('{0} h {1} min', Math.floor(minutes / 60), minutes % 60);
}

export class TransferProgress {
  filesDone = 0;
  bytesDone = 0;
  private readonly samples: Array<{ at: number; bytes: number }> = [];
  private reportedPercent = 0;

  constructor(
    private readonly totals: TransferTotals,
    /** Singular noun for the items: "file", "key", "object". */
    private readonly noun: Counted = 'file',
    private readonly now: () => number = () => performance.now(),
  ) {
    this.samples.push({ at: now(), bytes: 0 });
  }

  addBytes(bytes: number): void {
    this.bytesDone += bytes;
    const at = this.now();
    this.samples.push({ at, bytes: this.bytesDone });
    while (this.samples.length > 2 && at - this.samples[1].at > RATE_WINDOW_MS) {
      this.samples.shift();
    }
  }

  fileDone(): void {
    this.filesDone++;
  }

  /** Bytes per second over the recent window; undefined until there is something to measure. */
  rate(): number | undefined {
    const first = this.samples[0];
    const last = this.samples[this.samples.length - 1];
    const elapsed = last.at - first.at;
    return elapsed > 0 && last.bytes > first.bytes ? ((last.bytes - first.bytes) * 1000) / elapsed : undefined;
  }

  /** "3 of 10 files · 12.0 MB of 40.0 MB · 8.1 MB/s · 4 s left". */
  message(): string {
    const { files, bytes } = this.totals;
    const parts = [files === undefined ? plural(this.filesDone, this.noun) : l10n.t('{0} of {1}', formatCount(this.filesDone), plural(files, this.noun))];
    if (bytes !== undefined && bytes > 0) {
      parts.push(l10n.t('{0} of {1}', formatBytes(this.bytesDone), formatBytes(bytes)));
    } else if (this.bytesDone > 0) {
      parts.push(formatBytes(this.bytesDone));
    }
    const rate = this.rate();
    if (rate !== undefined) {
      parts.push(`${formatBytes(rate)}/s`);
      if (bytes !== undefined && bytes > this.bytesDone) {
        parts.push(l10n.t('{0} left', formatDuration(((bytes - this.bytesDone) / rate) * 1000)));
      }
    }
    return parts.join(' · ');
  }

  /** Percent done (by bytes when they are known, else by files); undefined without totals. */
  percent(): number | undefined {
    const { files, bytes } = this.totals;
    if (bytes !== undefined && bytes > 0) {
      return Math.min(100, (this.bytesDone / bytes) * 100);
    }
    return files ? Math.min(100, (this.filesDone / files) * 100) : undefined;
  }

  /** The increment since the last call, as VS Code's progress API wants it. */
  takeIncrement(): number | undefined {
    const percent = this.percent();
    if (percent === undefined) {
      return undefined;
    }
    const increment = percent - this.reportedPercent;
    this.reportedPercent = percent;
    return increment > 0 ? increment : undefined;
  }
}
