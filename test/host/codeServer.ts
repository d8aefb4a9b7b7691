// The offline VS Code test host: code-server 4.100.3 (VS Code 1.100.3, Node extension host) from
// this folder's own package, driven by playwright-core with Debian's chromium.
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';

export type { Browser, Page };
import { PORT_ATTEMPTS, freePort } from '../support/rgw';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const HOST_DIR = path.join(ROOT, 'test', 'host');
const CODE_SERVER = path.join(HOST_DIR, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const hostRequire = createRequire(path.join(HOST_DIR, 'package.json'));

export const CHROMIUM = process.env.S3B_CHROMIUM ?? '/usr/bin/chromium';

export interface CodeServer {
  url: string;
  port: number;
  /** `vscode-remote://` form of a local path, as the web workbench wants it. */
  remoteUri(localPath: string): string;
  stop(): Promise<void>;
}

export interface CodeServerOptions {
  /** Scratch directory for HOME, user data, extensions and config. */
  workDir: string;
  /** Extra environment for the server and so for the extension host. */
  env?: NodeJS.ProcessEnv;
  /** A .vsix to install before starting (the e2e layer tests the packaged extension). */
  vsix?: string;
  /** Other extensions' .vsix files to install next to it (a stand-in for AWS Toolkit). */
  otherExtensions?: string[];
  /** Print the server's output (the demo does, tests keep quiet). */
  verbose?: boolean;
  /** Fixed port (the demo); a free one otherwise. */
  port?: number;
  /** Workspace trust as VS Code ships it, without the startup question: untrusted folders open in Restricted Mode. */
  workspaceTrust?: boolean;
  /** More user settings (the transfer benchmark's `http.proxySupport` variant). */
  settings?: Record<string, unknown>;
}

const USER_SETTINGS = {
  'remote.autoForwardPorts': false,
  'telemetry.telemetryLevel': 'off',
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'security.workspace.trust.enabled': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
  'git.enabled': false,
  'chat.disableAIFeatures': true,
};

/** Only these variables reach the host, so a developer's own AWS_PROFILE or keys never leak into tests. */
function baseEnvironment(home: string): NodeJS.ProcessEnv {
  const keep = ['PATH', 'LANG', 'LC_ALL', 'TMPDIR', 'TZ'];
  const env: NodeJS.ProcessEnv = {};
  for (const name of keep) {
    if (process.env[name] !== undefined) {
      env[name] = process.env[name];
    }
  }
  return { ...env, HOME: home, EXTENSIONS_GALLERY: '{}', XDG_CONFIG_HOME: path.join(home, '.config'), XDG_DATA_HOME: path.join(home, '.local', 'share') };
}

export async function startCodeServer({ workDir, env = {}, vsix, otherExtensions = [], verbose = false, port: fixedPort, workspaceTrust = false, settings = {} }: CodeServerOptions): Promise<CodeServer> {
  const home = path.join(workDir, 'home');
  const userDataDir = path.join(workDir, 'user-data');
  const extensionsDir = path.join(workDir, 'extensions');
  const config = path.join(workDir, 'code-server.yaml');
  await fs.mkdir(path.join(userDataDir, 'User'), { recursive: true });
  await fs.mkdir(extensionsDir, { recursive: true });
  await fs.mkdir(home, { recursive: true });
  const trust = workspaceTrust ? { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never' } : {};
  await fs.writeFile(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify({ ...USER_SETTINGS, ...trust, ...settings }, null, 2));
  await fs.writeFile(config, 'auth: none\ncert: false\n');
  const serverEnv = { ...baseEnvironment(home), ...env };
  const common = ['--config', config, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];

  for (const extension of [...(vsix ? [vsix] : []), ...otherExtensions]) {
    await promisify(execFile)(process.execPath, [CODE_SERVER, ...common, '--install-extension', extension], { env: serverEnv });
  }

  // A free port can be taken by someone else before code-server binds it: then try another one.
  for (let attempt = 1; ; attempt++) {
    const port = fixedPort ?? (await freePort());
    const started = await launch([...common, ...(workspaceTrust ? [] : ['--disable-workspace-trust'])], serverEnv, port, verbose);
    if (typeof started !== 'string') {
      return started;
    }
    if (fixedPort !== undefined || attempt === PORT_ATTEMPTS) {
      throw new Error(started);
    }
  }
}

/**
 * Starts code-server on `port`: a CodeServer once it says it listens on exactly that port and still
 * runs, or why not when it exits first (port taken).
 */
async function launch(common: string[], serverEnv: NodeJS.ProcessEnv, port: number, verbose: boolean): Promise<CodeServer | string> {
  const child: ChildProcess = spawn(
    process.execPath,
    [CODE_SERVER, ...common, '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check', '--disable-getting-started-override'],
    // Own process group: code-server's file watcher and extension host die with it.
    { env: serverEnv, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  // Read even when echoed: the "listening" line is how we know it is our server on the port.
  for (const [stream, echo] of [[child.stdout, process.stdout], [child.stderr, process.stderr]] as const) {
    stream?.on('data', (chunk) => {
      output += chunk;
      if (verbose) {
        echo.write(chunk);
      }
    });
  }
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.pid) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        return;
      }
      const timer = setTimeout(() => {
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          // already gone
        }
      }, 5000);
      await exited;
      clearTimeout(timer);
    }
  };
  // Printed once its own server is bound (a server someone else runs on the port cannot print it).
  const listening = `HTTP server listening on ${url}/`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      return `code-server exited (${child.exitCode ?? child.signalCode}) instead of listening on ${url}:\n${output}`;
    }
    if (output.includes(listening) && (await fetch(`${url}/healthz`).then((response) => response.ok, () => false))) {
      return { url, port, remoteUri: (localPath) => `vscode-remote://127.0.0.1:${port}${localPath}`, stop };
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`code-server did not listen on ${url} within 60 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

export async function launchChromium(): Promise<Browser> {
  const { chromium } = hostRequire('playwright-core') as typeof import('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/**
 * The workbench URL that opens `folder` (or a `.code-workspace` file) and, optionally, runs an
 * extension under development with a test suite.
 */
export function workbenchUrl(server: CodeServer, folder: string, development?: { extensionPath: string; testsPath: string }): string {
  const url = new URL(server.url);
  url.searchParams.set(folder.endsWith('.code-workspace') ? 'workspace' : 'folder', folder);
  if (development) {
    url.searchParams.set(
      'payload',
      JSON.stringify([
        ['extensionDevelopmentPath', server.remoteUri(development.extensionPath)],
        ['extensionTestsPath', server.remoteUri(development.testsPath)],
      ]),
    );
  }
  return url.toString();
}

export async function openPage(browser: Browser): Promise<Page> {
  // Clipboard access, so tests read what a "Copy …" command put there as a user would paste it.
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, permissions: ['clipboard-read', 'clipboard-write'] });
  return context.newPage();
}

/** Runs a command from the Command Palette by its title, as a person types it. */
export async function runPaletteCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor();
  await page.keyboard.press('Enter');
}
