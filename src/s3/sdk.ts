// Everything of the AWS SDK the extension uses, in one module: the S3 service and the credential
// providers. The production build makes it a bundle of its own (dist/sdk.js, esbuild.mjs), which
// dist/extension.js requires on first use through loadSdk() below, so activating the extension does
// not load the SDK (most of the code): the first listing, open or transfer does.
export { SdkS3Service } from './sdkService';
export { fromEnv, fromIni } from '@aws-sdk/credential-providers';
