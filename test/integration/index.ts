// Entry point loaded by the VS Code extension host (code-server or @vscode/test-electron):
// runs every *.test.js beside this file with mocha and reports the counts, and skipped tests (pending)
// by their full titles, so the runner can name them.
import { globSync } from 'glob';
import Mocha from 'mocha';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

export async function run(): Promise<void> {
  // forbidOnly: a stray `.only` fails the run instead of quietly dropping every other test.
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60_000, reporter: 'spec', forbidOnly: true });
  for (const file of globSync('**/*.test.js', { cwd: __dirname }).sort()) {
    mocha.addFile(path.join(__dirname, file));
  }
  const grep = process.env.S3B_TEST_GREP;
  if (grep) {
    mocha.grep(grep);
  }
  const stats = await new Promise<{ passes: number; failures: number; pending: string[] }>((resolve) => {
    const pending: string[] = [];
    const runner = mocha.run(() => resolve({ passes: runner.stats?.passes ?? 0, failures: runner.stats?.failures ?? 0, pending }));
    runner.on(Mocha.Runner.constants.EVENT_TEST_PENDING, (test) => pending.push(test.fullTitle()));
  });
  console.log(`integration: ${stats.passes} passed, ${stats.failures} failed, ${stats.pending.length} pending`);
  if (process.env.S3B_RESULTS_FILE) {
    await fs.writeFile(process.env.S3B_RESULTS_FILE, JSON.stringify(stats));
  }
  if (stats.failures > 0) {
    throw new Error(`${stats.failures} integration test(s) failed.`);
  }
}
