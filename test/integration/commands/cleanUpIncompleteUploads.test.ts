import { ListMultipartUploadsCommand, ListPartsCommand } from '@aws-sdk/client-s3';
import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type * as http from 'node:http';
import * as vscode from 'vscode';
import type { Prompts } from '../../../src/ui/prompts';
import { s3ErrorXml, startFeatureProxy, type FeatureProxy } from '../../support/featureProxy';
import { IndependentClient, targetFromEnvironment } from '../../support/independentClient';
import { rgwControl } from '../../support/rgwControl';
import { waitFor } from '../../support/waitFor';
import { addEndpointConnection, answerByTitle, bucketNode, bucketsOf, extensionApi, fileSystemError, pickByLabel, removeAllEndpoints, withPrompts, type PromptRecord } from '../extensionApi';
import { S3_SCHEME } from '../../../src/fs/s3Location';

const target = targetFromEnvironment();
const MIB = 1024 * 1024;

function s3Uri(authority: string, key: string): vscode.Uri {
  return vscode.Uri.from({ scheme: S3_SCHEME, authority, path: `/${key}` });
}

function partNumber(request: http.IncomingMessage): number | undefined {
  const match = request.method === 'PUT' ? /[?&]partNumber=(\d+)/.exec(request.url ?? '') : null;
  return match ? Number(match[1]) : undefined;
}

/** CompleteMultipartUpload (POST ?uploadId=) or AbortMultipartUpload (DELETE ?uploadId=). */
function endsUpload(request: http.IncomingMessage): boolean {
  return (request.method === 'POST' || request.method === 'DELETE') && /[?&]uploadId=/.test(request.url ?? '');
}

interface ShownUpload {
  label: string;
  description?: string;
  detail?: string;
  picked?: boolean;
}

/** Answers the multi-select pick by choosing the labels given, and keeps what it showed. */
function chooseUploads(labels: string[], shown: ShownUpload[]): Prompts['pickMany'] {
  return async (items, options) => {
    assert.match(options.title ?? '', /^Abort which incomplete uploads in /);
    shown.push(...items.map(({ label, description, detail, picked }) => ({ label, description, detail, picked })));
    return items.filter((item) => labels.includes(item.label));
  };
}

function reportOf(record: PromptRecord): string[] {
  return record.notified.filter((notification) => /^Clean up of incomplete uploads/.test(notification.message)).map((notification) => `${notification.severity}: ${notification.message}`);
}

