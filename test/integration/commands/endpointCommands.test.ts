import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as vscode from 'vscode';
import type { EndpointDefinition } from '../../../src/profiles/customEndpoints';
import { IndependentClient, targetFromEnvironment } from '../../support/independentClient';
import { StepBack } from '../../../src/ui/formSteps';
import { waitFor } from '../../support/waitFor';
import { addEndpointConnection, endpointFormAnswers, extensionApi, label, removeAllEndpoints, withPrompts } from '../extensionApi';

const target = targetFromEnvironment();

function endpointSettings(): EndpointDefinition[] {
  return vscode.workspace.getConfiguration('s3Browser').inspect<EndpointDefinition[]>('endpoints')?.globalValue ?? [];
}

async function rootLabels(): Promise<string[]> {
  return (await (await extensionApi()).tree.getChildren(undefined)).map(label);
}

/** What a connection's root shows, listed afresh (bucket names, or the error node's message). */
async function listing(connection: string): Promise<string[]> {
  const api = await extensionApi();
  api.tree.refresh();
  const root = await waitFor(`the root ${connection}`, async () => (await api.tree.getChildren(undefined)).find((node) => label(node) === connection));
  return (await api.tree.getChildren(root)).map(label);
}

/**
 * Puts an endpoint of that name back into the setting by hand, as an old settings.json or a synced
 * one would: whatever keys SecretStorage still holds for the name are then used.
 */
async function defineWithoutKeys(name: string): Promise<void> {
  await vscode.workspace.getConfiguration('s3Browser').update('endpoints', [...endpointSettings(), { name, url: target.endpoint, region: target.region, forcePathStyle: true }], vscode.ConfigurationTarget.Global);
}

const noKeysStored = (name: string) => `No access key is stored for the endpoint "${name}". Run "S3: Edit Endpoint…" to enter it.`;

async function assertNoSecretInSettings(...secrets: string[]): Promise<void> {
  const settings = await fs.readFile(process.env.S3B_USER_SETTINGS_FILE!, 'utf8').catch(() => '');
  for (const secret of secrets) {
    assert.ok(!settings.includes(secret), 'a key reached settings.json');
  }
}

