import * as assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Prompts } from '../../../src/ui/prompts';
import { startFeatureProxy } from '../../support/featureProxy';
import { IndependentClient, targetFromEnvironment } from '../../support/independentClient';
import { waitFor } from '../../support/waitFor';
import { addEndpointConnection, bucketNode, childNamed, extensionApi, removeAllEndpoints, withPrompts, type PromptRecord } from '../extensionApi';
import { S3_SCHEME } from '../../../src/fs/s3Location';

const target = targetFromEnvironment();
const MiB = 1024 * 1024;

function s3Uri(authority: string, key: string): vscode.Uri {
  return vscode.Uri.from({ scheme: S3_SCHEME, authority, path: `/${key}` });
}

function sha256(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Every file (by SHA-256) and folder ("dir") under `root`, by relative path with `/`. */
async function snapshot(root: string): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  for (const relative of (await fs.readdir(root, { recursive: true })).map(String).sort()) {
    const full = path.join(root, relative);
    result[relative.split(path.sep).join('/')] = (await fs.lstat(full)).isDirectory() ? 'dir' : sha256(await fs.readFile(full));
  }
  return result;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** What the download command was told: the dialog answered with `folder`, everything else from `answers`. */
async function runDownload(folder: string, args: unknown[], answers: Partial<Prompts> = {}): Promise<{ record: PromptRecord; log: string[] }> {
  const api = await extensionApi();
  const log: string[] = [];
  const subscription = api.log.onDidWrite((line) => log.push(line));
  try {
    const record = await withPrompts(
      {
        openDialog: async (options) => {
          assert.equal(options.canSelectFolders, true);
          assert.equal(options.canSelectFiles, false);
          return [vscode.Uri.file(folder)];
        },
        ...answers,
      },
      async (record) => {
        await vscode.commands.executeCommand('s3Browser.download', ...args);
        return record;
      },
    );
    return { record, log };
  } finally {
    subscription.dispose();
  }
}

function messages(record: PromptRecord): string[] {
  return record.notified.map((notification) => `${notification.severity}: ${notification.message}`);
}

/**
 * A pass-through proxy that forwards the first `holdAfter` bytes of a large GET body and then holds
 * the rest (until closed): a download that is certainly half-way when the test cancels it.
 */
async function startHoldingProxy(upstream: string, holdAfter: number): Promise<{ url: string; held: Promise<void>; release(): void; close(): Promise<void> }> {
  const origin = new URL(upstream);
  let markHeld!: () => void;
  const held = new Promise<void>((resolve) => (markHeld = resolve));
  const sockets = new Set<Socket>();
  /** Resumes what is held, with the chunk that was held back. */
  const holding: Array<() => void> = [];
  let released = false;
  const server = http.createServer((request, response) => {
    const forwarded = http.request({ hostname: origin.hostname, port: origin.port, method: request.method, path: request.url, headers: request.headers }, (upstreamResponse) => {
      response.writeHead(upstreamResponse.statusCode ?? 502, upstreamResponse.headers);
      const large = request.method === 'GET' && Number(upstreamResponse.headers['content-length'] ?? 0) > holdAfter;
      if (!large) {
        upstreamResponse.pipe(response);
        return;
      }
      let sent = 0;
      response.on('close', () => upstreamResponse.destroy());
      upstreamResponse.on('data', (chunk: Buffer) => {
        if (sent >= holdAfter && !released) {
          upstreamResponse.pause();
          holding.push(() => {
            response.write(chunk);
            upstreamResponse.resume();
          });
          markHeld();
          return;
        }
        sent += chunk.length;
        response.write(chunk);
      });
    });
    forwarded.on('error', () => response.destroy());
    request.pipe(forwarded);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    held,
    release: () => {
      released = true;
      holding.splice(0).forEach((resume) => resume());
    },
    close: async () => {
      sockets.forEach((socket) => socket.destroy());
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

suite('Download…: objects, folders and buckets to a local folder, byte for byte, with safe local names', () => {
  const client = new IndependentClient();
  let bucket: string;
  /** The test's own temporary directory; the chosen folder is inside it, so writes outside the folder show. */
  let parent: string;
  let chosen: string;
  const cleanups: Array<() => Promise<unknown>> = [];

  suiteSetup(() => extensionApi());

  setup(async () => {
    bucket = await client.createBucket('download');
    parent = await fs.mkdtemp(path.join(os.tmpdir(), 's3b-download-'));
    chosen = path.join(parent, 'chosen');
    await fs.mkdir(chosen);
  });

  teardown(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) {
      await cleanup();
    }
    await client.deleteBucket(bucket);
    await fs.rm(parent, { recursive: true, force: true });
  });

  suiteTeardown(() => client.dispose());

  test('a folder downloads as the same tree, byte for byte: nested keys, unicode, + % # ?, a 0-byte object, a 13 MiB object, a folder marker; no temporary files', async () => {
    const bodies: Record<string, Buffer> = {
      'top/src/a.txt': Buffer.from('plain text\n'),
      'top/src/nested/deeper/b.bin': randomBytes(100_000),
      'top/src/ünïcødé/日本語 ファイル.txt': Buffer.from('unicode 名前'),
      'top/src/plus+ percent% hash# q.txt': Buffer.from('url characters'),
      'top/src/question?.txt': Buffer.from('a question mark'),
      'top/src/empty': Buffer.alloc(0),
      'top/src/big.bin': randomBytes(13 * MiB),
      'top/src/folder/': Buffer.alloc(0),
    };
    for (const [key, body] of Object.entries(bodies)) {
      await client.put(bucket, key, body);
    }
    await client.put(bucket, 'top/outside.txt', 'not in the folder');
    const api = await extensionApi();
    const folderNode = await childNamed(api, await childNamed(api, await bucketNode(bucket), 'top'), 'src');
    const { record, log } = await runDownload(chosen, [folderNode, [folderNode]]);

    const expected: Record<string, string> = { src: 'dir', 'src/nested': 'dir', 'src/nested/deeper': 'dir', 'src/ünïcødé': 'dir', 'src/folder': 'dir' };
    for (const [key, body] of Object.entries(bodies)) {
      if (!key.endsWith('/')) {
        expected[key.slice('top/'.length).replace('?', '%3F')] = sha256(body);
      }
    }
    assert.deepEqual(await snapshot(chosen), expected);
    assert.deepEqual(await snapshot(parent), { chosen: 'dir', ...Object.fromEntries(Object.entries(expected).map(([name, hash]) => [`chosen/${name}`, hash])) });
    assert.deepEqual(messages(record), [`info: Download of s3://${bucket}/top/src/ to ${chosen}: 8 succeeded, 0 failed, 1 renamed.`]);
    assert.ok(
      log.includes(`[info] Download of s3://${bucket}/top/src/ to ${chosen}: renamed s3://${bucket}/top/src/question?.txt → src/question%3F.txt: characters that Windows does not allow in file names were replaced`),
      log.join('\n'),
    );
    assert.deepEqual(record.progress, [`Downloading s3://${bucket}/top/src/ to ${chosen}`], 'one operation, one progress notification: the listing is its first phase');
  });

  test('hostile keys (../x, a/../../b, //etc/x…) are refused by name and nothing is written outside the chosen folder', async () => {
    const hostile = ['../x', '../../escaped', 'a/../../b', 'a/../../../c', '//etc/x', 'h/..\\..\\..\\w'];
    const accepted: string[] = [];
    for (const key of hostile) {
      // The server may refuse some of these keys (or store them under another name); only those it lists count.
      await client.put(bucket, key, `hostile ${key}`).catch(() => undefined);
    }
    await client.put(bucket, 'ok.txt', 'fine');
    accepted.push(...(await client.keys(bucket)).filter((key) => hostile.includes(key)));
    assert.ok(accepted.includes('../x') && accepted.includes('a/../../b'), `the server stores ../x and a/../../b (it listed ${JSON.stringify(await client.keys(bucket))})`);

    const { record, log } = await runDownload(chosen, [await bucketNode(bucket)]);
    assert.deepEqual(await snapshot(parent), { chosen: 'dir', [`chosen/${bucket}`]: 'dir', [`chosen/${bucket}/ok.txt`]: sha256(Buffer.from('fine')) }, 'only ok.txt was written, inside the folder');
    const summary = `Download of s3://${bucket}/ to ${chosen}`;
    assert.match(messages(record)[0], new RegExp(`^warning: ${escapeRegExp(summary)}: 1 succeeded, ${accepted.length} failed\\. s3://`));
    for (const key of accepted) {
      assert.ok(
        log.some((line) => line.startsWith(`[error] ${summary}: FAILED s3://${bucket}/${key}: Not downloaded: it `)),
        `${key} is refused by name:\n${log.join('\n')}`,
      );
    }
  });

  test('a key next to a folder of the same name, and names Windows forbids, all land on disk under reported names', async () => {
    const bodies: Record<string, string> = {
      'w/a': 'the file a',
      'w/a/b': 'the file a/b',
      'w/x:y*.txt': 'colon and star',
      'w/CON.txt': 'a device name',
      'w/trail.': 'trailing dot',
      'w/back\\slash': 'a backslash',
    };
    for (const [key, body] of Object.entries(bodies)) {
      await client.put(bucket, key, body);
    }
    const { record, log } = await runDownload(chosen, [s3Uri(`default@${bucket}`, 'w/')]);
    const hash = (text: string) => sha256(Buffer.from(text));
    assert.deepEqual(await snapshot(chosen), {
      w: 'dir',
      'w/a': 'dir',
      'w/a/b': hash('the file a/b'),
      'w/a (2)': hash('the file a'),
      'w/x%3Ay%2A.txt': hash('colon and star'),
      'w/CON_.txt': hash('a device name'),
      'w/trail%2E': hash('trailing dot'),
      'w/back%5Cslash': hash('a backslash'),
    });
    const summary = `Download of s3://${bucket}/w/ to ${chosen}`;
    assert.deepEqual(messages(record), [`info: ${summary}: 6 succeeded, 0 failed, 5 renamed.`]);
    assert.ok(log.includes(`[info] ${summary}: renamed s3://${bucket}/w/a → w/a (2): "a" is the folder of key "w/a/b"`), log.join('\n'));
    assert.ok(log.includes(`[info] ${summary}: renamed s3://${bucket}/w/CON.txt → w/CON_.txt: characters that Windows does not allow in file names were replaced`), log.join('\n'));
    assert.deepEqual(record.notified[0].actions, ['Show Details']);
  });

  test('Cancel half-way through a big download leaves neither the file nor a temporary file', async () => {
    const proxy = await startHoldingProxy(target.endpoint, 8 * MiB);
    cleanups.push(() => proxy.close(), () => removeAllEndpoints());
    await addEndpointConnection('download-hold', proxy.url);
    await client.put(bucket, 'big.bin', randomBytes(32 * MiB));
    await fs.writeFile(path.join(chosen, 'mine.txt'), 'already here');
    let partialSeen = '';
    const { record } = await runDownload(chosen, [s3Uri(`download-hold@${bucket}`, 'big.bin')], {
      withProgress: async (title, _options, task) => {
        const abort = new AbortController();
        if (title.startsWith('Downloading')) {
          void proxy.held.then(async () => {
            // Most of the first 8 MiB are on disk under the temporary name (written 1 MiB at a time) when Cancel is pressed.
            partialSeen = await waitFor('the partial file', async () => {
              const names = await fs.readdir(chosen);
              const partial = names.find((name) => /^\.big\.bin\.s3b-partial-[0-9a-f]{8}$/.test(name));
              return partial && (await fs.stat(path.join(chosen, partial))).size >= 7 * MiB ? partial : undefined;
            });
            abort.abort();
          });
        }
        return task(() => undefined, abort.signal);
      },
    });
    assert.ok(partialSeen, 'the download was writing to a temporary file');
    assert.deepEqual(await snapshot(chosen), { 'mine.txt': sha256(Buffer.from('already here')) });
    assert.deepEqual(messages(record), [`warning: Download of s3://${bucket}/big.bin to ${chosen} was cancelled: 0 succeeded, 0 failed, 1 not done.`]);
  });

  test('an object above 64 MiB arrives byte for byte from ranged GETs side by side; replaced by another client mid-download, it fails and leaves no file', async () => {
    const body = randomBytes(80 * MiB);
    await client.put(bucket, 'huge.bin', body);
    let ranged = 0;
    let withoutIfMatch = 0;
    let replaced = false;
    const proxyMode = { replace: false };
    const proxy = await startFeatureProxy(target.endpoint, async (request) => {
      if (request.method === 'GET' && request.headers.range && /huge\.bin/.test(request.url ?? '')) {
        ranged++;
        withoutIfMatch += request.headers['if-match'] ? 0 : 1;
        // The third range finds the object replaced; the others may have been answered from the old one.
        if (replaced === false && ranged === 3 && proxyMode.replace) {
          replaced = true;
          await client.put(bucket, 'huge.bin', randomBytes(80 * MiB));
        }
      }
      return undefined;
    });
    cleanups.push(() => proxy.close(), () => removeAllEndpoints());
    await addEndpointConnection('download-ranged', proxy.url);
    const whole = await runDownload(chosen, [s3Uri(`download-ranged@${bucket}`, 'huge.bin')]);
    assert.deepEqual(messages(whole.record), [`info: Download of s3://${bucket}/huge.bin to ${chosen}: 1 succeeded, 0 failed.`]);
    assert.deepEqual(await snapshot(chosen), { 'huge.bin': sha256(body) });
    assert.equal(ranged, 5, '80 MiB in 16 MiB ranges');
    assert.ok(withoutIfMatch >= 2, `the ranges were asked together, not after a first response (${withoutIfMatch} without If-Match)`);
    await fs.rm(path.join(chosen, 'huge.bin'));
    ranged = 0;
    proxyMode.replace = true;
    const changed = await runDownload(chosen, [s3Uri(`download-ranged@${bucket}`, 'huge.bin')]);
    assert.ok(replaced, 'the object was replaced during the download');
    assert.match(messages(changed.record)[0], /^error: Download of .*: 0 succeeded, 1 failed\. .*huge\.bin.*was changed by someone else/);
    assert.deepEqual(await snapshot(chosen), {}, 'no file and no temporary file');
  });

  test('on a versioned bucket an object of more ranges than run at once (9 of 16 MiB) arrives byte for byte, through ranges asked after the first response too', async () => {
    await client.enableVersioning(bucket);
    const body = randomBytes(8 * 16 * MiB + 5);
    await client.put(bucket, 'nine.bin', body);
    const { record } = await runDownload(chosen, [s3Uri(`default@${bucket}`, 'nine.bin')]);
    assert.deepEqual(messages(record), [`info: Download of s3://${bucket}/nine.bin to ${chosen}: 1 succeeded, 0 failed.`]);
    assert.deepEqual(await snapshot(chosen), { 'nine.bin': sha256(body) });
  });

  test('a Refresh (connections reloaded, clients replaced) in the middle of a download does not break it: the file arrives whole', async () => {
    const proxy = await startHoldingProxy(target.endpoint, 8 * MiB);
    cleanups.push(() => proxy.close(), () => removeAllEndpoints());
    await addEndpointConnection('download-refresh', proxy.url);
    const body = randomBytes(24 * MiB);
    await client.put(bucket, 'big.bin', body);
    const download = runDownload(chosen, [s3Uri(`download-refresh@${bucket}`, 'big.bin')]);
    await proxy.held;
    await vscode.commands.executeCommand('s3Browser.refresh');
    proxy.release();
    const { record } = await download;
    assert.deepEqual(messages(record), [`info: Download of s3://${bucket}/big.bin to ${chosen}: 1 succeeded, 0 failed.`]);
    assert.deepEqual(await snapshot(chosen), { 'big.bin': sha256(body) });
  });

  test('existing files: "Skip Existing" keeps the local file untouched and downloads the others', async () => {
    await client.put(bucket, 'keep/a.txt', 'from S3');
    await client.put(bucket, 'keep/b.txt', 'new from S3');
    const local = path.join(chosen, 'keep', 'a.txt');
    await fs.mkdir(path.dirname(local));
    await fs.writeFile(local, 'my local edit');
    const old = new Date('2020-01-02T03:04:05Z');
    await fs.utimes(local, old, old);
    const titles: string[] = [];
    const { record } = await runDownload(chosen, [s3Uri(`default@${bucket}`, 'keep')], {
      pick: async (items, options) => {
        titles.push(options.title ?? '');
        assert.deepEqual(items.map((item) => item.label), ['Overwrite All', 'Skip Existing', 'Cancel']);
        return items[1];
      },
    });
    assert.deepEqual(titles, [`${local} already exists: overwrite or skip?`]);
    assert.equal(await fs.readFile(local, 'utf8'), 'my local edit');
    assert.equal((await fs.stat(local)).mtime.getTime(), old.getTime(), 'not even rewritten');
    assert.equal(await fs.readFile(path.join(chosen, 'keep', 'b.txt'), 'utf8'), 'new from S3');
    assert.deepEqual(Object.keys(await snapshot(chosen)).sort(), ['keep', 'keep/a.txt', 'keep/b.txt']);
    assert.deepEqual(messages(record), [`info: Download of s3://${bucket}/keep/ to ${chosen}: 1 succeeded, 0 failed, 1 skipped.`]);
  });

  test('a 3-object selection with one key denied reports "2 succeeded, 1 failed", naming the key, and leaves no trace of it', async () => {
    for (const name of ['one.txt', 'two.txt', 'three.txt']) {
      await client.put(bucket, `d/${name}`, `body of ${name}`);
    }
    await client.deny(bucket, 'd/two.txt', 's3:GetObject');
    const api = await extensionApi();
    const folder = await childNamed(api, await bucketNode(bucket), 'd');
    const nodes = await Promise.all(['one.txt', 'two.txt', 'three.txt'].map((name) => childNamed(api, folder, name)));
    const { record } = await runDownload(chosen, [nodes[1], nodes]);
    const [message] = messages(record);
    assert.match(message, new RegExp(`^warning: Download of 3 items to ${escapeRegExp(chosen)}: 2 succeeded, 1 failed\\. `));
    assert.ok(message.includes(`s3://${bucket}/d/two.txt → two.txt: `), message);
    assert.deepEqual(await snapshot(chosen), { 'one.txt': sha256(Buffer.from('body of one.txt')), 'three.txt': sha256(Buffer.from('body of three.txt')) });
  });

  test('a download above the confirmation threshold says how many objects and bytes; declining downloads nothing', async () => {
    const configuration = vscode.workspace.getConfiguration('s3Browser');
    await configuration.update('download.confirmAboveMB', 0.002, vscode.ConfigurationTarget.Global); // 2,097 bytes
    cleanups.push(() => Promise.resolve(configuration.update('download.confirmAboveMB', undefined, vscode.ConfigurationTarget.Global)));
    for (const name of ['1', '2', '3']) {
      await client.put(bucket, `many/${name}`, Buffer.alloc(1000, name));
    }
    const { record } = await runDownload(chosen, [s3Uri(`default@${bucket}`, 'many/')], {
      confirm: async () => {
        throw new vscode.CancellationError(); // the user presses Cancel
      },
    });
    assert.deepEqual(record.confirmed, [`Download 3 objects (3.0 KB)?\nFrom s3://${bucket}/many/ to ${chosen}.`]);
    assert.deepEqual(await snapshot(chosen), {});
    assert.deepEqual(record.notified, [], 'a declined download is silent');
    assert.deepEqual(record.progress, [`Downloading s3://${bucket}/many/ to ${chosen}`], 'one progress notification: the listing is its first phase, and nothing was written');
  });

  test("VS Code's Explorer convention (uri, uris) with s3: URIs: an object lands by its name, a folder under its name", async () => {
    await client.put(bucket, 'docs/readme.md', '# read me');
    await client.put(bucket, 'photos/2024/cat.jpg', 'meow');
    await client.put(bucket, 'photos/2024/raw/cat.raw', 'MEOW');
    const object = s3Uri(`default@${bucket}`, 'docs/readme.md');
    const folder = s3Uri(`default@${bucket}`, 'photos/2024');
    const { record } = await runDownload(chosen, [object, [object, folder]]);
    assert.deepEqual(await snapshot(chosen), {
      'readme.md': sha256(Buffer.from('# read me')),
      '2024': 'dir',
      '2024/cat.jpg': sha256(Buffer.from('meow')),
      '2024/raw': 'dir',
      '2024/raw/cat.raw': sha256(Buffer.from('MEOW')),
    });
    assert.deepEqual(messages(record), [`info: Download of 2 items to ${chosen}: 3 succeeded, 0 failed.`]);
  });

  test('a folder not on this computer (an S3 folder picked in a virtual workspace\'s dialog) is refused and nothing is written at its path', async () => {
    await client.put(bucket, 'docs/readme.md', '# read me');
    const object = s3Uri(`default@${bucket}`, 'docs/readme.md');
    const elsewhere = s3Uri(`default@${bucket}`, 'elsewhere');
    let startsIn: string | undefined;
    const { record } = await runDownload(chosen, [object, [object]], {
      openDialog: async (options) => {
        startsIn = options.defaultUri?.scheme;
        return [elsewhere];
      },
    });
    assert.equal(startsIn, 'file', 'the dialog starts in a folder of this computer');
    assert.deepEqual(messages(record), [`error: Downloads go to a folder of this computer, and ${elsewhere.toString(true)} is not one. Choose a local folder, or use Copy To… to copy within S3.`]);
    await assert.rejects(fs.stat(elsewhere.fsPath), `nothing at ${elsewhere.fsPath} on this computer`);
    assert.deepEqual(record.progress, []);
  });

  test('from the palette it downloads the object in the active s3: editor', async () => {
    await client.put(bucket, 'notes/today.md', '# today\n');
    const document = await vscode.workspace.openTextDocument(s3Uri(`default@${bucket}`, 'notes/today.md'));
    await vscode.window.showTextDocument(document);
    cleanups.push(() => Promise.resolve(vscode.commands.executeCommand('workbench.action.closeAllEditors')));
    const { record } = await runDownload(chosen, []);
    assert.deepEqual(await snapshot(chosen), { 'today.md': sha256(Buffer.from('# today\n')) });
    assert.deepEqual(messages(record), [`info: Download of s3://${bucket}/notes/today.md to ${chosen}: 1 succeeded, 0 failed.`]);
  });
});
