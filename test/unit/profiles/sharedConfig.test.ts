import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { profilesOf } from '../../support/sharedConfigFiles';

test('profiles merge config and credentials, default first, sso-session and services are not profiles', async () => {
  const profiles = await profilesOf({
    config: `[default]
region = us-west-2
[profile minio]
endpoint_url = http://127.0.0.1:9000
s3 =
  addressing_style = path
[profile r2]
services = r2-services
[services r2-services]
s3 =
  endpoint_url = https://acct.r2.cloudflarestorage.com
[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
`,
    credentials: `[minio]
aws_access_key_id = x
aws_secret_access_key = y
[keys-only]
aws_access_key_id = a
aws_secret_access_key = b
`,
  });
  assert.deepEqual(
    profiles.map((profile) => profile.name),
    ['default', 'keys-only', 'minio', 'r2'],
  );
  const byName = Object.fromEntries(profiles.map((profile) => [profile.name, profile]));
  assert.equal(byName.default.region, 'us-west-2');
  assert.equal(byName.minio.endpointUrl, 'http://127.0.0.1:9000');
  assert.equal(byName.minio.addressingStyle, 'path');
  assert.deepEqual(byName.minio.sources, ['config', 'credentials']);
  assert.equal(byName.r2.endpointUrl, 'https://acct.r2.cloudflarestorage.com');
  assert.equal(byName['keys-only'].region, undefined);
  assert.deepEqual(byName['keys-only'].sources, ['credentials']);
});

test('a sub-section ends at the first line that is not indented; comments and blank lines are skipped', async () => {
  const [dev] = await profilesOf({
    config: `# comment
[profile dev]
; another comment
s3 =
  addressing_style = path
  max_concurrent_requests = 4
region = eu-west-1
`,
  });
  assert.equal(dev.addressingStyle, 'path');
  assert.equal(dev.region, 'eu-west-1');
});

test('an inline comment after a value is not part of it, as fromIni reads it (the old parser kept "eu-west-1 # Ireland")', async () => {
  const [dev] = await profilesOf({
    config: `[profile dev]
region = eu-west-1 # Ireland
endpoint_url = http://127.0.0.1:9000 ; the local MinIO
s3 =
  addressing_style = path # MinIO wants path-style
`,
  });
  assert.equal(dev.region, 'eu-west-1');
  assert.equal(dev.endpointUrl, 'http://127.0.0.1:9000');
  assert.equal(dev.addressingStyle, 'path');
});

test('a value keeps its "=" characters, and key=value outside any section is ignored', async () => {
  const [a] = await profilesOf({ config: 'orphan = 1\n[profile a]\nendpoint_url = http://h/?x=1\n' });
  assert.deepEqual([a.name, a.endpointUrl], ['a', 'http://h/?x=1']);
});

test('missing files give no profiles', async () => {
  assert.deepEqual(await profilesOf({}), []);
});

test('SSO profiles are recognised by their own settings, not by their name', async () => {
  const profiles = await profilesOf({
    config: '[profile sso-admin]\nregion = eu-west-1\n[profile dev]\nsso_session = corp\n[profile legacy]\nsso_start_url = https://x.awsapps.com/start\n[sso-session corp]\nsso_start_url = https://x.awsapps.com/start\n',
  });
  const byName = Object.fromEntries(profiles.map((profile) => [profile.name, profile.usesSso]));
  assert.deepEqual(byName, { dev: true, legacy: true, 'sso-admin': false });
});
