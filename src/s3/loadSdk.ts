import type * as Sdk from './sdk';

let loaded: typeof Sdk | undefined;

/**
 * The AWS SDK side (./sdk), loaded on first use. In dist/extension.js this require is of
 * dist/sdk.js, a separate bundle (esbuild.mjs marks './sdk' external there); the per-file test build
 * requires out/src/s3/sdk.js. Nothing else may import './sdk' or '@aws-sdk/…' for its values, or the
 * SDK is back in the activation bundle (esbuild.mjs then fails the build).
 */
export function loadSdk(): typeof Sdk {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= require('./sdk') as typeof Sdk;
  return loaded;
}
