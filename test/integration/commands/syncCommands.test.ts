import * as assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Prompts } from '../../../src/ui/prompts';
import { s3ErrorXml, startFeatureProxy } from '../../support/featureProxy';
import { IndependentClient, targetFromEnvironment } from '../../support/independentClient';
import { addEndpointConnection, bucketNode, childNamed, extensionApi, notifications, pickByLabel, withPrompts, type PromptRecord } from '../extensionApi';

const DELETE_EXTRAS = 'Delete extras';
const EXCLUDE_MORE = 'Exclude more for this run…';

/** Answers the options step with the options whose labels are given (none: Enter with the defaults). */
function options(...labels: string[]): Prompts['pickMany'] {
  return async (items) => items.filter((item) => labels.includes(item.label));
}

function folderUri(folder: string): Prompts['openDialog'] {
  return async () => [vscode.Uri.file(folder)];
}

async function writeFiles(folder: string, files: Record<string, string>): Promise<void> {
  for (const [relative, text] of Object.entries(files)) {
    await fs.mkdir(path.dirname(path.join(folder, relative)), { recursive: true });
    await fs.writeFile(path.join(folder, relative), text);
  }
}

/** Every file under `folder`, `/`-separated, with its text. */
async function readTree(folder: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const entry of await fs.readdir(folder, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) {
      const full = path.join(entry.parentPath, entry.name);
      files[path.relative(folder, full).split(path.sep).join('/')] = await fs.readFile(full, 'utf8');
    }
  }
  return files;
}

/** The sync preview documents opened so far, newest last. */
function previews(): string[] {
  return vscode.workspace.textDocuments.filter((document) => document.uri.scheme === 's3browser-sync').map((document) => document.getText());
}

