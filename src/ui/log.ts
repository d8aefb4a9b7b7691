import * as vscode from 'vscode';

/** The "S3" output channel. Callers pass messages that never contain a secret. */
export class Log implements vscode.Disposable {
  private readonly channel = vscode.window.createOutputChannel('S3', { log: true });
  private readonly written = new vscode.EventEmitter<string>();
  /** Each line as it is written, "[level] message" (what the channel shows, which cannot be read back). */
  readonly onDidWrite = this.written.event;

  info(message: string): void {
    this.channel.info(message);
    this.written.fire(`[info] ${message}`);
  }

  error(message: string): void {
    this.channel.error(message);
    this.written.fire(`[error] ${message}`);
  }

  warn(message: string): void {
    this.channel.warn(message);
    this.written.fire(`[warning] ${message}`);
  }

  /** Brings the channel into view (a report's "Show details"). */
  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.written.dispose();
    this.channel.dispose();
  }
}
