import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseIni } from '../../../src/profiles/iniFile';
import { profilesFromSharedConfig } from '../../../src/profiles/sharedConfig';

test('parseIni reads sections, comments and indented sub-sections', () => {
  const sections = parseIni(`# comment
[profile  dev]
region = eu-west-1 
; another comment
s3 =
  addressing_style = path
  max_concurrent_requests = 4
output = json
[default]
aws_access_key_id=AKIA
`);
  assert.deepEqual(sections.get('profile dev'), { region: 'eu-west-1', 's3.addressing_style': 'path', 's3.max_concurrent_requests': '4', output: 'json' });
  assert.deepEqual(sections.get('default'), { aws_access_key_id: 'AKIA' });
});

test('parseIni keeps values containing = and ignores lines outside sections', () => {
  const sections = parseIni('orphan = 1\n[a]\nurl = http://h/?x=1\n');
  assert.deepEqual([...sections.keys()], ['a']);
  assert.equal(sections.get('a')?.url, 'http://h/?x=1');
});

test('profiles merge config and credentials, default first, sso-session and services are not profiles', () => {
  const profiles = profilesFromSharedConfig({
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

test('missing files give no profiles', () => {
  assert.deepEqual(profilesFromSharedConfig({}), []);
});

test('SSO profiles are recognised by their own settings, not by their name', () => {
  const profiles = profilesFromSharedConfig({
    config: '[profile sso-admin]\nregion = eu-west-1\n[profile dev]\nsso_session = corp\n[profile legacy]\nsso_start_url = https://x.awsapps.com/start\n[sso-session corp]\nsso_start_url = https://x.awsapps.com/start\n',
  });
  const byName = Object.fromEntries(profiles.map((profile) => [profile.name, profile.usesSso]));
  assert.deepEqual(byName, { dev: true, legacy: true, 'sso-admin': false });
});
