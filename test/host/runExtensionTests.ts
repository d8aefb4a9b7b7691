// Runs the integration suite inside code-server's extension host: the workbench is told through its
// URL payload to load this extension in development mode and execute the suite, whose output and
// exit code come back through the automation hooks the web workbench calls.
import { format } from 'node:util';
import { launchChromium, openPage, workbenchUrl, type CodeServer } from './codeServer';

export interface ExtensionTestRun {
  server: CodeServer;
  extensionPath: string;
  testsPath: string;
  workspaceFolder: string;
  timeoutMs: number;
}

export async function runExtensionTests({ server, extensionPath, testsPath, workspaceFolder, timeoutMs }: ExtensionTestRun): Promise<number> {
  const browser = await launchChromium();
  try {
    const page = await openPage(browser);
    let finish: (code: number) => void = () => undefined;
    const exitCode = new Promise<number>((resolve) => (finish = resolve));
    await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
      const line = format(...(Array.isArray(args) ? args : [args]));
      (type === 'error' ? process.stderr : process.stdout).write(`${line}\n`);
    });
    await page.exposeFunction('codeAutomationExit', (code: number) => finish(code));
    await page.goto(workbenchUrl(server, workspaceFolder, { extensionPath, testsPath }));
    const timeout = new Promise<number>((resolve) =>
      setTimeout(() => {
        process.stderr.write(`Extension tests did not finish within ${timeoutMs} ms\n`);
        resolve(1);
      }, timeoutMs).unref(),
    );
    return await Promise.race([exitCode, timeout]);
  } finally {
    await browser.close();
  }
}
