import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { S3Node } from '../../../src/tree/nodes/s3Node';
import { s3ErrorXml, startFeatureProxy, type FeatureProxy } from '../../support/featureProxy';
import { IndependentClient, targetFromEnvironment } from '../../support/independentClient';
import { addEndpointConnection, extensionApi, nodeIn, notifications, pickByLabel, removeAllEndpoints, withPrompts } from '../extensionApi';
import { S3_SCHEME } from '../../../src/fs/s3Location';

const target = targetFromEnvironment();
/** How long after a presigned URL's expiry it is tried again: clocks and second-rounded dates. */
const EXPIRY_MARGIN_MS = 3_000;

/** When a SigV4 presigned URL expires: its X-Amz-Date (yyyymmddThhmmssZ) plus X-Amz-Expires seconds, in ms. */
function signedExpiry(url: string): number {
  const query = new URL(url).searchParams;
  const date = /^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/.exec(query.get('X-Amz-Date') ?? '');
  const seconds = Number(query.get('X-Amz-Expires'));
  assert.ok(date && Number.isInteger(seconds) && seconds > 0, `a SigV4 presigned URL: ${url.replace(/X-Amz-Signature=[0-9a-f]+/, 'X-Amz-Signature=…')}`);
  const [year, month, day, hours, minutes, secs] = date.slice(1).map(Number);
  return Date.UTC(year, month - 1, day, hours, minutes, secs) + seconds * 1000;
}



