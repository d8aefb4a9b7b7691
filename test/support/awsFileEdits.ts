// Edits of the AWS config and credentials files the runner wrote (AWS_CONFIG_FILE,
// AWS_SHARED_CREDENTIALS_FILE), as a user editing them while the window is open; `restore` puts
// back what they held before the first edit.
import { promises as fs } from 'node:fs';

export class AwsFileEdits {
  private originals?: { config: string; credentials: string };

  constructor(
    readonly configFile = process.env.AWS_CONFIG_FILE!,
    readonly credentialsFile = process.env.AWS_SHARED_CREDENTIALS_FILE!,
  ) {}

  private async remember(): Promise<void> {
    this.originals ??= { config: await fs.readFile(this.configFile, 'utf8'), credentials: await fs.readFile(this.credentialsFile, 'utf8') };
  }

  /** Appends sections to either file. */
  async append({ config = '', credentials = '' }: { config?: string; credentials?: string }): Promise<void> {
    await this.remember();
    if (credentials) {
      await fs.appendFile(this.credentialsFile, `\n${credentials}\n`);
    }
    if (config) {
      await fs.appendFile(this.configFile, `\n${config}\n`);
    }
  }

  /** Rewrites a file's text; the replacement must change something, or the test is not testing. */
  async edit(file: 'config' | 'credentials', change: (text: string) => string): Promise<void> {
    await this.remember();
    const path = file === 'config' ? this.configFile : this.credentialsFile;
    const before = await fs.readFile(path, 'utf8');
    const after = change(before);
    if (after === before) {
      throw new Error(`The edit of the ${file} file changed nothing.`);
    }
    await fs.writeFile(path, after);
  }

  /** Puts both files back as they were before the first edit; true when something was edited. */
  async restore(): Promise<boolean> {
    const originals = this.originals;
    if (!originals) {
      return false;
    }
    this.originals = undefined;
    await fs.writeFile(this.credentialsFile, originals.credentials);
    await fs.writeFile(this.configFile, originals.config);
    return true;
  }
}
