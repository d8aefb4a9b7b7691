// Everything of the AWS SDK the extension uses, in one module: the S3 service and the credential
// providers. The production build makes it a bundle of its own (dist/sdk.js, esbuild.mjs), which
// dist/extension.js requires on first use through loadSdk() below, so activating the extension does
// not load the SDK (most of the code): the first listing, open or transfer does.
export { SdkS3Service } from './sdkService';
export { fromEnv, fromIni } from '@aws-sdk/credential-providers';
// The parser fromIni resolves credentials with, so the profiles listed are the profiles it reads.
export { loadSharedConfigFiles } from '@smithy/shared-ini-file-loader';
