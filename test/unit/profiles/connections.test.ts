import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { connectionForProfile, defaultProfileName, sharedConfigPaths } from '../../../src/profiles/connections';

const paths = { config: '/nonexistent/config', credentials: '/nonexistent/credentials' };

test('custom endpoints default to path-style, AWS to virtual-hosted, explicit settings win', () => {
  assert.equal(connectionForProfile({ name: 'aws', sources: ['config'] }, paths).forcePathStyle, false);
  assert.equal(connectionForProfile({ name: 'minio', endpointUrl: 'http://127.0.0.1:9000', sources: ['config'] }, paths).forcePathStyle, true);
  assert.equal(connectionForProfile({ name: 'r2', endpointUrl: 'https://x.example', addressingStyle: 'virtual', sources: ['config'] }, paths).forcePathStyle, false);
  assert.equal(connectionForProfile({ name: 'aws-path', addressingStyle: 'path', sources: ['config'] }, paths).forcePathStyle, true);
});

test('region falls back to us-east-1', () => {
  assert.equal(connectionForProfile({ name: 'x', sources: ['credentials'] }, paths).region, 'us-east-1');
  assert.equal(connectionForProfile({ name: 'x', region: 'ap-south-1', sources: ['config'] }, paths).region, 'ap-south-1');
});

test('config paths and default profile follow the AWS environment variables', () => {
  assert.deepEqual(sharedConfigPaths({ AWS_CONFIG_FILE: '/c', AWS_SHARED_CREDENTIALS_FILE: '/k' }), { config: '/c', credentials: '/k' });
  assert.match(sharedConfigPaths({}).config, /\.aws\/config$/);
  assert.equal(defaultProfileName({}), 'default');
  assert.equal(defaultProfileName({ AWS_PROFILE: 'dev' }), 'dev');
});
