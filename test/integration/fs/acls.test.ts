import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { s3ErrorXml, startFeatureProxy, type FeatureProxy } from '../../support/featureProxy';
import { IndependentClient, targetFromEnvironment } from '../../support/independentClient';
import { addEndpointConnection, extensionApi, removeAllEndpoints, withPrompts } from '../extensionApi';
import { S3_SCHEME } from '../../../src/fs/s3Location';

const target = targetFromEnvironment();

function s3Uri(authority: string, key: string): vscode.Uri {
  return vscode.Uri.from({ scheme: S3_SCHEME, authority, path: `/${key}` });
}

suite('ACLs on moves and renames: canned across servers, left behind (and said) where a bucket has ACLs disabled', () => {
  const client = new IndependentClient();
  const buckets: string[] = [];
  let proxy: FeatureProxy | undefined;

  suiteSetup(() => extensionApi());

  teardown(async () => {
    await removeAllEndpoints();
    await proxy?.close();
    proxy = undefined;
    for (const bucket of buckets.splice(0)) {
      await client.deleteBucket(bucket);
    }
  });

  suiteTeardown(() => client.dispose());

  test('a public-read object moved to another server stays readable by everyone, and its writer keeps full control', async function () {
    if (!target.tenantUser) {
      this.skip(); // needs a second bucket namespace (the local Ceph's tenant user)
    }
    const bucket = await client.createBucket('acl-x');
    buckets.push(bucket);
    const tenant = new IndependentClient(target, target.tenantUser!);
    try {
      await tenant.createNamedBucket(bucket);
      await client.putPublicRead(bucket, 'pub.txt', 'public');
      await vscode.workspace.fs.rename(s3Uri(`default@${bucket}`, 'pub.txt'), s3Uri(`tenant2@${bucket}`, 'pub.txt'), { overwrite: false });
      // Not the source owner's id (meaningless there), but the canned ACL's grants for the new owner.
      assert.deepEqual(await tenant.grants(bucket, 'pub.txt'), ['FULL_CONTROL owner', 'READ AllUsers']);
    } finally {
      await tenant.deleteBucket(bucket);
      tenant.dispose();
    }
  });

  test('moves into a bucket with ACLs disabled go without the grants, and the user is told once per operation', async () => {
    const [from, to] = [await client.createBucket('acl-src'), await client.createBucket('acl-off')];
    buckets.push(from, to);
    // The destination answers any ACL as AWS does for Object Ownership "Bucket owner enforced".
    proxy = await startFeatureProxy(target.endpoint, (request) => {
      const carriesAcl = Object.keys(request.headers).some((name) => name === 'x-amz-acl' || name.startsWith('x-amz-grant-'));
      return request.method === 'PUT' && request.url?.startsWith(`/${to}/`) && carriesAcl ? { status: 400, body: s3ErrorXml('AccessControlListNotSupported', 'The bucket does not allow ACLs') } : undefined;
    });
    await addEndpointConnection('acl-off', proxy.url);
    await client.putPublicRead(from, 'one.txt', 'one');
    await client.putPublicRead(from, 'dir/a.txt', 'a');
    await client.putPublicRead(from, 'dir/b.txt', 'b');

    const record = await withPrompts({}, async (record) => {
      // A move keeps the grants (a copy gets the destination's defaults and sends none).
      await vscode.workspace.fs.rename(s3Uri(`acl-off@${from}`, 'one.txt'), s3Uri(`acl-off@${to}`, 'one.txt'), { overwrite: false });
      await vscode.workspace.fs.rename(s3Uri(`acl-off@${from}`, 'dir'), s3Uri(`acl-off@${to}`, 'dir'), { overwrite: false });
      return record;
    });
    assert.deepEqual((await client.keys(to)).sort(), ['dir/a.txt', 'dir/b.txt', 'one.txt']);
    assert.equal((await client.get(to, 'dir/b.txt')).toString(), 'b');
    assert.deepEqual(await client.keys(from), [], 'the sources are gone');
    assert.equal(proxy.injected.length, 3, 'each move was first tried with its grants');
    assert.equal(await client.anonymousGetStatus(to, 'one.txt'), 403, 'no grant was applied');
    assert.deepEqual(
      record.notified.map(({ severity, message }) => `${severity}: ${message.slice(0, message.indexOf(' (for example'))}`),
      [`warning: s3://${to}/one.txt was moved without its ACL grants`, 'warning: 2 keys were moved without their ACL grants'],
    );
    assert.match(record.notified[0].message, new RegExp(`bucket "${to}" has ACLs disabled \\(Object Ownership "Bucket owner enforced"\\)`));
  });
});
