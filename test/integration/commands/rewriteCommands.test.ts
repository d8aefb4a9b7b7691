import * as assert from 'node:assert/strict';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import * as vscode from 'vscode';
import { s3ErrorXml, startFeatureProxy, type FeatureProxy } from '../../support/featureProxy';
import { IndependentClient, targetFromEnvironment } from '../../support/independentClient';
import { addEndpointConnection, bucketNode, extensionApi, nodeIn, notifications, pickByLabel, removeAllEndpoints, withPrompts } from '../extensionApi';
import { S3_SCHEME } from '../../../src/fs/s3Location';

const target = targetFromEnvironment();



const ATTRIBUTES = {
  ContentType: 'text/x-report',
  CacheControl: 'max-age=60',
  ContentDisposition: 'attachment; filename="r.txt"',
  ContentLanguage: 'de',
  Metadata: { origin: 'rewrite-test', 'with-space': 'a b' },
  Tagging: 'team=blue&kind=a%20b',
  StorageClass: 'STANDARD_IA' as const,
  ACL: 'public-read' as const,
};

suite('Encryption and storage class changed in place, everything else kept', () => {
  const client = new IndependentClient();
  let bucket: string;

  suiteSetup(() => extensionApi());

  setup(async () => {
    bucket = await client.createBucket('rewrite');
  });

  teardown(() => client.deleteBucket(bucket));

  suiteTeardown(() => client.dispose());

  test('Set Encryption aws:kms with the server\'s test key shows in HeadObject with the key id (Ceph ignores SSE-KMS on a copy, so it goes through this machine); bytes, metadata, content headers, tags, ACL and storage class are unchanged', async function () {
    if (!target.kmsKeyId) {
      this.skip(); // needs a KMS key on the server (the local Ceph has testkey-1)
    }
    await client.putWithAttributes(ATTRIBUTES, bucket, 'report.txt', 'the quarterly numbers');
    const before = await client.attributes(bucket, 'report.txt');
    const grantsBefore = await client.grants(bucket, 'report.txt');
    const node = await nodeIn(bucket, 'report.txt', 'object');
    const api = await extensionApi();
    const logged: string[] = [];
    const subscription = api.log.onDidWrite((line) => logged.push(line));
    const told = await withPrompts(
      {
        pick: pickByLabel({ 'Set Encryption': 'aws:kms' }),
        ask: async (options) => {
          assert.equal(options.title, 'Set Encryption: KMS key');
          assert.ok(await options.validateInput?.('test key'), 'spaces are refused');
          return target.kmsKeyId!;
        },
      },
      async (record) => {
        await vscode.commands.executeCommand('s3Browser.setEncryption', node);
        return notifications(record);
      },
    ).finally(() => subscription.dispose());
    assert.deepEqual(told, [`info: Encryption aws:kms (${target.kmsKeyId}) for s3://${bucket}/report.txt: 1 succeeded, 0 failed.`]);
    assert.ok(logged.some((line) => line.includes(`REWRITE s3://${bucket}/report.txt: the server accepted the copy onto itself but did not apply the encryption`)), logged.join('\n'));
    const after = await client.attributes(bucket, 'report.txt');
    assert.equal(after.serverSideEncryption, 'aws:kms');
    assert.equal(after.kmsKeyId, target.kmsKeyId);
    for (const name of ['contentType', 'cacheControl', 'contentDisposition', 'contentLanguage', 'metadata', 'tags', 'storageClass']) {
      assert.deepEqual(after[name], before[name], name);
    }
    assert.deepEqual(await client.grants(bucket, 'report.txt'), grantsBefore, 'the ACL (public-read) is kept');
    assert.equal((await client.get(bucket, 'report.txt')).toString(), 'the quarterly numbers');
    // The tree's tooltip says so once it is about to show (one HEAD; listings do not report encryption).
    const shown = await nodeIn(bucket, 'report.txt', 'object');
    const resolved = await api.tree.resolveTreeItem(shown.getTreeItem(), shown, new vscode.CancellationTokenSource().token);
    const tooltip = (resolved.tooltip as vscode.MarkdownString).value.replace(/\\([^\w\s])/g, '$1');
    assert.ok(tooltip.includes(`Encryption: aws:kms (key ${target.kmsKeyId})`) && tooltip.includes('Storage class: STANDARD_IA') && tooltip.includes('Content-Type: text/x-report'), tooltip);
  });

  test('Set Encryption and Change Storage Class keep Expires, Content-Encoding, the website redirect, Object Lock retention and a per-grantee READ grant', async () => {
    const locked = await client.createLockedBucket('rewritekeep');
    try {
      const retainUntil = new Date(Math.ceil((Date.now() + 3_600_000) / 1000) * 1000);
      await client.putWithAttributes(
        {
          Expires: new Date('2031-05-06T07:08:09Z'),
          ContentEncoding: 'identity',
          WebsiteRedirectLocation: '/elsewhere.html',
          ObjectLockMode: 'GOVERNANCE',
          ObjectLockRetainUntilDate: retainUntil,
          GrantFullControl: `id=${target.userId}`,
          GrantRead: `id=${target.otherUser!.userId}`,
        },
        locked,
        'keep.txt',
        'kept bytes',
      );
      const kept = async () => {
        const { expires, contentEncoding, websiteRedirectLocation } = await client.attributes(locked, 'keep.txt');
        return { expires, contentEncoding, websiteRedirectLocation, lock: await client.objectLock(locked, 'keep.txt'), grants: await client.grants(locked, 'keep.txt') };
      };
      const before = await kept();
      assert.ok(before.grants.includes(`READ ${target.otherUser!.userId}`), before.grants.join(', '));
      for (const [command, title, choice] of [
        ['s3Browser.setEncryption', 'Set Encryption', 'AES256'],
        ['s3Browser.changeStorageClass', 'Change Storage Class', 'STANDARD_IA'],
      ] as const) {
        const told = await withPrompts({ pick: pickByLabel({ [title]: choice }) }, async (record) => {
          await vscode.commands.executeCommand(command, await nodeIn(locked, 'keep.txt', 'object'));
          return notifications(record);
        });
        assert.match(told.join(' / '), /1 succeeded, 0 failed/, command);
        assert.deepEqual(await kept(), before, `${command} kept everything`);
      }
      assert.equal((await client.get(locked, 'keep.txt')).toString(), 'kept bytes');
    } finally {
      await client.deleteLockedBucket(locked);
    }
  });

  test('Change Storage Class on a folder shows in ListObjectsV2 for every key under it and keeps the rest; a class the server does not offer is refused with the reason, objects unchanged', async () => {
    await client.putWithAttributes({ ...ATTRIBUTES, StorageClass: undefined, ACL: undefined }, bucket, 'logs/a.log', 'a');
    await client.putWithAttributes({ ...ATTRIBUTES, StorageClass: undefined, ACL: undefined }, bucket, 'logs/deep/b.log', 'b');
    await client.put(bucket, 'other.log', 'c');
    const before = await client.attributes(bucket, 'logs/deep/b.log');
    const folder = await nodeIn(bucket, 'logs', 'folder');
    const told = await withPrompts({ pick: pickByLabel({ 'Change Storage Class': 'STANDARD_IA' }) }, async (record) => {
      await vscode.commands.executeCommand('s3Browser.changeStorageClass', folder);
      return notifications(record);
    });
    assert.deepEqual(told, [`info: Storage class STANDARD_IA for s3://${bucket}/logs/: 2 succeeded, 0 failed.`]);
    const listed = await client.s3.send(new ListObjectsV2Command({ Bucket: bucket }));
    assert.deepEqual(
      (listed.Contents ?? []).map((object) => `${object.Key} ${object.StorageClass}`),
      ['logs/a.log STANDARD_IA', 'logs/deep/b.log STANDARD_IA', 'other.log STANDARD'],
    );
    const after = await client.attributes(bucket, 'logs/deep/b.log');
    for (const name of ['contentType', 'cacheControl', 'contentDisposition', 'contentLanguage', 'metadata', 'tags']) {
      assert.deepEqual(after[name], before[name], name);
    }

    const refused = await withPrompts({ pick: pickByLabel({ 'Change Storage Class': 'GLACIER' }) }, async (record) => {
      await vscode.commands.executeCommand('s3Browser.changeStorageClass', folder);
      return notifications(record);
    });
    assert.equal(refused.length, 1);
    assert.match(refused[0], /^error: Storage class GLACIER for s3:\/\/[^/]+\/logs\/: 0 succeeded, 2 failed\. s3:\/\/[^/]+\/logs\/(a|deep\/b)\.log: The server refused storage class GLACIER for s3:\/\/[^/]+\/logs\/(a|deep\/b)\.log \(InvalidArgument\): it does not offer that class/);
    const still = await client.s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: 'logs/' }));
    assert.deepEqual([...new Set((still.Contents ?? []).map((object) => object.StorageClass))], ['STANDARD_IA'], 'unchanged');
  });

  test('an SSE-KMS object that Ceph cannot copy onto itself (501) is re-encrypted through this machine, keeping its metadata and bytes', async function () {
    if (!target.kmsKeyId) {
      this.skip();
    }
    await client.putWithAttributes({ ServerSideEncryption: 'aws:kms', SSEKMSKeyId: target.kmsKeyId, Metadata: { keep: 'me' }, ContentType: 'text/x-secret' }, bucket, 'secret.txt', 'kms bytes');
    const node = await nodeIn(bucket, 'secret.txt', 'object');
    const api = await extensionApi();
    const logged: string[] = [];
    const subscription = api.log.onDidWrite((line) => logged.push(line));
    const told = await withPrompts({ pick: pickByLabel({ 'Set Encryption': 'AES256' }) }, async (record) => {
      await vscode.commands.executeCommand('s3Browser.setEncryption', node);
      return notifications(record);
    }).finally(() => subscription.dispose());
    assert.deepEqual(told, [`info: Encryption AES256 for s3://${bucket}/secret.txt: 1 succeeded, 0 failed.`]);
    assert.ok(logged.some((line) => line.includes('the server cannot copy this object onto itself (NotImplemented); rewriting it through this machine')), logged.join('\n'));
    const after = await client.attributes(bucket, 'secret.txt');
    // Ceph accepts SSE-S3 but does not report it back: what shows is that KMS is gone.
    assert.notEqual(after.serverSideEncryption, 'aws:kms');
    assert.equal(after.kmsKeyId, undefined);
    assert.deepEqual(after.metadata, { keep: 'me' });
    assert.equal(after.contentType, 'text/x-secret');
    assert.equal((await client.get(bucket, 'secret.txt')).toString(), 'kms bytes');
  });
});