suite('Sync: a local folder and an S3 folder made alike, both ways, through the real host and S3', () => {
  const client = new IndependentClient();
  let bucket: string;
  let local: string;

  setup(async () => {
    bucket = await client.createBucket('sync');
    local = await fs.mkdtemp(path.join(os.tmpdir(), 's3b-sync-'));
  });

  teardown(async () => {
    await client.deleteBucket(bucket);
    await fs.rm(local, { recursive: true, force: true });
  });

  suiteTeardown(() => client.dispose());

  test('to S3 from the tree: nested, odd, unicode and empty files go up, excluded ones do not; the rerun says "in sync" in one line; a same-size change with an older time is found; extras are kept, then deleted after a modal that names them', async () => {
    await writeFiles(local, {
      'index.html': '<h1>hi</h1>',
      'css/site + % # ?.css': 'body{}',
      'ünïcode/日本語.txt': 'ja',
      'empty.txt': '',
      '.git/config': '[core]',
      'web/node_modules/m/index.js': 'm',
      'debug.log': 'noise',
    });
    await client.put(bucket, 'site/stale.txt', 'left from before');
    // A folder node: the sync goes to its prefix.
    await client.put(bucket, 'site/', '');
    const api = await extensionApi();
    const siteNode = await childNamed(api, await bucketNode(bucket), 'site');
    const first = await withPrompts(
      { openDialog: folderUri(local), pickMany: options(EXCLUDE_MORE), ask: async () => '*.log', confirm: async () => undefined },
      async (record) => {
        await vscode.commands.executeCommand('s3Browser.syncLocalToS3', siteNode);
        return record;
      },
    );
    assert.equal(first.confirmed.length, 1, notifications(first).join('\n'));
    assert.match(first.confirmed[0], /^Sync .* to s3:\/\/.*\/site\/\?\nUpload 4 files \(19 B\)\.\nKeep 1 object \(16 B\) found only in s3:\/\/.*\/site\/ \(deleting extras is off\)\.\nSkip 0 unchanged\./);
    assert.ok(notifications(first).some((line) => /^info: Sync of .*: 4 succeeded, 0 failed\.$/.test(line)), notifications(first).join('\n'));
    assert.deepEqual((await client.keys(bucket, 'site/')).sort(), ['site/', 'site/css/site + % # ?.css', 'site/empty.txt', 'site/index.html', 'site/stale.txt', 'site/ünïcode/日本語.txt']);
    const { mtimeMs } = await fs.stat(path.join(local, 'index.html'));
    const metadata = (await client.attributes(bucket, 'site/index.html')).metadata as Record<string, string>;
    assert.equal(Number(metadata.mtime) * 1000, Math.floor(mtimeMs), 'the local mtime travels as rclone\'s mtime metadata');
    const preview = previews().at(-1) ?? '';
    assert.match(preview, /css\/site \+ % # \?\.css/);
    assert.match(preview, /Only in s3:\/\/.*\/site\/ \(kept\) \(1\)/);

    const again = await withPrompts({ openDialog: folderUri(local), pickMany: options(EXCLUDE_MORE), ask: async () => '*.log' }, async (record) => {
      await vscode.commands.executeCommand('s3Browser.syncLocalToS3', siteNode);
      return record;
    });
    assert.deepEqual(notifications(again), [`info: ${local} and s3://${bucket}/site/ are in sync: 4 files compared, nothing to do.`]);

    await fs.writeFile(path.join(local, 'index.html'), '<h1>HI</h1>');
    const past = new Date(Date.now() - 3_600_000);
    await fs.utimes(path.join(local, 'index.html'), past, past);
    const changed = await withPrompts({ openDialog: folderUri(local), pickMany: options(DELETE_EXTRAS, EXCLUDE_MORE), ask: async () => '*.log', confirm: async () => undefined }, async (record) => {
      await vscode.commands.executeCommand('s3Browser.syncLocalToS3', siteNode);
      return record;
    });
    assert.match(changed.confirmed[0], /Upload 1 file \(11 B\)\.\nDelete 1 object \(16 B\) from s3:\/\/.*\/site\/: they are not in .*\.\nSkip 3 unchanged\./);
    assert.match(previews().at(-1) ?? '', /`index\.html` — 11 B, changed since the last sync/);
    assert.equal((await client.get(bucket, 'site/index.html')).toString(), '<h1>HI</h1>');
    assert.equal(await client.exists(bucket, 'site/stale.txt'), false);
    assert.equal(await client.exists(bucket, 'site/'), true, 'a folder marker is no extra');
  });

  test('to local from the Explorer: keys become safe names (renamed, refused, reported), files get the mtime, a same-size change in S3 is found, local extras are deleted only when asked', async () => {
    await client.putWithAttributes({ Metadata: { mtime: '1709288430.456' } }, bucket, 'data/report.csv', '1,2');
    for (const key of ['data/a', 'data/a/b', 'data/../escape', 'data/q?.txt', 'data/ünï.txt', 'data/empty']) {
      await client.put(bucket, key, key === 'data/empty' ? '' : key);
    }
    await writeFiles(local, { 'mine.txt': 'local only' });
    const answers = (...chosen: string[]): Partial<Prompts> => ({
      pick: pickByLabel({ 'Sync S3 Folder to Local: which connection?': 'default', 'Sync S3 Folder to Local: which bucket': bucket }),
      ask: async () => 'data/',
      pickMany: options(...chosen),
      confirm: async () => undefined,
    });
    const run = (chosen: string[]): Promise<PromptRecord> =>
      withPrompts(answers(...chosen), async (record) => {
        await vscode.commands.executeCommand('s3Browser.syncS3ToLocal', vscode.Uri.file(local));
        return record;
      });
    const first = await run([]);
    assert.match(first.confirmed[0], /^Sync s3:\/\/.*\/data\/ to .*\?\nDownload 6 objects \(42 B\)\.\nKeep 1 file \(10 B\) found only in .* \(deleting extras is off\)\.\nSkip 0 unchanged\.\n1 item cannot be synced/);
    assert.ok(notifications(first).some((line) => /^error|warning: Sync of .*: 6 succeeded, 1 failed, 2 renamed\./.test(line)), notifications(first).join('\n'));
    assert.deepEqual(await readTree(local), { 'a (2)': 'data/a', 'a/b': 'data/a/b', 'q%3F.txt': 'data/q?.txt', 'ünï.txt': 'data/ünï.txt', empty: '', 'report.csv': '1,2', 'mine.txt': 'local only' });
    assert.equal((await fs.stat(path.join(local, 'report.csv'))).mtimeMs, 1709288430456, 'the mtime metadata');
    assert.ok(notifications(first).some((line) => /data\/\.\.\/escape: Not downloaded: it contains a "\.\." segment/.test(line)), notifications(first).join('\n'));

    await client.put(bucket, 'data/report.csv', '3,4');
    const second = await run([DELETE_EXTRAS]);
    assert.match(second.confirmed[0], /Download 1 object \(3 B\)\.\nDelete 1 file \(10 B\) from .*: they are not in s3:\/\/.*\/data\/\.\nSkip 5 unchanged\./);
    assert.equal(await fs.readFile(path.join(local, 'report.csv'), 'utf8'), '3,4');
    await assert.rejects(fs.stat(path.join(local, 'mine.txt')), /ENOENT/);
    assert.equal(await fs.readFile(path.join(local, 'a (2)'), 'utf8'), 'data/a', 'a renamed download is no extra');
    const third = await run([]);
    assert.deepEqual(third.confirmed, [], 'a key that cannot be synced is no work: no preview, no modal');
    assert.deepEqual(notifications(third), [`warning: s3://${bucket}/data/ and ${local} are in sync: 6 files compared, nothing to do. 1 item cannot be synced; the S3 output names them.`]);
  });

  test('Sync S3 Folder to Local… from a folder node asks only the local folder; from the palette it asks connection, bucket, folder and local folder', async () => {
    await client.put(bucket, 'docs/readme.md', '# hi');
    await client.put(bucket, 'docs/sub/notes.txt', 'notes');
    const api = await extensionApi();
    const docs = await childNamed(api, await bucketNode(bucket), 'docs');
    const fromTree = await withPrompts({ openDialog: folderUri(local), pickMany: options(), confirm: async () => undefined }, async (record) => {
      await vscode.commands.executeCommand('s3Browser.syncS3ToLocal', docs);
      return record;
    });
    assert.ok(notifications(fromTree).some((line) => /^info: Sync of .*: 2 succeeded, 0 failed\.$/.test(line)), notifications(fromTree).join('\n'));
    assert.deepEqual(await readTree(local), { 'readme.md': '# hi', 'sub/notes.txt': 'notes' });
    const fromPalette = await withPrompts(
      {
        pick: pickByLabel({ 'Sync S3 Folder to Local: which connection?': 'default', 'Sync S3 Folder to Local: which bucket': bucket }),
        ask: async () => 'docs/',
        openDialog: folderUri(local),
        pickMany: options(),
      },
      async (record) => {
        await vscode.commands.executeCommand('s3Browser.syncS3ToLocal');
        return record;
      },
    );
    assert.deepEqual(notifications(fromPalette), [`info: s3://${bucket}/docs/ and ${local} are in sync: 2 files compared, nothing to do.`]);
  });

  test('a file above the part size goes up in parts, and the next sync finds it unchanged (the record holds the ETag listings show)', async () => {
    const big = randomBytes(20 * 1024 * 1024);
    await fs.writeFile(path.join(local, 'big.bin'), big);
    const node = await bucketNode(bucket);
    const run = () =>
      withPrompts({ openDialog: folderUri(local), pickMany: options(), confirm: async () => undefined }, async (record) => {
        await vscode.commands.executeCommand('s3Browser.syncLocalToS3', node);
        return notifications(record);
      });
    assert.ok((await run()).some((line) => /^info: Sync of .*: 1 succeeded, 0 failed\.$/.test(line)));
    assert.match(String((await client.attributes(bucket, 'big.bin')).etag), /-3"?$/, 'uploaded in 3 parts of 8 MiB');
    assert.deepEqual(await run(), [`info: ${local} and s3://${bucket}/ are in sync: 1 file compared, nothing to do.`]);
  });

  test('two starts of one sync at once (a double click): the second is refused while the first runs, and each file goes up once', async () => {
    await writeFiles(local, { 'a.txt': 'a', 'b.txt': 'b' });
    const node = await bucketNode(bucket);
    const told = await withPrompts({ openDialog: folderUri(local), pickMany: options(), confirm: async () => undefined }, async (record) => {
      await Promise.all([vscode.commands.executeCommand('s3Browser.syncLocalToS3', node), vscode.commands.executeCommand('s3Browser.syncLocalToS3', node)]);
      return notifications(record);
    });
    assert.equal(told.filter((line) => /^error: .* are being synced already\. Wait for that sync to finish/.test(line)).length, 1, told.join('\n'));
    assert.equal(told.filter((line) => /^info: Sync of .*: 2 succeeded, 0 failed\.$/.test(line)).length, 1, told.join('\n'));
    assert.deepEqual((await client.keys(bucket)).sort(), ['a.txt', 'b.txt']);
  });

  test('Compare content: objects another client uploaded in 5 MiB parts and in one part are found unchanged by their ETags; a same-size file with other bytes and an older time goes up', async () => {
    const MiB = 1024 * 1024;
    const big = Buffer.alloc(12 * MiB + 7, 1);
    big.write('middle', 6 * MiB);
    await writeFiles(local, { 'small.txt': 'same bytes', 'edited.txt': 'new bytes!' });
    await fs.writeFile(path.join(local, 'big.bin'), big);
    await client.putInParts(bucket, 'big.bin', big, 5 * MiB);
    const etag = String((await client.attributes(bucket, 'big.bin')).etag);
    assert.match(etag, /-3"?$/, `a multipart ETag from the server: ${etag}`);
    await client.put(bucket, 'small.txt', 'same bytes');
    await client.put(bucket, 'edited.txt', 'old bytes!');
    // The files are older than the objects: comparing times alone would skip all three.
    const past = new Date(Date.now() - 3_600_000);
    for (const name of ['small.txt', 'edited.txt', 'big.bin']) {
      await fs.utimes(path.join(local, name), past, past);
    }
    const node = await bucketNode(bucket);
    const record = await withPrompts({ openDialog: folderUri(local), pickMany: options('Compare content'), confirm: async () => undefined }, async (prompts) => {
      await vscode.commands.executeCommand('s3Browser.syncLocalToS3', node);
      return prompts;
    });
    assert.match(record.confirmed[0], /Upload 1 file \(10 B\)\.\nSkip 2 unchanged\./, notifications(record).join('\n'));
    assert.match(previews().at(-1) ?? '', /`edited\.txt` — 10 B, content differs/);
    assert.equal((await client.get(bucket, 'edited.txt')).toString(), 'new bytes!');
    assert.equal((await client.attributes(bucket, 'big.bin')).etag, etag, 'the multipart object was not uploaded again');
  });

  test('a listing that fails part-way stops a sync that deletes extras: nothing is uploaded or deleted, and the error says so', async () => {
    const keys = Array.from({ length: 2100 }, (_, i) => `big/k${String(i).padStart(4, '0')}`);
    await client.putMany(bucket, keys);
    await writeFiles(local, { 'new.txt': 'n' });
    let listings = 0;
    const proxy = await startFeatureProxy(targetFromEnvironment().endpoint, (request) =>
      // Every listing request after the first (its page came back, and the SDK's retries fail too): the listing fails part-way.
      /[?&]list-type=2/.test(request.url ?? '') && ++listings >= 2 ? { status: 500, body: s3ErrorXml('InternalError', 'We encountered an internal error. Please try again.') } : undefined,
    );
    try {
      await addEndpointConnection('flaky', proxy.url);
      const told = await withPrompts(
        {
          openDialog: folderUri(local),
          pick: pickByLabel({ 'Sync Local Folder to S3: which connection?': 'flaky', 'Sync Local Folder to S3: which bucket': bucket }),
          ask: async () => 'big/',
          pickMany: options(DELETE_EXTRAS),
        },
        async (record) => {
          await vscode.commands.executeCommand('s3Browser.syncLocalToS3');
          return notifications(record);
        },
      );
      assert.ok(told.some((line) => /^error: .*internal error/i.test(line)), told.join('\n'));
      assert.ok(!proxy.requests.some((request) => /^(PUT|POST|DELETE) /.test(request)), proxy.requests.filter((request) => !request.startsWith('GET')).join('\n'));
      assert.equal((await client.keys(bucket, 'big/')).length, 2100);
    } finally {
      await vscode.workspace.getConfiguration('s3Browser').update('endpoints', undefined, vscode.ConfigurationTarget.Global);
      await proxy.close();
    }
  });

  test('a sync cancelled half-way leaves no partial object, and run again uploads only the rest; Sync Again repeats it', async () => {
    const files = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`f${String(i).padStart(2, '0')}.bin`, createHash('sha256').update(String(i)).digest('hex').repeat(24_000)]));
    await writeFiles(local, files);
    await vscode.workspace.getConfiguration('s3Browser').update('transferConcurrency', 2, vscode.ConfigurationTarget.Global);
    try {
      const node = await bucketNode(bucket);
      const cancelled = await withPrompts(
        {
          openDialog: folderUri(local),
          pickMany: options(),
          confirm: async () => undefined,
          withProgress: async (title, _options, task) => {
            const abort = new AbortController();
            return task((message) => {
              const done = Number(/^(\d+) of 40/.exec(message)?.[1] ?? 0);
              if (title.startsWith('Syncing') && done >= 8 && done < 40) {
                abort.abort();
              }
            }, abort.signal);
          },
        },
        async (record) => {
          await vscode.commands.executeCommand('s3Browser.syncLocalToS3', node);
          return record;
        },
      );
      assert.ok(notifications(cancelled).some((line) => /was cancelled/.test(line)), notifications(cancelled).join('\n'));
      const uploaded = (await client.keys(bucket)).length;
      assert.ok(uploaded >= 8 && uploaded < 40, `${uploaded} uploaded before the cancel`);
      assert.equal(await client.incompleteUploads(bucket), 0, 'no multipart upload left behind');
      const rest = await withPrompts({ pick: async (items) => items[0], confirm: async () => undefined }, async (record) => {
        await vscode.commands.executeCommand('s3Browser.syncAgain');
        return record;
      });
      // A PUT in flight at the Cancel (2 at a time) may still be completed by the server after the count above.
      const [, toUpload, unchanged] = (/Upload (\d+) files .*\nSkip (\d+) unchanged\./.exec(rest.confirmed[0]) ?? []).map(Number);
      assert.equal(toUpload + unchanged, 40, rest.confirmed[0]);
      assert.ok(unchanged >= uploaded && unchanged <= uploaded + 2, `${unchanged} unchanged, ${uploaded} counted after the cancel`);
      assert.equal((await client.keys(bucket)).length, 40);
      for (const [name, text] of Object.entries(files)) {
        assert.equal((await client.get(bucket, name)).toString(), text, name);
      }
    } finally {
      await vscode.workspace.getConfiguration('s3Browser').update('transferConcurrency', undefined, vscode.ConfigurationTarget.Global);
    }
  });
});
