import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConnectionRegistry, environmentSource, type Connection, type ConnectionSource } from '../../../src/profiles/connectionRegistry';
import { environmentConnection } from '../../../src/profiles/connections';

function fixed(...names: string[]): ConnectionSource & { loads: number } {
  const source = {
    loads: 0,
    load: async (): Promise<Connection[]> => {
      source.loads++;
      return names.map((connectionName) => ({ kind: 'profile' as const, origin: 'test', settings: { connectionName, region: 'us-east-1', forcePathStyle: false, credentials: async () => ({ accessKeyId: 'a', secretAccessKey: 'b' }), readOnly: false } }));
    },
  };
  return source;
}

test('the first source to define a name wins and read-only comes from the setting', async () => {
  const registry = new ConnectionRegistry([fixed('default', 'dev'), fixed('dev', 'minio')], (name) => name === 'minio', 'default');
  const connections = await registry.list();
  assert.deepEqual(connections.map((connection) => connection.settings.connectionName), ['default', 'dev', 'minio']);
  assert.deepEqual(connections.map((connection) => connection.settings.readOnly), [false, false, true]);
  assert.equal((await registry.get(undefined)).settings.connectionName, 'default');
  await assert.rejects(registry.get('nope'), /No AWS profile or S3 endpoint named "nope"/);
});

test('connections are loaded once until reload', async () => {
  const source = fixed('a');
  const registry = new ConnectionRegistry([source], () => false, 'a');
  await registry.list();
  await registry.get('a');
  assert.equal(source.loads, 1);
  registry.reload();
  await registry.list();
  assert.equal(source.loads, 2);
});

test('a missing default profile explains how to choose one', async () => {
  const registry = new ConnectionRegistry([fixed('dev')], () => false, 'default');
  await assert.rejects(registry.get(undefined), /No default AWS profile "default".*AWS_PROFILE/);
});

test('environment credentials become a connection only when both keys are set', async () => {
  assert.equal(environmentConnection({ AWS_ACCESS_KEY_ID: 'a' }), undefined);
  const settings = environmentConnection({ AWS_ACCESS_KEY_ID: 'a', AWS_SECRET_ACCESS_KEY: 'b', AWS_DEFAULT_REGION: 'eu-north-1', AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:9000' });
  assert.equal(settings?.connectionName, 'environment');
  assert.equal(settings?.region, 'eu-north-1');
  assert.equal(settings?.endpoint, 'http://127.0.0.1:9000');
  assert.equal(settings?.forcePathStyle, true);
  assert.deepEqual(await environmentSource({}).load(), []);
});