suite('Archived objects: opening says a restore is needed, Restore from Archive starts one, the state shows (archive emulated by a proxy: Ceph RGW 16 archives nothing)', () => {
  const client = new IndependentClient();
  let bucket: string;
  let proxy: FeatureProxy | undefined;

  suiteSetup(() => extensionApi());

  setup(async () => {
    bucket = await client.createBucket('archive');
  });

  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await removeAllEndpoints();
    await proxy?.close();
    await client.deleteBucket(bucket);
  });

  suiteTeardown(() => client.dispose());

  test('a GLACIER object cannot be opened and says why; Restore from Archive sends the days and tier; its properties and tooltip then say a restore is in progress', async () => {
    await client.put(bucket, 'cold.bin', 'frozen bytes');
    const restoreBodies: string[] = [];
    const objectPath = `/${bucket}/cold.bin`;
    proxy = await startFeatureProxy(
      target.endpoint,
      async (request) => {
        const url = request.url ?? '';
        if (request.method === 'POST' && url.startsWith(`${objectPath}?restore`)) {
          let body = '';
          for await (const chunk of request) {
            body += String(chunk);
          }
          restoreBodies.push(body);
          return { status: 202, body: '' };
        }
        if (request.method === 'GET' && (url === objectPath || url.startsWith(`${objectPath}?x-id=GetObject`))) {
          return { status: 403, body: s3ErrorXml('InvalidObjectState', "The operation is not valid for the object's storage class") };
        }
        return undefined;
      },
      (request) => (request.method === 'HEAD' && (request.url ?? '').startsWith(objectPath) ? { 'x-amz-storage-class': 'GLACIER', ...(restoreBodies.length > 0 ? { 'x-amz-restore': 'ongoing-request="true"' } : {}) } : undefined),
    );
    await addEndpointConnection('archive', proxy.url);
    const uri = vscode.Uri.from({ scheme: S3_SCHEME, authority: `archive@${bucket}`, path: '/cold.bin' });
    await assert.rejects(Promise.resolve(vscode.workspace.fs.readFile(uri)), (error: Error) => {
      assert.match(error.message, /is archived \(GLACIER or DEEP_ARCHIVE storage class\): its bytes cannot be read or copied until it is restored\. Run "S3: Restore from Archive…"/);
      return true;
    });

    const api = await extensionApi();
    const parent = await bucketNode(bucket, 'archive');
    const node = (await api.tree.getChildren(parent)).find((child) => child.getTreeItem().label === 'cold.bin')!;
    await vscode.commands.executeCommand('s3Browser.showProperties', node);
    assert.equal((JSON.parse(vscode.window.activeTextEditor!.document.getText()) as { archive: string }).archive, 'archived: not readable until restored (Restore from Archive…)');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');

    const told = await withPrompts({ pick: pickByLabel({ 'Restore from Archive: keep': '7 days', 'Restore from Archive: how fast': 'Bulk' }) }, async (record) => {
      await vscode.commands.executeCommand('s3Browser.restoreFromArchive', node);
      return notifications(record);
    });
    assert.deepEqual(told, [`info: Restore from archive (Bulk) for s3://${bucket}/cold.bin: 1 succeeded, 0 failed.`]);
    assert.equal(restoreBodies.length, 1);
    assert.match(restoreBodies[0], /<Days>7<\/Days>/);
    assert.match(restoreBodies[0], /<Tier>Bulk<\/Tier>/);

    await vscode.commands.executeCommand('s3Browser.showProperties', node);
    assert.match((JSON.parse(vscode.window.activeTextEditor!.document.getText()) as { archive: string }).archive, /^archived: a restore is in progress/);
    const resolved = await api.tree.resolveTreeItem(node.getTreeItem(), node, new vscode.CancellationTokenSource().token);
    assert.match((resolved.tooltip as vscode.MarkdownString).value.replace(/\\([^\w\s])/g, '$1'), /Archived: a restore is in progress/);
  });
});

