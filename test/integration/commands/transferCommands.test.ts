import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { HeadObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import * as vscode from 'vscode';
import { formatBytes } from '../../../src/ui/format';
import { IndependentClient, targetFromEnvironment } from '../../support/independentClient';
import { addEndpointConnection, answerByTitle, extensionApi, nodeIn, notifications, pickByLabel, removeAllEndpoints, treeSettled, withPrompts } from '../extensionApi';
import { s3ErrorXml, startFeatureProxy } from '../../support/featureProxy';
import { S3_SCHEME } from '../../../src/fs/s3Location';

const target = targetFromEnvironment();

function s3Uri(authority: string, key: string): vscode.Uri {
  return vscode.Uri.from({ scheme: S3_SCHEME, authority, path: `/${key}` });
}

/** Everything a copy must keep, as an independent HEAD and GetObjectTagging see it (not where or when). */
async function kept(client: IndependentClient, bucket: string, key: string): Promise<Record<string, unknown>> {
  const attributes = await client.attributes(bucket, key);
  delete attributes.etag;
  delete attributes.lastModified;
  return attributes;
}

const ATTRIBUTES = {
  ContentType: 'text/x-report',
  CacheControl: 'max-age=60',
  ContentDisposition: 'attachment; filename="r.txt"',
  ContentLanguage: 'de',
  Metadata: { origin: 'transfer-test', 'with-space': 'a b' },
  Tagging: 'team=blue&kind=a%20b',
  StorageClass: 'STANDARD_IA' as const,
};


suite('Copy, move, rename, delete commands: attributes kept, across buckets and connections, batches, denied keys', () => {
  const client = new IndependentClient();
  const buckets: string[] = [];
  let source: string;
  let destination: string;

  suiteSetup(() => extensionApi());

  setup(async () => {
    source = await client.createBucket('from');
    destination = await client.createBucket('to');
    buckets.push(source, destination);
  });

  teardown(async () => {
    const configuration = vscode.workspace.getConfiguration('s3Browser');
    for (const name of ['multipartCopyThresholdMB', 'multipartPartSizeMB']) {
      await configuration.update(name, undefined, vscode.ConfigurationTarget.Global);
    }
    for (const bucket of buckets.splice(0)) {
      await client.deleteBucket(bucket);
    }
  });

  suiteTeardown(() => client.dispose());

  async function seed(): Promise<void> {
    await client.putWithAttributes(ATTRIBUTES, source, 'one.txt', 'one');
    await client.putWithAttributes(ATTRIBUTES, source, 'dir/a.txt', 'a');
    await client.putWithAttributes({ ...ATTRIBUTES, Metadata: { nested: 'yes' } }, source, 'dir/sub/b + c%#?ü.txt', 'b');
  }

  async function run(command: string, items: vscode.Uri[], destinationText: string): Promise<{ notified: Array<{ severity: string; message: string }>; progress: string[] }> {
    return withPrompts({ ask: answerByTitle({ Copy: destinationText, Move: destinationText }) }, async (record) => {
      await vscode.commands.executeCommand(command, items[0], items);
      return record;
    });
  }

  test('Copy To of an object and a prefix into another bucket keeps metadata, content headers, tags and storage class, and keeps the sources', async () => {
    await seed();
    const before = { one: await kept(client, source, 'one.txt'), nested: await kept(client, source, 'dir/sub/b + c%#?ü.txt') };
    const record = await run('s3Browser.copyTo', [s3Uri(source, 'one.txt'), s3Uri(source, 'dir')], `s3://${destination}/into/`);
    assert.deepEqual((await client.keys(destination)).sort(), ['into/dir/a.txt', 'into/dir/sub/b + c%#?ü.txt', 'into/one.txt']);
    assert.deepEqual(await kept(client, destination, 'into/one.txt'), before.one);
    assert.deepEqual(await kept(client, destination, 'into/dir/sub/b + c%#?ü.txt'), before.nested);
    assert.equal((await client.get(destination, 'into/dir/sub/b + c%#?ü.txt')).toString(), 'b');
    assert.deepEqual((await client.keys(source)).sort(), ['dir/a.txt', 'dir/sub/b + c%#?ü.txt', 'one.txt'], 'a copy keeps its sources');
    assert.match(record.notified.at(-1)!.message, /^Copy to s3:\/\/.*: 3 succeeded, 0 failed\.$/);
    assert.deepEqual(record.progress, [`Copying 2 items to s3://${destination}/into/`], 'one operation, one progress notification: the listing is its first phase');
    assert.equal(record.notified.length, 1, 'and one report');
  });

  test('Move To another bucket leaves no source keys and keeps everything the objects had', async () => {
    await seed();
    const before = await kept(client, source, 'dir/a.txt');
    await run('s3Browser.moveTo', [s3Uri(source, 'one.txt'), s3Uri(source, 'dir')], `s3://${destination}/`);
    assert.deepEqual(await client.keys(source), [], 'a move leaves no source keys');
    assert.deepEqual((await client.keys(destination)).sort(), ['dir/a.txt', 'dir/sub/b + c%#?ü.txt', 'one.txt']);
    assert.deepEqual(await kept(client, destination, 'dir/a.txt'), before);
  });

  test('a copy gets the destination bucket\'s default access and encryption (a public-read source copies private); Move and s3Browser.copy.keepAccessAndEncryption keep both', async () => {
    assert.ok(target.kmsKeyId, 'the test server has a KMS test key');
    await client.putWithAttributes({ ...ATTRIBUTES, ACL: 'public-read' }, source, 'pub/open.txt', 'open');
    await client.putWithAttributes({ ...ATTRIBUTES, ServerSideEncryption: 'aws:kms', SSEKMSKeyId: target.kmsKeyId }, source, 'pub/sealed.txt', 'sealed');
    const open = await kept(client, source, 'pub/open.txt');
    const sealed = await kept(client, source, 'pub/sealed.txt');
    assert.equal(await client.anonymousGetStatus(source, 'pub/open.txt'), 200);
    assert.equal(sealed.kmsKeyId, target.kmsKeyId);

    await run('s3Browser.copyTo', [s3Uri(source, 'pub')], `s3://${destination}/copied/`);
    assert.equal(await client.anonymousGetStatus(destination, 'copied/pub/open.txt'), 403, 'the copy of a public object is private');
    assert.deepEqual(await kept(client, destination, 'copied/pub/open.txt'), open, 'content headers, metadata, tags and storage class are kept');
    assert.deepEqual(await kept(client, destination, 'copied/pub/sealed.txt'), { ...sealed, serverSideEncryption: undefined, kmsKeyId: undefined }, 'encrypted as the destination bucket encrypts new objects (here: not)');
    assert.equal((await client.get(destination, 'copied/pub/sealed.txt')).toString(), 'sealed');

    const configuration = vscode.workspace.getConfiguration('s3Browser');
    await configuration.update('copy.keepAccessAndEncryption', true, vscode.ConfigurationTarget.Global);
    try {
      await run('s3Browser.copyTo', [s3Uri(source, 'pub')], `s3://${destination}/kept/`);
    } finally {
      await configuration.update('copy.keepAccessAndEncryption', undefined, vscode.ConfigurationTarget.Global);
    }
    assert.equal(await client.anonymousGetStatus(destination, 'kept/pub/open.txt'), 200, 'with the setting, the copy keeps public-read');
    assert.deepEqual(await kept(client, destination, 'kept/pub/sealed.txt'), sealed, 'with the setting, the copy keeps the KMS key');

    await run('s3Browser.moveTo', [s3Uri(source, 'pub')], `s3://${destination}/moved/`);
    assert.equal(await client.anonymousGetStatus(destination, 'moved/pub/open.txt'), 200, 'a move keeps public-read');
    assert.deepEqual(await kept(client, destination, 'moved/pub/sealed.txt'), sealed, 'a move keeps the KMS key');
    assert.deepEqual(await client.keys(source), []);
  });

  test('copy and move across two connections (another namespace, same bucket name) stream the bytes and keep metadata, headers and tags', async () => {
    assert.ok(target.tenantUser, 'the test server has a tenant user (a second connection)');
    const tenant = new IndependentClient(target, target.tenantUser);
    try {
      await tenant.createNamedBucket(source); // the same name, a different bucket
      await seed();
      const before = await kept(client, source, 'dir/sub/b + c%#?ü.txt');
      const beforeOne = await kept(client, source, 'one.txt');
      await run('s3Browser.copyTo', [s3Uri(`default@${source}`, 'dir')], `s3://tenant2@${source}/copied/`);
      assert.deepEqual(await kept(tenant, source, 'copied/dir/sub/b + c%#?ü.txt'), before);
      assert.equal((await tenant.get(source, 'copied/dir/a.txt')).toString(), 'a');
      assert.equal((await client.keys(source, 'dir/')).length, 2, 'the copy kept the sources');
      await run('s3Browser.moveTo', [s3Uri(`default@${source}`, 'one.txt'), s3Uri(`default@${source}`, 'dir')], `s3://tenant2@${source}/moved/`);
      assert.deepEqual(await client.keys(source), [], 'the move left nothing on the source connection');
      assert.deepEqual((await tenant.keys(source, 'moved/')).sort(), ['moved/dir/a.txt', 'moved/dir/sub/b + c%#?ü.txt', 'moved/one.txt']);
      assert.deepEqual(await kept(tenant, source, 'moved/one.txt'), beforeOne);
    } finally {
      await tenant.deleteBucket(source);
      tenant.dispose();
    }
  });

  test('a copy above the multipart-copy threshold goes as UploadPartCopy parts and keeps metadata, tags, content type, storage class and bytes', async () => {
    const configuration = vscode.workspace.getConfiguration('s3Browser');
    await configuration.update('multipartCopyThresholdMB', 5, vscode.ConfigurationTarget.Global);
    await configuration.update('multipartPartSizeMB', 5, vscode.ConfigurationTarget.Global);
    const big = randomBytes(12 * 1024 * 1024);
    await client.s3.send(new (await import('@aws-sdk/client-s3')).PutObjectCommand({ Bucket: source, Key: 'big.bin', Body: big, ...ATTRIBUTES }));
    const before = await kept(client, source, 'big.bin');
    await run('s3Browser.copyTo', [s3Uri(source, 'big.bin')], `s3://${destination}/`);
    assert.deepEqual(await client.get(destination, 'big.bin'), big);
    assert.deepEqual(await kept(client, destination, 'big.bin'), before);
    const head = await client.s3.send(new HeadObjectCommand({ Bucket: destination, Key: 'big.bin' }));
    assert.match(String(head.ETag), /-3"?$/, 'completed from three UploadPartCopy parts (5 + 5 + 2 MiB)');
    assert.equal(await client.incompleteUploads(destination), 0);
  });

  test('Delete of a 2,500-key prefix says how many objects and bytes, then leaves none (and nothing beside it is touched)', async function () {
    this.timeout(240_000); // putting 2,500 objects takes a while on a busy machine
    const keys = Array.from({ length: 2500 }, (_, i) => `logs/${String(i).padStart(4, '0')}.log`);
    await client.putMany(source, keys);
    await client.put(source, 'logs.txt', 'beside the prefix');
    let bytes = 0;
    let token: string | undefined;
    do {
      const page = await client.s3.send(new ListObjectsV2Command({ Bucket: source, Prefix: 'logs/', ContinuationToken: token }));
      bytes += (page.Contents ?? []).reduce((sum, object) => sum + (object.Size ?? 0), 0);
      token = page.NextContinuationToken;
    } while (token);
    const record = await withPrompts({ confirm: async () => undefined }, async (record) => {
      await vscode.commands.executeCommand('s3Browser.delete', s3Uri(source, 'logs'));
      return record;
    });
    assert.equal(record.confirmed.length, 1);
    assert.match(record.confirmed[0], new RegExp(`^Delete 2,500 objects \\(${formatBytes(bytes).replace('.', '\\.')}\\)\\?`));
    assert.match(record.confirmed[0], /cannot be undone/);
    assert.deepEqual(await client.keys(source), ['logs.txt']);
    assert.match(record.notified.at(-1)!.message, /: 2,500 succeeded, 0 failed\.$/);
  });

  test('a delete batch with one denied key deletes the rest and reports that key by name', async () => {
    await client.putMany(source, ['batch/a.txt', 'batch/b.txt', 'batch/c.txt']);
    await client.deny(source, 'batch/b.txt', 's3:DeleteObject');
    const record = await withPrompts({ confirm: async () => undefined }, async (record) => {
      const uris = ['a.txt', 'b.txt', 'c.txt'].map((name) => s3Uri(source, `batch/${name}`));
      await vscode.commands.executeCommand('s3Browser.delete', uris[0], uris);
      return record;
    });
    await client.removeBucketPolicy(source);
    assert.deepEqual(await client.keys(source), ['batch/b.txt']);
    const report = record.notified.at(-1)!;
    assert.equal(report.severity, 'warning');
    assert.match(report.message, new RegExp(`2 succeeded, 1 failed\\. s3://${source}/batch/b\\.txt: AccessDenied`));
    assert.deepEqual(report.actions, ['Show Details']);
  });

  test('Delete on a versioned bucket says delete markers are created and the data stays', async () => {
    await client.enableVersioning(source);
    await client.put(source, 'kept.txt', 'version one');
    const record = await withPrompts({ confirm: async () => undefined }, async (record) => {
      await vscode.commands.executeCommand('s3Browser.delete', s3Uri(source, 'kept.txt'));
      return record;
    });
    assert.match(record.confirmed[0], /^Delete 1 object \(11 B\)\?/);
    assert.match(record.confirmed[0], new RegExp(`"${source}" is versioned: deleting creates delete markers, and the data stays`));
    assert.equal(await client.exists(source, 'kept.txt'), false);
    assert.equal((await client.versionIds(source, 'kept.txt')).length, 1, 'the data stays as a version');
  });

  test('Delete on a bucket with versioning suspended says the "null" versions go for good, not that the data stays', async () => {
    await client.enableVersioning(source);
    await client.setVersioning(source, 'Suspended');
    await client.put(source, 'gone.txt', 'written while suspended');
    const record = await withPrompts({ confirm: async () => undefined }, async (record) => {
      await vscode.commands.executeCommand('s3Browser.delete', s3Uri(source, 'gone.txt'));
      return record;
    });
    assert.match(record.confirmed[0], new RegExp(`"${source}" has versioning suspended`));
    assert.match(record.confirmed[0], /"null" version.*for good/);
    assert.doesNotMatch(record.confirmed[0], /data stays/);
    assert.deepEqual(await client.versionIds(source, 'gone.txt'), [], 'the null version is gone: no data stays');
  });

  test('an object `a` next to a folder `a/`: deleting the object leaves the folder, deleting the folder leaves the object', async () => {
    await client.putMany(source, ['a', 'a/x.txt', 'a/y/z.txt', 'ab.txt']);
    await withPrompts({ confirm: async () => undefined }, async (record) => {
      await vscode.commands.executeCommand('s3Browser.delete', await nodeIn(source, 'a', 'object'));
      assert.match(record.confirmed[0], /^Delete 1 object \(1 B\)\?/);
    });
    assert.deepEqual((await client.keys(source)).sort(), ['a/x.txt', 'a/y/z.txt', 'ab.txt']);
    await client.put(source, 'a', 'a');
    await withPrompts({ confirm: async () => undefined }, async (record) => {
      await vscode.commands.executeCommand('s3Browser.delete', await nodeIn(source, 'a', 'folder'));
      assert.match(record.confirmed[0], /^Delete 2 objects/);
    });
    assert.deepEqual((await client.keys(source)).sort(), ['a', 'ab.txt']);
  });

  test('Rename of an object keeps its attributes; rename of a folder moves every key under it', async () => {
    await seed();
    const before = await kept(client, source, 'one.txt');
    await withPrompts({ ask: answerByTitle({ Rename: 'renamed.txt' }) }, () => vscode.commands.executeCommand('s3Browser.rename', s3Uri(source, 'one.txt')));
    assert.equal(await client.exists(source, 'one.txt'), false);
    assert.deepEqual(await kept(client, source, 'renamed.txt'), before);
    await withPrompts({ ask: answerByTitle({ Rename: 'folder two' }) }, () => vscode.commands.executeCommand('s3Browser.rename', s3Uri(source, 'dir/')));
    assert.deepEqual((await client.keys(source)).sort(), ['folder two/a.txt', 'folder two/sub/b + c%#?ü.txt', 'renamed.txt']);
  });

  test('same-named items into one folder (x/readme.md and y/readme.md; folders 2023/logs/ and 2024/logs/) are refused by Copy To, Move To and Paste before anything is written', async () => {
    await client.put(source, 'x/readme.md', 'from x');
    await client.put(source, 'y/readme.md', 'from y');
    await client.put(source, '2023/logs/a.log', '2023 a');
    await client.put(source, '2024/logs/a.log', '2024 a');
    await client.put(source, '2024/logs/b.log', '2024 b');
    const sourceKeys = (await client.keys(source)).sort();
    const files = [s3Uri(source, 'x/readme.md'), s3Uri(source, 'y/readme.md')];
    const folders = [s3Uri(source, '2023/logs'), s3Uri(source, '2024/logs')];
    const copied = await run('s3Browser.copyTo', files, `s3://${destination}/into/`);
    const moved = await run('s3Browser.moveTo', folders, `s3://${destination}/into/`);
    await client.put(destination, 'keep/marker', 'm');
    await vscode.commands.executeCommand('s3Browser.cut', files[0], files);
    const pasted = await withPrompts({}, async (record) => {
      await vscode.commands.executeCommand('s3Browser.paste', await nodeIn(destination, 'keep', 'folder'));
      return record;
    });
    assert.deepEqual(await client.keys(destination), ['keep/marker'], 'nothing was written');
    assert.deepEqual((await client.keys(source)).sort(), sourceKeys, 'every source is kept');
    assert.equal((await client.get(source, 'x/readme.md')).toString(), 'from x');
    assert.equal((await client.get(source, 'y/readme.md')).toString(), 'from y');
    for (const [record, first, second, target] of [
      [copied, 'x/readme.md', 'y/readme.md', 'into/readme.md'],
      [moved, '2023/logs/', '2024/logs/', 'into/logs/'],
      [pasted, 'x/readme.md', 'y/readme.md', 'keep/readme.md'],
    ] as const) {
      const report = record.notified.at(-1)!;
      assert.equal(report.severity, 'error');
      assert.ok(report.message.includes(`s3://${source}/${first}`) && report.message.includes(`s3://${source}/${second}`) && report.message.includes(`s3://${destination}/${target}`), report.message);
      assert.doesNotMatch(report.message, /succeeded/);
    }
  });

  test('Paste resolves the cut items\' connection again: made read-only after Cut, the move is refused and nothing changes; its endpoint edited after Cut, the new URL is used', async () => {
    await client.put(source, 'cut/a.txt', 'a');
    await client.put(destination, 'keep/marker', 'm');
    const configuration = () => vscode.workspace.getConfiguration('s3Browser');
    const proxy = await startFeatureProxy(target.endpoint);
    try {
      await addEndpointConnection('cutfrom', target.endpoint);
      await vscode.commands.executeCommand('s3Browser.cut', await nodeIn(source, 'cut', 'folder', 'cutfrom'));
      await configuration().update('readOnlyConnections', ['cutfrom'], vscode.ConfigurationTarget.Global);
      await treeSettled();
      const refused = await withPrompts({}, async (record) => {
        await vscode.commands.executeCommand('s3Browser.paste', await nodeIn(destination, 'keep', 'folder'));
        return notifications(record);
      });
      assert.deepEqual(await client.keys(source), ['cut/a.txt'], 'the source is kept');
      assert.deepEqual(await client.keys(destination), ['keep/marker'], 'nothing was written');
      assert.equal(refused.length, 1);
      assert.match(refused[0], /^error: "cutfrom" is read-only/);

      await configuration().update('readOnlyConnections', undefined, vscode.ConfigurationTarget.Global);
      await treeSettled();
      await vscode.commands.executeCommand('s3Browser.cut', await nodeIn(source, 'cut', 'folder', 'cutfrom'));
      const endpoints = configuration().inspect<Array<{ name: string; url: string }>>('endpoints')!.globalValue!;
      await configuration().update('endpoints', endpoints.map((endpoint) => (endpoint.name === 'cutfrom' ? { ...endpoint, url: proxy.url } : endpoint)), vscode.ConfigurationTarget.Global);
      await treeSettled();
      await withPrompts({}, async () => vscode.commands.executeCommand('s3Browser.paste', await nodeIn(destination, 'keep', 'folder')));
      assert.deepEqual((await client.keys(destination)).sort(), ['keep/cut/a.txt', 'keep/marker']);
      assert.deepEqual(await client.keys(source), [], 'moved');
      assert.ok(proxy.requests.some((request) => request.includes('cut')), `the edited endpoint was used: ${proxy.requests.join(', ')}`);
    } finally {
      await configuration().update('readOnlyConnections', undefined, vscode.ConfigurationTarget.Global);
      await removeAllEndpoints();
      await proxy.close();
    }
  });

  test('a move or copy between two connections that reach the same bucket, onto the same key with Overwrite, is refused before anything is written: the object is kept', async () => {
    await client.putWithAttributes(ATTRIBUTES, source, 'same/a.txt', 'only copy');
    await client.put(source, 'same/b.txt', 'b');
    const before = await kept(client, source, 'same/a.txt');
    try {
      await addEndpointConnection('alias', target.endpoint);
      for (const [command, items, into] of [
        ['s3Browser.moveTo', [s3Uri(source, 'same/a.txt')], `s3://alias@${source}/same/`],
        ['s3Browser.copyTo', [s3Uri(source, 'same/a.txt')], `s3://alias@${source}/same/`],
        ['s3Browser.moveTo', [s3Uri(source, 'same')], `s3://alias@${source}/`],
      ] as const) {
        const told = await withPrompts({ ask: answerByTitle({ Copy: into, Move: into }), pick: async (choices) => choices.find((choice) => choice.label === 'Overwrite')! }, async (record) => {
          await vscode.commands.executeCommand(command, items[0], items);
          return notifications(record);
        });
        assert.deepEqual((await client.keys(source)).sort(), ['same/a.txt', 'same/b.txt'], `${command}: every key is kept`);
        assert.equal(told.length, 1, told.join(' / '));
        assert.match(told[0], /^error: .*same bucket/, `${command}: ${told[0]}`);
        assert.equal((await client.get(source, 'same/a.txt')).toString(), 'only copy');
        assert.deepEqual(await kept(client, source, 'same/a.txt'), before, `${command}: with everything it had`);
      }
    } finally {
      await removeAllEndpoints();
    }
  });

  test('Copy To and Move To of a tagged object onto a server without object tagging (501, as R2) make the copy once, report it as done and warn that the tags stayed behind', async () => {
    await client.putWithAttributes(ATTRIBUTES, source, 'tagged.txt', 'tagged');
    await client.putWithAttributes(ATTRIBUTES, source, 'moved.txt', 'moved');
    const proxy = await startFeatureProxy(target.endpoint, (request) =>
      /[?&]tagging/.test(request.url ?? '') ? { status: 501, body: s3ErrorXml('NotImplemented', 'A header you provided implies functionality that is not implemented') } : undefined,
    );
    try {
      await addEndpointConnection('notags', proxy.url);
      for (const [command, key] of [['s3Browser.copyTo', 'tagged.txt'], ['s3Browser.moveTo', 'moved.txt']] as const) {
        const told = await withPrompts({ ask: answerByTitle({ Copy: `s3://notags@${destination}/`, Move: `s3://notags@${destination}/` }) }, async (record) => {
          await vscode.commands.executeCommand(command, s3Uri(source, key));
          return notifications(record);
        });
        assert.equal((await client.get(destination, key)).toString(), key.replace('.txt', ''), `${command}: the copy is there`);
        assert.ok(told.some((line) => /^info: .*1 succeeded, 0 failed\.$/.test(line)), `${command}: ${told.join(' / ')}`);
        assert.ok(told.some((line) => /^warning: 1 object went to .* without its tags/.test(line)), `${command}: ${told.join(' / ')}`);
      }
      assert.deepEqual(await client.keys(source), ['tagged.txt'], 'the move removed its source once the copy was made');
    } finally {
      await removeAllEndpoints();
      await proxy.close();
    }
  });

  test('Cut then Paste onto a folder moves; Copy then Paste copies; an existing target is asked about once (Skip keeps it)', async () => {
    await seed();
    await client.put(destination, 'keep/one.txt', 'the destination\'s own');
    const destinationFolder = async () => {
      await client.put(destination, 'keep/marker', 'm');
      return nodeIn(destination, 'keep', 'folder');
    };
    await vscode.commands.executeCommand('s3Browser.copy', s3Uri(source, 'one.txt'), [s3Uri(source, 'one.txt'), s3Uri(source, 'dir')]);
    const record = await withPrompts({ pick: pickByLabel({ '1 object already exists': 'Skip Existing' }) }, async (record) => {
      await vscode.commands.executeCommand('s3Browser.paste', await destinationFolder());
      return record;
    });
    assert.match(record.notified.at(-1)!.message, /2 succeeded, 0 failed, 1 skipped/);
    assert.equal((await client.get(destination, 'keep/one.txt')).toString(), 'the destination\'s own', 'Skip kept the existing object');
    assert.equal((await client.keys(source)).length, 3, 'Copy + Paste keeps the sources');
    await vscode.commands.executeCommand('s3Browser.cut', s3Uri(source, 'dir'));
    await withPrompts({ pick: pickByLabel({ '2 objects already exist': 'Overwrite' }) }, async () => {
      await vscode.commands.executeCommand('s3Browser.paste', await destinationFolder());
    });
    assert.deepEqual(await client.keys(source), ['one.txt'], 'Cut + Paste moved the folder');
    assert.deepEqual((await client.keys(destination, 'keep/dir/')).sort(), ['keep/dir/a.txt', 'keep/dir/sub/b + c%#?ü.txt']);
  });
});