suite('Endpoint commands: edit, remove, plain http', () => {
  const client = new IndependentClient();
  let bucket: string;

  setup(async () => {
    bucket = await client.createBucket('endpoint');
  });

  teardown(async () => {
    await removeAllEndpoints();
    await client.deleteBucket(bucket);
  });

  suiteTeardown(() => client.dispose());

  test('Edit Endpoint keeps the stored keys when the key fields are left empty, replaces them with new ones, and a rename takes the keys along; Remove deletes them from SecretStorage; settings.json never holds a key', async function () {
    if (!target.otherUser) {
      this.skip(); // the new keys must belong to another identity, which the local Ceph has
    }
    const other = target.otherUser!;
    const owner = new IndependentClient(target, other);
    const othersBucket = await owner.createBucket('endpoint-other');
    try {
      await addEndpointConnection('edit-me', target.endpoint);
      assert.ok((await listing('edit-me')).includes(bucket));

      // Empty key fields: the URL and region change, the keys stay.
      await withPrompts(endpointFormAnswers({ name: 'edit-me', url: `${target.endpoint}/`, region: 'eu-central-1', accessKeyId: '' }), () => vscode.commands.executeCommand('s3Browser.editEndpoint', 'edit-me'));
      assert.equal(endpointSettings().find((entry) => entry.name === 'edit-me')?.region, 'eu-central-1', 'the edit was saved');
      const kept = await listing('edit-me');
      assert.ok(kept.includes(bucket) && !kept.includes(othersBucket), `still the first identity's buckets: ${kept.join(', ')}`);

      // New keys replace the stored ones: the root now lists the other identity's buckets.
      await withPrompts(endpointFormAnswers({ name: 'edit-me', url: target.endpoint, region: target.region, accessKeyId: other.accessKeyId, secretAccessKey: other.secretAccessKey }), () => vscode.commands.executeCommand('s3Browser.editEndpoint', 'edit-me'));
      const replaced = await listing('edit-me');
      assert.ok(replaced.includes(othersBucket) && !replaced.includes(bucket), `the other identity's buckets: ${replaced.join(', ')}`);

      // A rename with empty key fields: the keys move to the new name, none stay under the old one.
      await withPrompts(endpointFormAnswers({ name: 'edited', url: target.endpoint, region: target.region, accessKeyId: '' }), () => vscode.commands.executeCommand('s3Browser.editEndpoint', 'edit-me'));
      assert.deepEqual(endpointSettings().map((entry) => entry.name), ['edited']);
      assert.ok((await listing('edited')).includes(othersBucket), 'the renamed endpoint uses the keys entered before');
      await defineWithoutKeys('edit-me');
      assert.deepEqual(await listing('edit-me'), [noKeysStored('edit-me')], 'the old name has no keys left');
      await assertNoSecretInSettings(target.secretAccessKey, target.accessKeyId, other.secretAccessKey, other.accessKeyId);

      const removal = await withPrompts({ confirm: async () => undefined }, async (record) => {
        await vscode.commands.executeCommand('s3Browser.removeEndpoint', 'edited');
        return record;
      });
      assert.equal(removal.confirmed.length, 1, 'Remove asks first');
      assert.ok(!endpointSettings().some((entry) => entry.name === 'edited'), 'the setting entry is gone');
      assert.ok(!(await rootLabels()).includes('edited'), 'the root is gone');
      await defineWithoutKeys('edited');
      assert.deepEqual(await listing('edited'), [noKeysStored('edited')], 'Remove deleted the keys: the same name finds none');
      await assertNoSecretInSettings(target.secretAccessKey, target.accessKeyId, other.secretAccessKey, other.accessKeyId);
    } finally {
      await owner.deleteBucket(othersBucket);
      owner.dispose();
    }
  });

  test('plain http to a public address needs a confirmation: declined adds no setting, no keys and no root; accepted adds it; private and localhost http are added without asking', async () => {
    const declined = await withPrompts(
      { ...endpointFormAnswers({ name: 'public-http', url: 'http://8.8.8.8:9000', region: target.region, accessKeyId: target.accessKeyId, secretAccessKey: target.secretAccessKey }), confirm: async () => { throw new vscode.CancellationError(); } },
      async (record) => {
        await vscode.commands.executeCommand('s3Browser.addEndpoint');
        return record;
      },
    );
    assert.equal(declined.confirmed.length, 1);
    assert.match(declined.confirmed[0], /^Use an unencrypted endpoint\?\n8\.8\.8\.8 is not a local or private address, and plain http sends your requests unencrypted/);
    assert.deepEqual(endpointSettings(), [], 'no setting');
    assert.ok(!(await rootLabels()).includes('public-http'), 'no root');
    await defineWithoutKeys('public-http');
    assert.deepEqual(await listing('public-http'), [noKeysStored('public-http')], 'no keys were stored');
    await vscode.workspace.getConfiguration('s3Browser').update('endpoints', undefined, vscode.ConfigurationTarget.Global);

    const accepted = await withPrompts(
      { ...endpointFormAnswers({ name: 'public-http', url: 'http://8.8.8.8:9000', region: target.region, accessKeyId: target.accessKeyId, secretAccessKey: target.secretAccessKey }), confirm: async () => undefined },
      async (record) => {
        await vscode.commands.executeCommand('s3Browser.addEndpoint');
        return record;
      },
    );
    assert.equal(accepted.confirmed.length, 1);
    assert.deepEqual(endpointSettings().map(({ name, url }) => ({ name, url })), [{ name: 'public-http', url: 'http://8.8.8.8:9000' }]);
    await waitFor('the accepted endpoint root', async () => ((await rootLabels()).includes('public-http') ? true : undefined));
    // The keys were stored: pointed at the test server without entering keys, it lists.
    await withPrompts(endpointFormAnswers({ name: 'public-http', url: target.endpoint, region: target.region, accessKeyId: '' }), () => vscode.commands.executeCommand('s3Browser.editEndpoint', 'public-http'));
    assert.ok((await listing('public-http')).includes(bucket));

    // No confirm answer: a confirmation here would fail withPrompts.
    for (const [name, url] of [['private-http', 'http://10.1.2.3:9000'], ['lan-http', 'http://192.168.1.20:9000'], ['localhost-http', target.endpoint]]) {
      await withPrompts(endpointFormAnswers({ name, url, region: target.region, accessKeyId: target.accessKeyId, secretAccessKey: target.secretAccessKey }), () => vscode.commands.executeCommand('s3Browser.addEndpoint'));
    }
    assert.deepEqual(endpointSettings().map(({ name }) => name), ['public-http', 'private-http', 'lan-http', 'localhost-http']);
    assert.ok((await listing('localhost-http')).includes(bucket));
  });
  test('Add Endpoint is one form with a step count and Back: going back from the region shows the URL typed before, and the endpoint is added with the answers as finally given', async () => {
    const asked: string[] = [];
    let backOnce = true;
    const answers = endpointFormAnswers({ name: 'stepped', url: target.endpoint, region: target.region, accessKeyId: target.accessKeyId, secretAccessKey: target.secretAccessKey });
    await withPrompts(
      {
        ask: async (options, step) => {
          asked.push(`${options.title} ${step?.step}/${step?.totalSteps}${options.value ? ` [${options.value}]` : ''}`);
          if (options.title === 'S3 endpoint: region' && backOnce) {
            backOnce = false;
            throw new StepBack(); // the user presses Back
          }
          return answers.ask!(options, step);
        },
        pick: answers.pick,
      },
      () => vscode.commands.executeCommand('s3Browser.addEndpoint'),
    );
    assert.deepEqual(asked, [
      'S3 endpoint: name 1/6',
      `S3 endpoint: URL 2/6`,
      'S3 endpoint: region 3/6 [us-east-1]',
      `S3 endpoint: URL 2/6 [${target.endpoint}]`,
      'S3 endpoint: region 3/6 [us-east-1]',
      'S3 endpoint: access key id 5/6',
      'S3 endpoint: secret access key 6/6',
    ]);
    assert.ok(endpointSettings().some((endpoint) => endpoint.name === 'stepped' && endpoint.url === target.endpoint.replace(/\/$/, '')), 'added with the final answers');
    assert.ok((await listing('stepped')).length > 0);
  });
});
