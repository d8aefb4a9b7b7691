import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { GetObjectTaggingCommand, HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import * as vscode from 'vscode';
import { startFeatureProxy, type FeatureProxy } from '../../support/featureProxy';
import { IndependentClient, targetFromEnvironment } from '../../support/independentClient';
import { addEndpointConnection, answerByTitle, extensionApi, removeAllEndpoints, withPrompts } from '../extensionApi';
import { S3_SCHEME } from '../../../src/fs/s3Location';

const target = targetFromEnvironment();
const MIB = 1024 * 1024;
/** Where the proxy puts the source bucket; the destination stays in the connection's own region. */
const FAR_REGION = 'ap-south-1';

const ATTRIBUTES = {
  ContentType: 'text/x-report',
  CacheControl: 'max-age=60',
  ContentDisposition: 'attachment; filename="r.txt"',
  ContentLanguage: 'de',
  Metadata: { origin: 'far-region', 'with-space': 'a b' },
  Tagging: 'team=blue&kind=a%20b',
  StorageClass: 'STANDARD_IA' as const,
};

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

function status(error: unknown): number | undefined {
  return (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
}

suite('Copy To across regions of one connection', () => {
  const client = new IndependentClient();
  let far: string;
  let near: string;
  let proxy: FeatureProxy | undefined;

  suiteSetup(() => extensionApi());

  setup(async () => {
    far = await client.createBucket('far');
    near = await client.createBucket('near');
  });

  teardown(async () => {
    const configuration = vscode.workspace.getConfiguration('s3Browser');
    for (const name of ['multipartCopyThresholdMB', 'multipartPartSizeMB']) {
      await configuration.update(name, undefined, vscode.ConfigurationTarget.Global);
    }
    await removeAllEndpoints();
    await proxy?.close();
    proxy = undefined;
    await client.deleteBucket(far);
    await client.deleteBucket(near);
  });

  suiteTeardown(() => client.dispose());

  test('Copy To from a bucket in another region into one in the connection\'s region, above the multipart-copy threshold, reads the source in its own region and keeps metadata, content headers, tags and storage class', async function () {
    this.timeout(120_000);
    const configuration = vscode.workspace.getConfiguration('s3Browser');
    await configuration.update('multipartCopyThresholdMB', 5, vscode.ConfigurationTarget.Global);
    await configuration.update('multipartPartSizeMB', 5, vscode.ConfigurationTarget.Global);
    const big = randomBytes(12 * MIB);
    await client.s3.send(new PutObjectCommand({ Bucket: far, Key: 'big.bin', Body: big, ...ATTRIBUTES }));
    const before = await kept(client, far, 'big.bin');
    proxy = await startFeatureProxy(target.endpoint, undefined, undefined, { bucketRegions: { [far]: FAR_REGION, [near]: target.region } });

    // The setup is faithful: through the proxy, a request for the far bucket signed for the
    // connection's region is refused as AWS refuses it, and one signed for its own region passes.
    const wrong = new IndependentClient({ ...target, endpoint: proxy.url });
    const right = new IndependentClient({ ...target, endpoint: proxy.url, region: FAR_REGION });
    try {
      await assert.rejects(wrong.s3.send(new HeadObjectCommand({ Bucket: far, Key: 'big.bin' })), (error) => status(error) === 400);
      await assert.rejects(wrong.s3.send(new GetObjectTaggingCommand({ Bucket: far, Key: 'big.bin' })), { name: 'AuthorizationHeaderMalformed' });
      assert.equal((await right.s3.send(new HeadObjectCommand({ Bucket: far, Key: 'big.bin' }))).ContentLength, big.length);
      await assert.rejects(right.s3.send(new GetObjectTaggingCommand({ Bucket: near, Key: 'absent' })), { name: 'AuthorizationHeaderMalformed' }, 'the near bucket refuses the far region');
    } finally {
      wrong.dispose();
      right.dispose();
    }
    const refusedBefore = proxy.injected.length;

    await addEndpointConnection('regional', proxy.url);
    const item = s3Uri(`regional@${far}`, 'big.bin');
    const notified = await withPrompts({ ask: answerByTitle({ Copy: `s3://regional@${near}/` }) }, async (record) => {
      await vscode.commands.executeCommand('s3Browser.copyTo', item, [item]);
      return record.notified.map((notification) => `${notification.severity}: ${notification.message}`);
    });
    assert.match(notified.at(-1) ?? '', /^info: Copy to s3:\/\/.*: 1 succeeded, 0 failed\.$/, notified.join('\n'));
    assert.deepEqual(await client.get(near, 'big.bin'), big);
    assert.deepEqual(await kept(client, near, 'big.bin'), before);
    const head = await client.s3.send(new HeadObjectCommand({ Bucket: near, Key: 'big.bin' }));
    assert.match(String(head.ETag), /-3"?$/, 'completed from three UploadPartCopy parts (5 + 5 + 2 MiB)');
    assert.equal(await client.incompleteUploads(near), 0);
    const refused = proxy.injected.slice(refusedBefore).filter((request) => !/^HEAD \/[^/?]+\/?$/.test(request));
    assert.deepEqual(refused, [], 'no object request was signed for the wrong region (only the bucket-region lookups answer 301)');
  });
});