suite('Bucket default encryption: shown in the bucket tooltip, set with Set Default Encryption', () => {
  const client = new IndependentClient();
  let bucket: string;
  let proxy: FeatureProxy | undefined;

  suiteSetup(() => extensionApi());

  setup(async () => {
    bucket = await client.createBucket('defaultenc');
  });

  teardown(async () => {
    await removeAllEndpoints();
    await proxy?.close();
    await client.deleteBucket(bucket);
  });

  suiteTeardown(() => client.dispose());

  test('Set Default Encryption sends the rule and the bucket tooltip says it (accepted by a proxy: Ceph RGW 16 refuses the request, which the real server shows next)', async () => {
    let configuration: string | undefined;
    proxy = await startFeatureProxy(target.endpoint, async (request) => {
      const url = request.url ?? '';
      if (url.startsWith(`/${bucket}?encryption`) || url.startsWith(`/${bucket}/?encryption`)) {
        if (request.method === 'PUT') {
          configuration = '';
          for await (const chunk of request) {
            configuration += String(chunk);
          }
          return { status: 200, body: '' };
        }
        if (request.method === 'GET' && configuration) {
          return { status: 200, body: configuration };
        }
      }
      return undefined;
    });
    await addEndpointConnection('enc', proxy.url);
    const api = await extensionApi();
    const node = await bucketNode(bucket, 'enc');
    const tooltip = async () => String((await api.tree.resolveTreeItem(node.getTreeItem(), node, new vscode.CancellationTokenSource().token)).tooltip);
    assert.match(await tooltip(), /\nVersioning: never enabled\nDefault encryption: none configured$/);

    const told = await withPrompts({ pick: pickByLabel({ 'Set Default Encryption': 'aws:kms' }), ask: async () => 'testkey-1' }, async (record) => {
      await vscode.commands.executeCommand('s3Browser.setDefaultEncryption', node);
      return notifications(record);
    });
    assert.deepEqual(told, [`info: New objects in s3://${bucket}/ are encrypted with aws:kms (testkey-1) by default. Existing objects keep their encryption (Set Encryption… rewrites them).`]);
    assert.match(String(configuration), /<SSEAlgorithm>aws:kms<\/SSEAlgorithm><KMSMasterKeyID>testkey-1<\/KMSMasterKeyID>/);
    assert.match(await tooltip(), /\nDefault encryption: aws:kms \(key testkey-1\)$/);

    const refused = await withPrompts({ pick: pickByLabel({ 'Set Default Encryption': 'AES256' }) }, async (record) => {
      await vscode.commands.executeCommand('s3Browser.setDefaultEncryption', await bucketNode(bucket));
      return notifications(record);
    });
    assert.equal(refused.length, 1);
    assert.match(refused[0], /^error: The server of "default" refused a default encryption for bucket ".+" \(InvalidArgument\): it does not support setting one/);
  });
});

