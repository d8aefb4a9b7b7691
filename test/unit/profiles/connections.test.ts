import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { CredentialCache } from '../../../src/profiles/cachedCredentials';
import { connectionForProfile as fromProfile, defaultProfileName, sharedConfigPaths, stsClientConfig } from '../../../src/profiles/connections';
import type { ProfileDefinition } from '../../../src/profiles/sharedConfig';
import { profilesOf } from '../../support/sharedConfigFiles';
import { clientConfig } from '../../../src/s3/sdk/connection';

const paths = { config: '/nonexistent/config', credentials: '/nonexistent/credentials' };

function connectionForProfile(profile: Omit<ProfileDefinition, 'usesSso' | 'fingerprint'> & Partial<ProfileDefinition>, files: typeof paths) {
  return fromProfile({ usesSso: false, fingerprint: '', ...profile }, files, {}, new CredentialCache());
}

test('a profile without endpoint_url gets no endpoint from the current profile or AWS_ENDPOINT_URL', () => {
  const settings = connectionForProfile({ name: 'prod', sources: ['config'] }, paths);
  const config = clientConfig(settings);
  assert.equal(config.endpoint, undefined);
  assert.equal(config.ignoreConfiguredEndpointUrls, true, 'the SDK must not read endpoint_url/AWS_ENDPOINT_URL itself');
  assert.equal(config.profile, 'prod', 'other client settings come from the profile itself');
  const minio = clientConfig(connectionForProfile({ name: 'minio', endpointUrl: 'http://127.0.0.1:9000', sources: ['config'] }, paths));
  assert.equal(minio.endpoint, 'http://127.0.0.1:9000');
});

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

test('a role is assumed at its own profile\'s STS endpoint (services section, else endpoint_url), else at AWS, never at [default]\'s', async () => {
  const [withServices, withEndpoint, plain] = (await profilesOf({
    config: `[default]
endpoint_url = http://default-server:9000
[profile a-services]
role_arn = arn:aws:iam::1:role/r
endpoint_url = http://s3-only:9000
services = own
[services own]
sts =
  endpoint_url = http://sts.local:8080
[profile b-endpoint]
role_arn = arn:aws:iam::1:role/r
endpoint_url = http://minio:9000
[profile c-aws]
role_arn = arn:aws:iam::1:role/r
`,
  })).filter((profile) => profile.name !== 'default');
  assert.deepEqual(stsClientConfig(withServices, {}), { endpoint: 'http://sts.local:8080' });
  assert.deepEqual(stsClientConfig(withEndpoint, {}), { endpoint: 'http://minio:9000' });
  assert.deepEqual(stsClientConfig(plain, {}), { ignoreConfiguredEndpointUrls: true });
  assert.deepEqual(stsClientConfig(plain, { AWS_ENDPOINT_URL_STS: 'http://sts.env:1' }), { endpoint: 'http://sts.env:1' });
});