suite('Access: Show Access, Make Public (modal), Make Private, canned ACLs, refusals explained', () => {
  const client = new IndependentClient();
  let bucket: string;
  const proxies: FeatureProxy[] = [];

  suiteSetup(() => extensionApi());

  setup(async () => {
    bucket = await client.createBucket('access');
  });

  teardown(async () => {
    await removeAllEndpoints();
    for (const proxy of proxies.splice(0)) {
      await proxy.close();
    }
    await client.deleteBucket(bucket);
  });

  suiteTeardown(() => client.dispose());

  test('Make Public names the object in a modal; declined it stays private, accepted anyone can GET it and the tree marks it; Make Private closes it again', async () => {
    await client.put(bucket, 'report.csv', 'a,b\n');
    await client.put(bucket, 'other.csv', 'c,d\n');
    const node = await nodeIn(bucket, 'report.csv', 'object');

    const declined = await withPrompts({ confirm: async () => Promise.reject(new vscode.CancellationError()) }, async (record) => {
      await vscode.commands.executeCommand('s3Browser.makePublic', node);
      return record;
    });
    assert.equal(declined.confirmed.length, 1);
    assert.match(declined.confirmed[0], /^Make this object public\?\n/);
    assert.ok(declined.confirmed[0].includes(`s3://${bucket}/report.csv`), declined.confirmed[0]);
    assert.ok(declined.confirmed[0].includes('anyone on the internet will be able to read it'), declined.confirmed[0]);
    assert.deepEqual(notifications(declined), [], 'declining is silent');
    assert.equal(await client.anonymousGetStatus(bucket, 'report.csv'), 403, 'declined: still private');

    const accepted = await withPrompts({ confirm: async () => undefined }, async (record) => {
      await vscode.commands.executeCommand('s3Browser.makePublic', node);
      return notifications(record);
    });
    assert.deepEqual(accepted, [`info: Access "public-read" for s3://${bucket}/report.csv: 1 succeeded, 0 failed.`]);
    assert.equal(await client.anonymousGetStatus(bucket, 'report.csv'), 200, 'anyone can read it');
    assert.equal(await client.anonymousGetStatus(bucket, 'other.csv'), 403, 'only that object');
    const marked = await nodeIn(bucket, 'report.csv', 'object');
    assert.match(String(marked.getTreeItem().description), /· public$/, 'the tree marks it public');
    assert.doesNotMatch(String((await nodeIn(bucket, 'other.csv', 'object')).getTreeItem().description), /public/);

    const closed = await withPrompts({}, async (record) => {
      await vscode.commands.executeCommand('s3Browser.makePrivate', marked);
      return notifications(record);
    });
    assert.deepEqual(closed, [`info: Access "private" for s3://${bucket}/report.csv: 1 succeeded, 0 failed.`], 'no question for making private');
    assert.equal(await client.anonymousGetStatus(bucket, 'report.csv'), 403);
    assert.doesNotMatch(String((await nodeIn(bucket, 'report.csv', 'object')).getTreeItem().description), /public/, 'the mark is gone');
  });

  test('Make Private on a folder of 300 public objects reports 300 done and every one is private; Make Public on it counts them in the modal', async () => {
    const keys = Array.from({ length: 300 }, (_, i) => `site/page-${String(i).padStart(3, '0')}.html`);
    await client.putMany(bucket, keys);
    await client.put(bucket, 'outside.html', 'x');
    const folder = await nodeIn(bucket, 'site', 'folder');

    const opened = await withPrompts({ confirm: async () => undefined }, async (record) => {
      await vscode.commands.executeCommand('s3Browser.makePublic', folder);
      return record;
    });
    assert.match(opened.confirmed[0], /^Make 300 objects public\?\n300 objects under s3:\/\/[^/]+\/site\//);
    assert.deepEqual(notifications(opened), [`info: Access "public-read" for s3://${bucket}/site/: 300 succeeded, 0 failed.`]);
    const statuses = await Promise.all(keys.map((key) => client.anonymousGetStatus(bucket, key)));
    assert.deepEqual([...new Set(statuses)], [200], 'all 300 readable by anyone');
    assert.equal(await client.anonymousGetStatus(bucket, 'outside.html'), 403, 'nothing outside the folder');

    const closed = await withPrompts({}, async (record) => {
      await vscode.commands.executeCommand('s3Browser.makePrivate', folder);
      return { told: notifications(record), progress: record.progress };
    });
    assert.deepEqual(closed.told, [`info: Access "private" for s3://${bucket}/site/: 300 succeeded, 0 failed.`]);
    assert.ok(closed.progress.includes(`Setting access "private" on s3://${bucket}/site/`), closed.progress.join(' | '));
    const after = await Promise.all(keys.map((key) => client.anonymousGetStatus(bucket, key)));
    assert.deepEqual([...new Set(after)], [403], 'all 300 private again');
  });

  test('Show Access lists the grants in words and offers Make Private, which it runs', async () => {
    await client.putPublicRead(bucket, 'open.txt', 'hello');
    const node = await nodeIn(bucket, 'open.txt', 'object');
    let shown: { title?: string; labels: string[] } | undefined;
    await withPrompts(
      {
        pick: async (items, options) => {
          if (options.title?.startsWith('Access to')) {
            shown = { title: options.title, labels: items.filter((item) => item.kind !== vscode.QuickPickItemKind.Separator).map((item) => `${item.label}${item.description ? `: ${item.description}` : ''}`) };
            return items.find((item) => item.label === 'Make Private')!;
          }
          throw new Error(`Unexpected quick pick: ${options.title}`);
        },
      },
      () => vscode.commands.executeCommand('s3Browser.showAccess', node),
    );
    assert.ok(shown);
    assert.equal(shown.title, `Access to s3://${bucket}/open.txt — PUBLIC: anyone on the internet can read it`);
    assert.ok(shown.labels.some((label) => /^Owner \(account .+\): full control$/.test(label)), shown.labels.join(' | '));
    assert.ok(shown.labels.includes('Everyone (AllUsers: anyone on the internet): read'), shown.labels.join(' | '));
    assert.deepEqual(shown.labels.slice(-3), ['Make Private', 'Make Public…', 'Set Access…']);
    assert.equal(await client.anonymousGetStatus(bucket, 'open.txt'), 403, 'Make Private from Show Access ran');
    assert.deepEqual(await client.grants(bucket, 'open.txt'), ['FULL_CONTROL owner']);
  });

  test('Set Access applies the chosen canned ACL; authenticated-read is confirmed as public to any AWS account', async () => {
    await client.put(bucket, 'shared.txt', 'x');
    const node = await nodeIn(bucket, 'shared.txt', 'object');
    const record = await withPrompts({ pick: pickByLabel({ 'Set Access': 'authenticated-read' }), confirm: async () => undefined }, async (record) => {
      await vscode.commands.executeCommand('s3Browser.setAccess', node);
      return record;
    });
    assert.ok(record.confirmed[0]?.includes('anyone with an AWS account (any account, not only yours) will be able to read it'), record.confirmed.join('\n'));
    assert.deepEqual(await client.grants(bucket, 'shared.txt'), ['FULL_CONTROL owner', 'READ AuthenticatedUsers']);
    assert.equal(await client.anonymousGetStatus(bucket, 'shared.txt'), 403, 'not readable without signing in');
  });

  test('a bucket with ACLs disabled and a Block Public Access refusal each get a message naming the setting and where it is changed; nothing changes', async () => {
    await client.put(bucket, 'a.txt', 'a');
    let refusal: { code: string; message: string } = { code: 'AccessControlListNotSupported', message: 'The bucket does not allow ACLs' };
    const proxy = await startFeatureProxy(target.endpoint, (request) =>
      request.method === 'PUT' && (request.url ?? '').includes('?acl') ? { status: 400 + (refusal.code === 'AccessDenied' ? 3 : 0), body: s3ErrorXml(refusal.code, refusal.message) } : undefined,
    );
    proxies.push(proxy);
    await addEndpointConnection('no-acls', proxy.url);
    const node = await nodeIn(bucket, 'a.txt', 'object', 'no-acls');

    const disabled = await withPrompts({ confirm: async () => undefined }, async (record) => {
      await vscode.commands.executeCommand('s3Browser.makePublic', node);
      return notifications(record);
    });
    assert.equal(disabled.length, 1);
    assert.match(disabled[0], /^error: Access "public-read" for s3:\/\/.+\/a\.txt: 0 succeeded, 1 failed\. /);
    assert.ok(disabled[0].includes('has ACLs disabled (Object Ownership "Bucket owner enforced")') && disabled[0].includes('S3 console → bucket → Permissions → Object Ownership'), disabled[0]);

    refusal = { code: 'AccessDenied', message: 'Access Denied' };
    const blocked = await withPrompts({ confirm: async () => undefined }, async (record) => {
      await vscode.commands.executeCommand('s3Browser.makePublic', node);
      return notifications(record);
    });
    assert.ok(blocked[0].includes('Block Public Access refuses public ACLs when "BlockPublicAcls" is on') && blocked[0].includes('Permissions → Block public access'), blocked[0]);
    assert.equal(await client.anonymousGetStatus(bucket, 'a.txt'), 403);
  });
});

suite('Sharing links: presigned GET and PUT, HTTPS URL, ARN', () => {
  const client = new IndependentClient();
  let bucket: string;

  suiteSetup(() => extensionApi());

  setup(async () => {
    bucket = await client.createBucket('share');
  });

  teardown(async () => {
    await vscode.workspace.getConfiguration('s3Browser').update('readOnlyConnections', undefined, vscode.ConfigurationTarget.Global);
    await client.deleteBucket(bucket);
  });

  suiteTeardown(() => client.dispose());

  /** Runs Copy Presigned URL with the answers and returns the clipboard and the notifications. */
  async function presign(node: S3Node, expiry: string, opened: string, extra: Record<string, string> = {}): Promise<{ url: string; told: string[] }> {
    await vscode.env.clipboard.writeText('');
    const told = await withPrompts(
      {
        pick: async (items, options) => {
          const wanted = options.title?.endsWith('valid for') ? expiry : options.title?.endsWith('opened as') ? opened : undefined;
          const item = items.find((candidate) => wanted !== undefined && candidate.label.startsWith(wanted));
          if (!item) {
            throw new Error(`Unexpected quick pick: ${options.title}`);
          }
          return item;
        },
        ask: async (options) => {
          const title = options.title ?? '';
          const answer = Object.entries(extra).find(([suffix]) => title.endsWith(suffix))?.[1];
          if (answer === undefined) {
            throw new Error(`Unexpected input box: ${title}`);
          }
          assert.equal(await options.validateInput?.(answer), undefined, `"${answer}" is accepted`);
          return answer;
        },
      },
      async (record) => {
        await vscode.commands.executeCommand('s3Browser.copyPresignedUrl', node);
        return notifications(record);
      },
    );
    return { url: await vscode.env.clipboard.readText(), told };
  }

  test('a presigned GET works without credentials, path-style on the custom endpoint; tampered it gets 403, and "Download as" names the file', async () => {
    await client.put(bucket, 'reports/q 3+4.csv', 'quarter,total\n3,7\n');
    const api = await extensionApi();
    const folder = await nodeIn(bucket, 'reports', 'folder');
    const node = (await api.tree.getChildren(folder)).find((child) => child.getTreeItem().label === 'q 3+4.csv')!;
    const logged: string[] = [];
    const subscription = api.log.onDidWrite((line) => logged.push(line));
    const { url, told } = await presign(node, '1 hour', 'Open as the browser decides').finally(() => subscription.dispose());
    assert.deepEqual(logged.filter((line) => line.includes('PRESIGN')), [`[info] PRESIGN GET s3://${bucket}/reports/q 3+4.csv for 3600 s (default): made`]);
    const signature = /X-Amz-Signature=([0-9a-f]+)/.exec(url)![1];
    assert.ok(logged.every((line) => !line.includes(signature) && !line.includes('X-Amz-Credential')), 'the URL (a credential) is not logged');
    assert.ok(url.startsWith(`${target.endpoint}/${bucket}/reports/`), url);
    assert.match(url, /X-Amz-Expires=3600(&|$)/);
    assert.equal(told.length, 1);
    assert.match(told[0], new RegExp(`^info: Copied a presigned download URL for s3://${bucket}/reports/q 3\\+4\\.csv, valid for 1 hour, until [A-Z][a-z]{2} \\d{1,2}, \\d{4}, \\d{1,2}:\\d\\d\\s[AP]M local \\(.*UTC\\)\\. Anyone with the link`));
    assert.ok(!told[0].includes('X-Amz-Signature'), 'the notification does not show the signature');

    const fetched = await fetch(url);
    assert.equal(fetched.status, 200);
    assert.equal(await fetched.text(), 'quarter,total\n3,7\n');
    const tampered = url.replace(signature, `${signature.slice(0, -1)}${signature.endsWith('0') ? '1' : '0'}`);
    assert.equal((await fetch(tampered)).status, 403, 'a tampered signature is refused');
    const otherKey = url.replace('q%203%2B4.csv', 'other.csv');
    assert.notEqual(otherKey, url);
    assert.equal((await fetch(otherKey)).status, 403, 'the signature covers the key');

    const named = await presign(node, '15 minutes', 'Download as…', { 'download as': 'Q3 – résumé.csv' });
    const download = await fetch(named.url);
    assert.equal(download.status, 200);
    const disposition = download.headers.get('content-disposition') ?? '';
    assert.ok(disposition.startsWith('attachment; filename="Q3 _ r_sum_.csv"'), disposition);
    assert.ok(disposition.includes(`filename*=UTF-8''Q3%20%E2%80%93%20r%C3%A9sum%C3%A9.csv`), disposition);
  });

  test('a presigned GET for a custom lifetime of 10 s works at once and is refused once X-Amz-Date + X-Amz-Expires has passed; more than 7 days is refused as typed', async () => {
    await client.put(bucket, 'brief.txt', 'soon gone');
    const node = await nodeIn(bucket, 'brief.txt', 'object');
    const { url, told } = await presign(node, 'Custom…', 'Open as the browser decides', { 'valid for': '10s' });
    assert.match(told[0], /valid for 10 seconds, until/);
    assert.match(url, /X-Amz-Expires=10(&|$)/);
    const expiresAt = signedExpiry(url);
    assert.ok(expiresAt - Date.now() > 5_000, `fetched long before it expires at ${new Date(expiresAt).toISOString()}`);
    assert.equal((await fetch(url)).status, 200, 'valid at first');
    // Until the moment the URL itself names has passed, with a generous margin; no fixed sleep.
    await new Promise((resolve) => setTimeout(resolve, expiresAt + EXPIRY_MARGIN_MS - Date.now()));
    assert.equal((await fetch(url)).status, 403, 'expired');

    const [options] = await (async () => {
      const asked: vscode.InputBoxOptions[] = [];
      await withPrompts(
        {
          pick: async (items) => items.find((item) => item.label === 'Custom…')!,
          ask: async (options) => {
            asked.push(options);
            throw new vscode.CancellationError();
          },
        },
        () => vscode.commands.executeCommand('s3Browser.copyPresignedUrl', node),
      );
      return asked;
    })();
    assert.match(String(await options.validateInput?.('8d')), /At most 7 days/);
    assert.match(String(await options.validateInput?.('169h')), /At most 7 days/);
    assert.match(String(await options.validateInput?.('soon')), /A number and a unit/);
    assert.match(String(await options.validateInput?.('0m')), /A number and a unit/);
    assert.equal(await options.validateInput?.('7d'), undefined);
  });

  test('a presigned upload URL for a new name in a folder lets anyone PUT it with the signed Content-Type; the curl line is offered; a read-only connection gets none', async () => {
    const folder = await (async () => {
      await client.put(bucket, 'inbox/.keep', '');
      return nodeIn(bucket, 'inbox', 'folder');
    })();
    await vscode.env.clipboard.writeText('');
    let curlCopied: Promise<void> | undefined;
    const told = await withPrompts(
      {
        ask: async (options) => {
          assert.ok(options.title?.startsWith(`Presigned upload URL: the new object's name in s3://${bucket}/inbox/`), options.title);
          for (const bad of ['', 'a/', '../x', 'a//b']) {
            assert.ok(await options.validateInput?.(bad), `"${bad}" is refused`);
          }
          return 'data/2025.csv';
        },
        pick: async (items, options) => (options.title?.endsWith('valid for') ? items.find((item) => item.label === '1 day')! : Promise.reject(new Error(`Unexpected quick pick: ${options.title}`))),
        notify: async (_severity, _message, ...actions) => {
          curlCopied = new Promise((resolve) => setTimeout(resolve, 500));
          return actions.find((action) => action === 'Copy curl Command');
        },
      },
      async (record) => {
        await vscode.commands.executeCommand('s3Browser.copyPresignedUploadUrl', folder);
        return notifications(record);
      },
    );
    assert.match(told[0], new RegExp(`^info: Copied a presigned upload URL for s3://${bucket}/inbox/data/2025\\.csv, valid for 1 day, until .*the upload must send Content-Type: text/csv; charset=utf-8`));
    await curlCopied;
    const curl = await vscode.env.clipboard.readText();
    const match = /^curl --fail -X PUT -H 'Content-Type: text\/csv; charset=utf-8' --upload-file '\.\/2025\.csv' '(.+)'$/.exec(curl);
    assert.ok(match, curl);
    const url = match[1];
    assert.equal((await fetch(url, { method: 'PUT', body: 'year,total\n2025,1\n', headers: { 'content-type': 'text/plain' } })).status, 403, 'another Content-Type breaks the signature');
    assert.equal(await client.exists(bucket, 'inbox/data/2025.csv'), false);
    const put = await fetch(url, { method: 'PUT', body: 'year,total\n2025,1\n', headers: { 'content-type': 'text/csv; charset=utf-8' } });
    assert.equal(put.status, 200, await put.text());
    assert.equal((await client.get(bucket, 'inbox/data/2025.csv')).toString(), 'year,total\n2025,1\n');
    assert.equal((await client.attributes(bucket, 'inbox/data/2025.csv')).contentType, 'text/csv; charset=utf-8');

    await vscode.workspace.getConfiguration('s3Browser').update('readOnlyConnections', ['default'], vscode.ConfigurationTarget.Global);
    const refused = await withPrompts({}, async (record) => {
      await vscode.commands.executeCommand('s3Browser.copyPresignedUploadUrl', vscode.Uri.from({ scheme: S3_SCHEME, authority: bucket, path: '/inbox/data/2025.csv' }));
      return notifications(record);
    });
    assert.equal(refused.length, 1);
    assert.match(refused[0], /^error: "default" is read-only \(setting s3Browser\.readOnlyConnections\): no upload URL is made for it\.$/);
  });

  test('Copy HTTPS URL is path-style under the custom endpoint with the key percent-encoded (a public object opens with it); Copy ARN names bucket and key', async () => {
    await client.putPublicRead(bucket, 'docs/a b+c#d?.txt', 'public words');
    const folder = await nodeIn(bucket, 'docs', 'folder');
    const api = await extensionApi();
    const node = (await api.tree.getChildren(folder)).find((child) => child.getTreeItem().label === 'a b+c#d?.txt')!;
    await vscode.commands.executeCommand('s3Browser.copyHttpsUrl', node);
    const url = await vscode.env.clipboard.readText();
    assert.equal(url, `${target.endpoint}/${bucket}/docs/a%20b%2Bc%23d%3F.txt`);
    const response = await fetch(url);
    assert.equal(response.status, 200);
    assert.equal(await response.text(), 'public words');
    await vscode.commands.executeCommand('s3Browser.copyArn', node);
    assert.equal(await vscode.env.clipboard.readText(), `arn:aws:s3:::${bucket}/docs/a b+c#d?.txt`);
    await vscode.commands.executeCommand('s3Browser.copyArn', folder);
    assert.equal(await vscode.env.clipboard.readText(), `arn:aws:s3:::${bucket}/docs/`);
  });
});