suite('The rewrite through this machine keeps a concurrent writer\'s bytes (If-Match on the streamed and multipart upload)', () => {
  const client = new IndependentClient();
  let bucket: string;
  let proxy: FeatureProxy | undefined;

  suiteSetup(() => extensionApi());

  setup(async () => {
    bucket = await client.createBucket('rewriterace');
  });

  teardown(async () => {
    await vscode.workspace.getConfiguration('s3Browser').update('multipartPartSizeMB', undefined, vscode.ConfigurationTarget.Global);
    await removeAllEndpoints();
    await proxy?.close();
    await client.deleteBucket(bucket);
  });

  suiteTeardown(() => client.dispose());

  /**
   * Set Encryption aws:kms (Ceph ignores SSE-KMS on a copy, so the object goes through this machine)
   * while a proxy overwrites the object with same-size bytes right before it forwards the request
   * that `isTheWrite` names: the rewrite must be refused and the other writer's bytes stay.
   */
  async function raceTheRewrite(key: string, body: Buffer, theirs: Buffer, isTheWrite: (method: string, url: string) => boolean): Promise<string[]> {
    let raced = 0;
    proxy = await startFeatureProxy(target.endpoint, async (request) => {
      if (raced === 0 && !request.headers['x-amz-copy-source'] && isTheWrite(request.method ?? '', request.url ?? '')) {
        raced++;
        await client.put(bucket, key, theirs);
      }
      return undefined;
    });
    await client.put(bucket, key, body);
    await addEndpointConnection('race', proxy.url);
    const node = await nodeIn(bucket, key, 'object', 'race');
    const told = await withPrompts({ pick: pickByLabel({ 'Set Encryption': 'aws:kms' }), ask: async () => target.kmsKeyId! }, async (record) => {
      await vscode.commands.executeCommand('s3Browser.setEncryption', node);
      return notifications(record);
    });
    assert.equal(raced, 1, 'the other writer wrote right before the rewrite\'s write');
    assert.ok((await client.get(bucket, key)).equals(theirs), 'the other writer\'s bytes are on S3');
    assert.notEqual((await client.attributes(bucket, key)).serverSideEncryption, 'aws:kms', 'the rewrite did not replace them');
    return told;
  }

  test('a streamed single-request PUT of the rewrite carries If-Match: a same-size write just before it is kept, the rewrite reported failed', async () => {
    const key = 'race.txt';
    const told = await raceTheRewrite(key, Buffer.from('the quarterly numbers'), Buffer.from('THE QUARTERLY NUMBERS'), (method, url) => method === 'PUT' && /^\?(x-id=PutObject)?$/.test(url.slice(`/${bucket}/${key}`.length)) && url.startsWith(`/${bucket}/${key}`));
    assert.equal(told.length, 1);
    assert.match(told[0], /0 succeeded, 1 failed/);
  });

  test('a multipart rewrite is checked right before CompleteMultipartUpload: a same-size write during its parts is kept, and no incomplete upload is left', async () => {
    await vscode.workspace.getConfiguration('s3Browser').update('multipartPartSizeMB', 5, vscode.ConfigurationTarget.Global);
    const key = 'race.bin';
    const size = 6 * 1024 * 1024;
    const told = await raceTheRewrite(key, Buffer.alloc(size, 1), Buffer.alloc(size, 2), (method, url) => method === 'PUT' && url.startsWith(`/${bucket}/${key}?`) && url.includes('partNumber=2'));
    assert.equal(told.length, 1);
    assert.ok(proxy!.requests.some((request) => request.startsWith(`POST /${bucket}/${key}?uploadId=`)) === false, 'the upload was not completed');
    assert.match(told[0], /0 succeeded, 1 failed/);
    assert.equal(await client.incompleteUploads(bucket), 0, 'the multipart upload was aborted');
  });
});
