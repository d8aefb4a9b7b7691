import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { AwsFileEdits } from '../../support/awsFileEdits';
import { startFeatureProxy, type FeatureProxy } from '../../support/featureProxy';
import { IndependentClient, targetFromEnvironment } from '../../support/independentClient';
import { startStsStandIn, type StsStandIn } from '../../support/stsStandIn';
import { waitFor } from '../../support/waitFor';
import { answerByTitle, childNamed, extensionApi, label, treeSettled, withPrompts } from '../extensionApi';
import type { Prompts } from '../../../src/ui/prompts';
import { S3_SCHEME } from '../../../src/fs/s3Location';

const target = targetFromEnvironment();
const MFA_SERIAL = 'arn:aws:iam::123456789012:mfa/s3b-tester';
const ROLE_ARN = 'arn:aws:iam::123456789012:role/S3BrowserTest';
/** Keys the server does not know: only the credentials the role hands out can list. */
const SOURCE_KEY_ID = 'S3BSOURCEONLY';

async function rootLabels(): Promise<string[]> {
  return (await (await extensionApi()).tree.getChildren(undefined)).map(label);
}

suite('Credential flows: MFA with assume role, SSO login', () => {
  const client = new IndependentClient();
  const edits = new AwsFileEdits();
  const servers: Array<FeatureProxy | StsStandIn> = [];
  let bucket: string;
  let rootsBefore: string[];

  setup(async () => {
    bucket = await client.createBucket('creds');
    await client.put(bucket, 'hello.txt', 'hello');
    rootsBefore = await rootLabels();
  });

  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    if (await edits.restore()) {
      await waitFor('the roots of the restored AWS files', async () => (JSON.stringify(await rootLabels()) === JSON.stringify(rootsBefore) ? true : undefined));
      await treeSettled();
    }
    for (const server of servers.splice(0)) {
      await server.close();
    }
    await client.deleteBucket(bucket);
  });

  suiteTeardown(() => client.dispose());

  /**
   * A profile that assumes a role with MFA through a local STS stand-in (AWS STS does not exist here),
   * reaching RGW through a proxy that records the session token of every request. RGW 16 without STS
   * configured authenticates by access key and ignores a session token it did not issue, so the
   * stand-in can honestly hand out the test user's keys with a token of its own: the listing then
   * works only with what STS returned (the source profile's keys are unknown to RGW), and the proxy
   * shows the token travelling with every request. The proxy also reports `otherRegionBucket` (when
   * given) in eu-west-3, as AWS would for a bucket there, so the profile needs a second client.
   */
  async function mfaRoleProfile(name: string, otherRegionBucket?: string): Promise<{ sts: StsStandIn; tokens: string[]; regions: string[]; sessionToken: string }> {
    const sessionToken = `s3b-stand-in-session-${randomBytes(6).toString('hex')}`;
    const sts = await startStsStandIn({ accessKeyId: target.accessKeyId, secretAccessKey: target.secretAccessKey, sessionToken }, { delayMs: 300 });
    const tokens: string[] = [];
    const regions: string[] = [];
    const proxy = await startFeatureProxy(target.endpoint, (request) => {
      tokens.push(String(request.headers['x-amz-security-token'] ?? '(none)'));
      regions.push(/Credential=[^/]+\/\d{8}\/([^/]+)\//.exec(request.headers.authorization ?? '')?.[1] ?? '(unsigned)');
      return request.method === 'HEAD' && request.url === `/${otherRegionBucket}/` ? { status: 200, body: '', headers: { 'x-amz-bucket-region': 'eu-west-3' } } : undefined;
    });
    servers.push(sts, proxy);
    // The role's STS endpoint is its own `services` section, while [default] points at RGW: the
    // role must not be assumed at another profile's server.
    await edits.append({
      credentials: `[${name}-source]\naws_access_key_id = ${SOURCE_KEY_ID}\naws_secret_access_key = unknown-to-the-server`,
      config: `[profile ${name}]
region = ${target.region}
role_arn = ${ROLE_ARN}
source_profile = ${name}-source
mfa_serial = ${MFA_SERIAL}
endpoint_url = ${proxy.url}
services = ${name}-services
s3 =
  addressing_style = path

[services ${name}-services]
sts =
  endpoint_url = ${sts.url}`,
    });
    await waitFor(`the root ${name}`, async () => ((await rootLabels()).includes(name) ? true : undefined));
    return { sts, tokens, regions, sessionToken };
  }

  /** Answers the MFA prompt with `code` after a pause (the user typing), other questions by title. */
  function mfaAnswer(code: string | 'cancel', others: Record<string, string> = {}): Prompts['ask'] {
    return async (options) => {
      const title = options.title ?? '';
      if (title === 'MFA code') {
        await new Promise((resolve) => setTimeout(resolve, 500));
        if (code === 'cancel') {
          throw new vscode.CancellationError(); // what Escape on the input box gives
        }
        assert.equal(await options.validateInput?.(code), undefined);
        return code;
      }
      const answer = Object.entries(others).find(([prefix]) => title.startsWith(prefix));
      if (!answer) {
        throw new Error(`Unexpected input box: ${title}`);
      }
      return answer[1];
    };
  }

  test('MFA with assume role (local STS stand-in): concurrent requests, also from a client in another region, ask one code; STS gets the serial and that code; the role\'s credentials list and survive a reload', async () => {
    const otherRegionBucket = await client.createBucket('creds-eu');
    try {
      await client.put(otherRegionBucket, 'far.txt', 'far');
      const { sts, tokens, regions, sessionToken } = await mfaRoleProfile('mfa-role', otherRegionBucket);
      const api = await extensionApi();
      const uri = (inBucket: string, key: string) => vscode.Uri.from({ scheme: S3_SCHEME, authority: `mfa-role@${inBucket}`, path: `/${key}` });
      const [buckets, content, entries, stat, far] = await withPrompts({ ask: mfaAnswer('424242') }, async (record) => {
        const results = await Promise.all([
          api.tree.getChildren(await childNamed(api, undefined, 'mfa-role')).then((nodes) => nodes.map(label)),
          vscode.workspace.fs.readFile(uri(bucket, 'hello.txt')),
          vscode.workspace.fs.readDirectory(uri(bucket, '')),
          vscode.workspace.fs.stat(uri(bucket, 'hello.txt')),
          vscode.workspace.fs.readFile(uri(otherRegionBucket, 'far.txt')),
        ]);
        assert.deepEqual(
          record.asked.map((options) => [options.title, options.prompt]),
          [['MFA code', `Enter the current code of the MFA device ${MFA_SERIAL}`]],
          'one prompt for all the requests of the profile',
        );
        assert.deepEqual(record.notified, []);
        return results;
      });
      assert.ok(buckets.includes(bucket), `buckets: ${buckets.join(', ')}`);
      assert.equal(Buffer.from(content).toString(), 'hello');
      assert.deepEqual(entries, [['hello.txt', vscode.FileType.File]]);
      assert.equal(stat.size, 5);
      assert.equal(Buffer.from(far).toString(), 'far');
      assert.deepEqual([...new Set(regions)].sort(), ['eu-west-3', target.region].sort(), 'clients of two regions shared the credentials');

      assert.equal(sts.requests.length, 1, 'the role is assumed once');
      const [assumed] = sts.requests;
      assert.equal(assumed.params.Action, 'AssumeRole');
      assert.equal(assumed.params.RoleArn, ROLE_ARN);
      assert.equal(assumed.params.SerialNumber, MFA_SERIAL);
      assert.equal(assumed.params.TokenCode, '424242');
      assert.match(assumed.authorization, new RegExp(`Credential=${SOURCE_KEY_ID}/`), 'signed with the source profile\'s keys');
      assert.ok(tokens.length >= 5, `requests through the proxy: ${tokens.length}`);
      assert.deepEqual([...new Set(tokens)], [sessionToken], 'every request carries the role\'s session token');

      // A refresh reloads the config files; the role's credentials survive it: no second prompt.
      api.tree.refresh();
      await withPrompts({}, async () => {
        const again = await api.tree.getChildren(await childNamed(api, undefined, 'mfa-role'));
        assert.ok(again.map(label).includes(bucket), `after the reload: ${again.map(label).join(', ')}`);
      });
      assert.equal(sts.requests.length, 1);
    } finally {
      await client.deleteBucket(otherRegionBucket);
    }
  });

  test('a presigned URL signed with an assumed role\'s temporary credentials (STS stand-in, 1 hour) lives at most until they expire, and the notification says so', async () => {
    const { sessionToken } = await mfaRoleProfile('presign-role');
    const uri = vscode.Uri.from({ scheme: S3_SCHEME, authority: `presign-role@${bucket}`, path: '/hello.txt' });
    await vscode.env.clipboard.writeText('');
    const told = await withPrompts(
      {
        ask: mfaAnswer('424242'),
        pick: async (items, options) => {
          const wanted = options.title?.endsWith('valid for') ? '1 day' : options.title?.endsWith('opened as') ? 'Open as the browser decides' : undefined;
          const item = items.find((candidate) => candidate.label === wanted);
          if (!item) {
            throw new Error(`Unexpected quick pick: ${options.title}`);
          }
          return item;
        },
      },
      async (record) => {
        await vscode.commands.executeCommand('s3Browser.copyPresignedUrl', uri);
        return record.notified.map((notification) => notification.message);
      },
    );
    assert.equal(told.length, 1, told.join('\n'));
    assert.match(told[0], /, valid for 58 minutes|, valid for 59 minutes/, told[0]);
    assert.match(told[0], /shortened: the temporary credentials that sign it expire then/);
    const url = await vscode.env.clipboard.readText();
    const expires = Number(/X-Amz-Expires=(\d+)/.exec(url)?.[1]);
    assert.ok(expires > 3400 && expires <= 3540, `X-Amz-Expires=${expires}: an hour's credentials less a minute, not a day`);
    assert.ok(url.includes(`X-Amz-Security-Token=${encodeURIComponent(sessionToken)}`), 'signed with the role\'s session');
  });

  test('Cancel on the MFA prompt (local STS stand-in) is silent and nothing is written; the next request asks again', async () => {
    const { sts } = await mfaRoleProfile('mfa-cancel');
    const api = await extensionApi();
    const refused = `${bucket}-new`;
    await withPrompts({ ask: mfaAnswer('cancel', { 'New bucket (mfa-cancel)': refused }) }, async (record) => {
      await vscode.commands.executeCommand('s3Browser.createBucket', 'mfa-cancel');
      // When an earlier test left the S3 view open, the view lists the new root too and, once the
      // command's prompt was cancelled, asks again on its own behalf (also cancelled here, so no real
      // input box is left open for the tests after this one).
      await treeSettled();
      const titles = record.asked.map((options) => options.title);
      assert.deepEqual(titles.slice(0, 2), ['New bucket (mfa-cancel)', 'MFA code']);
      assert.ok(titles.slice(2).every((title) => title === 'MFA code'), titles.join());
      assert.deepEqual(record.notified, [], 'no error notification after Cancel');
    });
    assert.equal(sts.requests.length, 0, 'no role was assumed');
    assert.equal(await client.bucketExists(refused), false);

    // The cancelled attempt is not remembered: the next listing asks again and works.
    await withPrompts({ ask: mfaAnswer('135790') }, async (record) => {
      const buckets = (await api.tree.getChildren(await childNamed(api, undefined, 'mfa-cancel'))).map(label);
      assert.ok(buckets.includes(bucket), `buckets: ${buckets.join(', ')}`);
      assert.equal(record.asked.length, 1);
    });
    assert.deepEqual(
      sts.requests.map((request) => request.params.TokenCode),
      ['135790'],
    );
  });

  suite('SSO login (stand-in aws CLI)', () => {
    const SSO_SESSION = `[sso-session s3b-sso]
sso_start_url = https://s3b-test.awsapps.invalid/start
sso_region = us-east-1
sso_registration_scopes = sso:account:access`;
    const ssoProfile = (name: string) => `[profile ${name}]
sso_session = s3b-sso
sso_account_id = 123456789012
sso_role_name = S3Reader
region = us-east-1`;
    let standIn: string;
    let argvFile: string;

    // No aws CLI here: an `aws` script in the folder the runner put first on code-server's PATH (its login
    // shell's, where terminals look up their executable; changing the extension host's PATH or
    // terminal.integrated.env would not reach that lookup) records its arguments and exits, as
    // `aws sso login` does after the browser sign-in.
    setup(async () => {
      const bin = process.env.S3B_STAND_IN_BIN;
      assert.ok(bin, 'the runner provides S3B_STAND_IN_BIN, first on the PATH');
      standIn = path.join(bin, 'aws');
      argvFile = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 's3b-aws-cli-')), 'argv');
      await fs.writeFile(standIn, `#!/bin/sh\nprintf '%s\\0' "$@" > '${argvFile}'\nsleep 1\n`, { mode: 0o755 });
    });

    teardown(async () => {
      await fs.rm(standIn, { force: true });
      await fs.rm(path.dirname(argvFile), { recursive: true, force: true });
    });

    /** Runs the offered command and waits for its terminal to close; what the stand-in aws CLI got, and the tree refreshes before and after. */
    async function runOffer(command: vscode.Command, profile: string): Promise<{ argv: string[]; refreshesWhileOpen: number; refreshesAfterClose: number }> {
      const api = await extensionApi();
      let closed = false;
      const refreshes = { whileOpen: 0, afterClose: 0 };
      const changes = api.tree.onDidChangeTreeData((node) => {
        if (node === undefined) {
          refreshes[closed ? 'afterClose' : 'whileOpen'] += 1;
        }
      });
      const terminalClosed = new Promise<void>((resolve) => {
        const listener = vscode.window.onDidCloseTerminal((terminal) => {
          if (terminal.name === `aws sso login (${profile})`) {
            closed = true;
            listener.dispose();
            resolve();
          }
        });
      });
      try {
        await vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));
        await Promise.race([terminalClosed, new Promise((_, reject) => setTimeout(() => reject(new Error('the aws sso login terminal did not close')), 20_000))]);
        await waitFor('the refresh after the terminal closed', async () => (refreshes.afterClose > 0 ? true : undefined));
      } finally {
        changes.dispose();
      }
      const argv = (await fs.readFile(argvFile, 'utf8')).split('\0').slice(0, -1);
      return { argv, refreshesWhileOpen: refreshes.whileOpen, refreshesAfterClose: refreshes.afterClose };
    }

    test('an SSO profile without a session fails to list with the "aws sso login" offer; choosing it runs the stand-in aws CLI with `sso login --profile NAME`, and the tree refreshes when its terminal closes', async () => {
      await edits.append({ config: `${ssoProfile('sso-team')}\n\n${SSO_SESSION}` });
      const api = await extensionApi();
      const root = await waitFor('the SSO root', async () => childNamed(api, undefined, 'sso-team'));
      const [error] = await api.tree.getChildren(root);
      assert.equal(error.getTreeItem().contextValue, 's3Browser.error');
      assert.equal(label(error), 'The SSO session of "sso-team" is missing or expired. Run "aws sso login --profile sso-team".');
      const offer = error.getTreeItem().command;
      assert.ok(offer);
      assert.equal(offer.title, 'Run aws sso login');

      const run = await runOffer(offer, 'sso-team');
      assert.deepEqual(run.argv, ['sso', 'login', '--profile', 'sso-team']);
      assert.equal(run.refreshesWhileOpen, 0, 'nothing refreshed before the login finished');
      assert.ok(run.refreshesAfterClose >= 1);
      assert.notEqual(await childNamed(api, undefined, 'sso-team'), root, 'the roots were rebuilt, so the SSO root lists again');
    });

    test('a command failing on an SSO profile with an unusual name (+ @ : / %) offers "Run aws sso login", the name one argument of the stand-in aws CLI; a name the SDK cannot read (space, ";") is not listed', async () => {
      // The SDK's loader (as fromIni) reads `[profile NAME]` only for names of letters, digits and - _ @ + . % : /.
      const unreadable = 'team sso;echo injected';
      const name = 'team+sso@corp:eu/1%';
      await edits.append({ config: `${ssoProfile(unreadable)}\n\n${ssoProfile(name)}\n\n${SSO_SESSION}` });
      await waitFor('the SSO root', async () => ((await rootLabels()).includes(name) ? true : undefined));
      assert.ok(!(await rootLabels()).includes(unreadable), 'a profile fromIni cannot read is not offered');
      await withPrompts(
        {
          ask: answerByTitle({ [`Bucket name (${name})`]: bucket }),
          notify: async (_severity, _message, ...actions) => (actions.includes('Run aws sso login') ? 'Run aws sso login' : undefined),
        },
        async (record) => {
          const run = await runOffer({ title: 'Add Bucket by Name…', command: 's3Browser.addBucketByName', arguments: [name] }, name);
          assert.deepEqual(record.notified, [
            { severity: 'error', message: `The SSO session of "${name}" is missing or expired. Run "aws sso login --profile ${name}".`, actions: ['Run aws sso login'] },
          ]);
          assert.deepEqual(run.argv, ['sso', 'login', '--profile', name]);
        },
      );
    });
  });
});
