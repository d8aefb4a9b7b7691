import * as vscode from 'vscode';

/** The "S3" output channel. Callers pass messages that never contain a secret. */
export class Log implements vscode.Disposable {
  private readonly channel = vscode.window.createOutputChannel('S3', { log: true });

  info(message: string): void {
    this.channel.info(message);
  }

  error(message: string): void {
    this.channel.error(message);
  }

  warn(message: string): void {
    this.channel.warn(message);
  }

  /** Brings the channel into view (a report's "Show details"). */
  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.channel.dispose();
  }
}