suite('Clean Up Incomplete Uploads: list, abort, leftovers of a server that died', () => {
  const client = new IndependentClient();
  const control = rgwControl();
  let bucket: string;
  const proxies: FeatureProxy[] = [];

  suiteSetup(() => extensionApi());

  setup(async () => {
    bucket = await client.createBucket('cleanup');
  });

  teardown(async () => {
    // The server must be back for the next tests even when this one failed half-way.
    await control?.ensureRunning();
    for (const name of ['multipartPartSizeMB', 'multipartCopyThresholdMB']) {
      await vscode.workspace.getConfiguration('s3Browser').update(name, undefined, vscode.ConfigurationTarget.Global);
    }
    await removeAllEndpoints();
    for (const proxy of proxies.splice(0)) {
      await proxy.close();
    }
    await client.deleteBucket(bucket);
  });

  suiteTeardown(() => client.dispose());

  async function uploadKeys(): Promise<string[]> {
    return ((await client.s3.send(new ListMultipartUploadsCommand({ Bucket: bucket }))).Uploads ?? []).map((upload) => upload.Key ?? '').sort();
  }

  test('radosgw killed mid-upload: the copy fails naming the key and the server; once it is back, Clean Up finds the leftover as started by this extension and aborts it', async function () {
    if (!control) {
      this.skip(); // needs the run's own radosgw (the runner passes S3B_RGW_CONTROL), not an external server
    }
    this.timeout(180_000);
    await vscode.workspace.getConfiguration('s3Browser').update('multipartPartSizeMB', 5, vscode.ConfigurationTarget.Global);
    await client.put(bucket, 'big.bin', randomBytes(40 * MIB));
    // Parts 3 and later wait at the proxy until parts 1 and 2 are stored; then radosgw is killed and
    // they go on to a dead server.
    let killing: Promise<void> | undefined;
    const proxy = await startFeatureProxy(target.endpoint, async (request) => {
      const part = partNumber(request);
      if (part !== undefined && part >= 3) {
        const uploadId = new URL(request.url ?? '', 'http://x').searchParams.get('uploadId') ?? '';
        killing ??= (async () => {
          await waitFor('parts 1 and 2 on the server', async () => {
            const parts = await client.s3.send(new ListPartsCommand({ Bucket: bucket, Key: 'copy.bin', UploadId: uploadId }));
            return (parts.Parts?.length ?? 0) >= 2 ? true : undefined;
          });
          await control!.kill();
        })();
        await killing;
      }
      return undefined;
    });
    proxies.push(proxy);
    await addEndpointConnection('dying', proxy.url);

    const error = await fileSystemError(() => vscode.workspace.fs.copy(s3Uri(`default@${bucket}`, 'big.bin'), s3Uri(`dying@${bucket}`, 'copy.bin'), { overwrite: false }));
    assert.ok(killing, 'radosgw was killed mid-upload');
    assert.equal(error.code, 'Unavailable', error.message);
    const escapedBucket = bucket.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    // lib-storage's own abort of the destination's upload fails last, so the error is the destination's.
    assert.match(error.message, new RegExp(`^Cannot reach the S3 endpoint of "dying" \\(ECONN\\w+\\) at ${proxy.url.replace(/\./g, '\\.')} for s3://${escapedBucket}/copy\\.bin\\. `));
    assert.match(error.message, new RegExp(`The incomplete upload could not be aborted \\(ECONN\\w+\\), so its parts stay stored on the server: run "Clean Up Incomplete Uploads…" on bucket "${escapedBucket}" once it answers again\\.$`));
    assert.doesNotMatch(error.message, /\n\s+at /, 'no stack trace');

    await control!.ensureRunning();
    assert.deepEqual(await uploadKeys(), ['copy.bin'], 'the server kept the upload the dead radosgw could not abort');

    const shown: ShownUpload[] = [];
    const report = await withPrompts(
      {
        pick: pickByLabel({ 'Clean up incomplete uploads of which connection?': 'dying', 'Clean up incomplete uploads in which bucket of "dying"?': bucket }),
        pickMany: chooseUploads(['copy.bin'], shown),
        confirm: async () => undefined,
      },
      async (record) => {
        await vscode.commands.executeCommand('s3Browser.cleanUpIncompleteUploads');
        assert.deepEqual(record.confirmed.map((text) => text.split('\n')[0]), [`Abort 1 incomplete upload in "${bucket}"?`]);
        return reportOf(record);
      },
    );
    assert.equal(shown.length, 1);
    assert.equal(shown[0].label, 'copy.bin');
    assert.equal(shown[0].picked, true, 'a leftover of this extension is selected');
    assert.match(shown[0].detail ?? '', /^Initiated [A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d\d\s[AP]M local \(.+ UTC\) · started by this extension · upload id \S+$/);
    assert.match(shown[0].description ?? '', /^(10|[1-9]\d?\.\d) MB in \d+ parts · started (just now|\d+ min ago)$/);
    assert.deepEqual(report, [`info: Clean up of incomplete uploads in "${bucket}" (dying): 1 succeeded, 0 failed.`]);
    assert.deepEqual(await uploadKeys(), []);
    assert.equal(await client.exists(bucket, 'copy.bin'), false);
  });

  test('lists uploads another client started with size and age, aborts only the chosen one (a hostile key), and says so when none are left', async () => {
    await client.startIncompleteUpload(bucket, 'other/a.bin');
    await client.startIncompleteUpload(bucket, 'other/../b + %#?.bin');
    const shown: ShownUpload[] = [];
    const node = await bucketNode(bucket);
    const report = await withPrompts({ pickMany: chooseUploads(['other/../b + %#?.bin'], shown), confirm: async () => undefined }, async (record) => {
      await vscode.commands.executeCommand('s3Browser.cleanUpIncompleteUploads', node);
      assert.equal(record.confirmed.length, 1);
      assert.match(record.confirmed[0], /^Abort 1 incomplete upload in ".*"\?\nTheir parts \(1\.0 KB\) are deleted; this cannot be undone\./);
      return reportOf(record);
    });
    assert.deepEqual(
      shown.map(({ label, description, picked }) => ({ label, description: description?.replace(/just now|1 min ago/, 'recently'), picked })).sort((a, b) => a.label.localeCompare(b.label)),
      [
        { label: 'other/../b + %#?.bin', description: '1.0 KB in 1 part · started recently', picked: false },
        { label: 'other/a.bin', description: '1.0 KB in 1 part · started recently', picked: false },
      ],
    );
    for (const upload of shown) {
      assert.doesNotMatch(upload.detail ?? '', /started by this extension/);
      assert.match(upload.detail ?? '', /^Initiated [A-Z][a-z]{2} \d{1,2}, \d{4}, /);
    }
    assert.deepEqual(report, [`info: Clean up of incomplete uploads in "${bucket}" (default): 1 succeeded, 0 failed.`]);
    assert.deepEqual(await uploadKeys(), ['other/a.bin'], 'the upload not chosen is kept');

    await client.deleteBucket(bucket); // aborts the other one too
    bucket = await client.createBucket('cleanup');
    const told = await withPrompts({}, async (record) => {
      await vscode.commands.executeCommand('s3Browser.cleanUpIncompleteUploads', await bucketNode(bucket));
      return record.notified.map((notification) => notification.message);
    });
    assert.ok(told.includes(`No incomplete uploads in "${bucket}" (default).`), told.join('\n'));
  });

  /**
   * A cross-connection copy through a proxy that loses CompleteMultipartUpload and AbortMultipartUpload
   * (as if the server went away at the end), so the upload is left incomplete, then the proxy heals.
   */
  async function leaveUploadBehind(connection: string, key: string): Promise<void> {
    await vscode.workspace.getConfiguration('s3Browser').update('multipartPartSizeMB', 5, vscode.ConfigurationTarget.Global);
    await client.put(bucket, 'source.bin', randomBytes(12 * MIB));
    let failing = true;
    const proxy = await startFeatureProxy(target.endpoint, (request) => (failing && endsUpload(request) ? 'cut' : undefined));
    proxies.push(proxy);
    await addEndpointConnection(connection, proxy.url);
    await fileSystemError(() => vscode.workspace.fs.copy(s3Uri(`default@${bucket}`, 'source.bin'), s3Uri(`${connection}@${bucket}`, key), { overwrite: false }));
    failing = false;
    assert.deepEqual(await uploadKeys(), [key], 'the upload was left behind');
  }

  function leftoverOffers(record: PromptRecord): Array<{ message: string; actions: string[] }> {
    return record.notified.filter((notification) => /left incomplete/.test(notification.message)).map(({ message, actions }) => ({ message, actions }));
  }

  test('an upload this extension left incomplete is offered for clean-up when the connection is listed, and Clean Up aborts it', async () => {
    await leaveUploadBehind('flaky', 'left behind.bin');
    await withPrompts({ notify: async (_severity, message) => (/left incomplete/.test(message) ? 'Clean Up' : undefined) }, async (record) => {
      await bucketsOf('flaky');
      await waitFor('the offer', async () => (leftoverOffers(record).length > 0 ? true : undefined));
      assert.deepEqual(leftoverOffers(record), [
        {
          message: `1 upload this extension started was left incomplete in bucket "${bucket}" (flaky): left behind.bin. Their parts are still stored and billed.`,
          actions: ['Clean Up', 'Not Now'],
        },
      ]);
      await waitFor('the report', async () => (reportOf(record).length > 0 ? true : undefined));
      assert.deepEqual(reportOf(record), [`info: Clean up of incomplete uploads in "${bucket}" (flaky): 1 succeeded, 0 failed.`]);
    });
    assert.deepEqual(await uploadKeys(), []);
  });

  test('a multipart copy whose part copy fails and whose abort is refused says to run Clean Up, and the upload stays a leftover of this extension until it is cleaned up', async function () {
    this.timeout(120_000);
    const configuration = vscode.workspace.getConfiguration('s3Browser');
    await configuration.update('multipartCopyThresholdMB', 5, vscode.ConfigurationTarget.Global);
    await configuration.update('multipartPartSizeMB', 5, vscode.ConfigurationTarget.Global);
    await client.put(bucket, 'source.bin', randomBytes(12 * MIB));
    // Part 2 of the UploadPartCopy parts fails (every retry of it), and so does every abort, until the proxy heals.
    let failing = true;
    const proxy = await startFeatureProxy(target.endpoint, (request) => {
      if (failing && partNumber(request) === 2 && request.headers['x-amz-copy-source']) {
        return { status: 500, body: s3ErrorXml('InternalError', 'The part copy failed (test proxy).') };
      }
      if (failing && request.method === 'DELETE' && /[?&]uploadId=/.test(request.url ?? '')) {
        return { status: 503, body: s3ErrorXml('ServiceUnavailable', 'The abort was refused (test proxy).') };
      }
      return undefined;
    });
    proxies.push(proxy);
    await addEndpointConnection('copyfails', proxy.url);

    const item = s3Uri(`copyfails@${bucket}`, 'source.bin');
    const notified = await withPrompts({ ask: answerByTitle({ Copy: `s3://copyfails@${bucket}/copies/` }) }, async (record) => {
      await vscode.commands.executeCommand('s3Browser.copyTo', item, [item]);
      return record.notified;
    });
    assert.ok(proxy.injected.some((request) => request.startsWith('PUT') && /[?&]partNumber=2/.test(request)), 'the copy went in parts and part 2 failed');
    assert.ok(proxy.injected.some((request) => request.startsWith('DELETE')), 'the abort was tried and refused');
    const report = notified.at(-1)!;
    assert.equal(report.severity, 'error');
    const escapedBucket = bucket.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    assert.match(
      report.message,
      new RegExp(`The incomplete upload could not be aborted \\(ServiceUnavailable\\), so its parts stay stored on the server: run "Clean Up Incomplete Uploads…" on bucket "${escapedBucket}" once it answers again\\.$`),
    );
    assert.deepEqual(await uploadKeys(), ['copies/source.bin'], 'the server keeps the upload whose abort was refused');
    assert.equal(await client.exists(bucket, 'copies/source.bin'), false, 'no object was completed');

    failing = false;
    // The journal has it: listing the connection's buckets offers it as this extension's leftover, and Clean Up aborts it.
    await withPrompts({ notify: async (_severity, message) => (/left incomplete/.test(message) ? 'Clean Up' : undefined) }, async (record) => {
      await bucketsOf('copyfails');
      await waitFor('the offer', async () => (leftoverOffers(record).length > 0 ? true : undefined));
      assert.deepEqual(leftoverOffers(record), [
        {
          message: `1 upload this extension started was left incomplete in bucket "${bucket}" (copyfails): copies/source.bin. Their parts are still stored and billed.`,
          actions: ['Clean Up', 'Not Now'],
        },
      ]);
      await waitFor('the report', async () => (reportOf(record).length > 0 ? true : undefined));
      assert.deepEqual(reportOf(record), [`info: Clean up of incomplete uploads in "${bucket}" (copyfails): 1 succeeded, 0 failed.`]);
    });
    assert.deepEqual(await uploadKeys(), []);
  });

  test('the offer comes once per window: after Not Now, listing again does not repeat it, and the command has the leftover selected', async () => {
    await leaveUploadBehind('flaky2', 'again.bin');
    const shown: ShownUpload[] = [];
    await withPrompts(
      { notify: async (_severity, message) => (/left incomplete/.test(message) ? 'Not Now' : undefined), pickMany: chooseUploads(['again.bin'], shown), confirm: async () => undefined },
      async (record) => {
        // The extension says in its log when each leftover check ends and how an offer was answered.
        const checks: string[] = [];
        const answers: string[] = [];
        const subscription = (await extensionApi()).log.onDidWrite((line) => {
          if (line.startsWith('[info] Checked for uploads this extension left incomplete (flaky2): ')) {
            checks.push(line);
          } else if (line.includes('(flaky2): the clean-up offer was answered')) {
            answers.push(line);
          }
        });
        try {
          await bucketsOf('flaky2');
          await waitFor('the offer', async () => (leftoverOffers(record).length > 0 ? true : undefined));
          await waitFor('"Not Now" handled', async () => (answers.length > 0 ? true : undefined));
          assert.deepEqual(answers, [`[info] Uploads left incomplete in bucket "${bucket}" (flaky2): the clean-up offer was answered "Not Now".`]);
          assert.deepEqual(await uploadKeys(), ['again.bin'], 'Not Now leaves it');
          // Checks of one connection never overlap: once the one that offered has ended, any check that
          // ends later started after the offer, as the one the second listing runs (or joins) does.
          await waitFor('the check that offered to end', async () => (checks.length > 0 ? true : undefined));
          const ended = checks.length;
          await bucketsOf('flaky2');
          await waitFor('the check after listing again to end', async () => (checks.length > ended ? true : undefined));
          assert.equal(checks.at(-1), '[info] Checked for uploads this extension left incomplete (flaky2): 1 bucket with some, 0 offered now.', 'the leftover is still found');
          assert.equal(leftoverOffers(record).length, 1, 'offered once');
        } finally {
          subscription.dispose();
        }
        await vscode.commands.executeCommand('s3Browser.cleanUpIncompleteUploads', await bucketNode(bucket, 'flaky2'));
        assert.deepEqual(reportOf(record), [`info: Clean up of incomplete uploads in "${bucket}" (flaky2): 1 succeeded, 0 failed.`]);
      },
    );
    assert.deepEqual(
      shown.map(({ label, picked, detail }) => ({ label, picked, ours: /started by this extension/.test(detail ?? '') })),
      [{ label: 'again.bin', picked: true, ours: true }],
    );
    assert.deepEqual(await uploadKeys(), []);
  });
});
