import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { S3TargetInfo } from './independentClient';

export interface AwsProfileFiles {
  configFile: string;
  credentialsFile: string;
}

/**
 * Shared config files pointing at the test server (with `withBrokenProfile`, also the test-only
 * `aaa`, `wrong-secret`, `aws-no-endpoint` and `tenant2` profiles), written the way users write them for MinIO or
 * Ceph: `endpoint_url` plus the `s3 =` sub-section. `default`, `rgw`, `readonly` (static keys) and
 * `process` (credential_process) work; `wrong-secret` must fail with a clear message; `aaa` sorts
 * before `default`, which must still come first.
 */
export async function writeAwsProfiles(dir: string, target: S3TargetInfo, { withBrokenProfile = true } = {}): Promise<AwsProfileFiles> {
  await fs.mkdir(dir, { recursive: true });
  const configFile = path.join(dir, 'config');
  const credentialsFile = path.join(dir, 'credentials');
  const endpointProfile = (header: string) => `[${header}]
region = ${target.region}
endpoint_url = ${target.endpoint}
s3 =
  addressing_style = path
`;
  const broken = withBrokenProfile ? [endpointProfile('profile wrong-secret')] : [];
  const beforeDefault = withBrokenProfile ? [endpointProfile('profile aaa')] : [];
  // credential_process: the SDK runs this script for the keys, as the aws CLI would.
  const processScript = path.join(dir, 'credential-process.sh');
  await fs.writeFile(
    processScript,
    `#!/bin/sh\nprintf '%s' '${JSON.stringify({ Version: 1, AccessKeyId: target.accessKeyId, SecretAccessKey: target.secretAccessKey })}'\n`,
    { mode: 0o700 },
  );
  const processProfile = `${endpointProfile('profile process')}credential_process = ${processScript}\n`;
  // No endpoint_url: it must go to AWS, never inherit default's endpoint (or AWS_ENDPOINT_URL_S3).
  const awsProfile = withBrokenProfile ? [`[profile aws-no-endpoint]\nregion = us-east-1\n`] : [];
  const tenant = target.tenantUser && withBrokenProfile ? [endpointProfile('profile tenant2')] : [];
  await fs.writeFile(configFile, [endpointProfile('default'), endpointProfile('profile rgw'), endpointProfile('profile readonly'), processProfile, ...awsProfile, ...tenant, ...broken, ...beforeDefault].join('\n'));
  await fs.writeFile(
    credentialsFile,
    `[default]
aws_access_key_id = ${target.accessKeyId}
aws_secret_access_key = ${target.secretAccessKey}

[rgw]
aws_access_key_id = ${target.accessKeyId}
aws_secret_access_key = ${target.secretAccessKey}

[readonly]
aws_access_key_id = ${target.accessKeyId}
aws_secret_access_key = ${target.secretAccessKey}

${
  withBrokenProfile
    ? `
[aaa]
aws_access_key_id = ${target.accessKeyId}
aws_secret_access_key = ${target.secretAccessKey}

[aws-no-endpoint]
aws_access_key_id = ${target.accessKeyId}
aws_secret_access_key = ${target.secretAccessKey}
`
    : ''
}${
  target.tenantUser && withBrokenProfile
    ? `
[tenant2]
aws_access_key_id = ${target.tenantUser.accessKeyId}
aws_secret_access_key = ${target.tenantUser.secretAccessKey}
`
    : ''
}${
  withBrokenProfile
    ? `
[wrong-secret]
aws_access_key_id = ${target.accessKeyId}
aws_secret_access_key = definitely-not-the-secret
`
    : ''
}`,
    { mode: 0o600 },
  );
  return { configFile, credentialsFile };
}
