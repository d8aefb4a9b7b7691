// Builds the extension bundle (dist/extension.js) or, with --tests, transpiles src/ and test/
// file by file into a fresh out/ so the test runners can load them (emptied first: a deleted or
// renamed test must not keep running from a stale .js).
import * as esbuild from 'esbuild';
import { rmSync } from 'node:fs';
import { globSync } from 'glob';
import * as path from 'node:path';

const args = new Set(process.argv.slice(2));
const production = args.has('--production');
const watch = args.has('--watch');

/**
 * The extension is three bundles in dist/, so that activating it does not load the AWS SDK:
 * - extension.js: activation, tree, documents, commands (no @aws-sdk code);
 * - sdk.js: src/s3/sdk.ts, the S3 service and credential providers with the SDK, required on first
 *   use by src/s3/loadSdk.ts;
 * - errors.js: src/s3/errors.ts, shared by both, so `error instanceof S3Error` holds for errors
 *   thrown on either side (each bundle inlining its own copy would make two S3Error classes).
 */
const SRC = path.resolve('src');
const SHARED = { [path.join(SRC, 's3', 'errors.ts')]: './errors.js', [path.join(SRC, 's3', 'sdk.ts')]: './sdk.js' };

/** Imports of the other bundles' entry modules stay `require('./NAME.js')`, resolved next to this bundle. */
function otherBundles(ownEntry) {
  return {
    name: 'other-bundles',
    setup(build) {
      build.onResolve({ filter: /^\.\.?\// }, (args) => {
        const resolved = path.resolve(args.resolveDir, args.path);
        const target = SHARED[`${resolved}.ts`] ?? SHARED[resolved];
        const own = path.join(SRC, ownEntry);
        if (target && `${resolved}.ts` !== own && resolved !== own) {
          return { path: target, external: true };
        }
        return undefined;
      });
    },
  };
}

const bundle = (entry, outfile) => ({
  entryPoints: [`src/${entry}`],
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  outfile,
  external: ['vscode'],
  plugins: [otherBundles(entry)],
  sourcemap: !production,
  minify: production,
  metafile: true,
  logLevel: 'info',
});

const extensionBuilds = [bundle('extension.ts', 'dist/extension.js'), bundle('s3/sdk.ts', 'dist/sdk.js'), bundle('s3/errors.ts', 'dist/errors.js')];

const testBuild = {
  // test/host/ holds its own node_modules (code-server), which must not be transpiled.
  entryPoints: globSync(['src/**/*.ts', 'test/**/*.ts'], { ignore: 'test/host/node_modules/**' }),
  outbase: '.',
  outdir: 'out',
  bundle: false,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
};

if (args.has('--tests')) {
  rmSync('out', { recursive: true, force: true });
}
const builds = args.has('--tests') ? [testBuild] : extensionBuilds;
if (watch) {
  for (const options of builds) {
    const context = await esbuild.context(options);
    await context.watch();
  }
} else {
  const results = await Promise.all(builds.map((options) => esbuild.build(options)));
  // The activation bundle must not have the SDK in it: that is what the split is for.
  const inputs = Object.keys(results[0].metafile?.inputs ?? {});
  const leaked = builds === extensionBuilds ? inputs.filter((input) => /node_modules\/@(aws-sdk|smithy|aws-crypto)\//.test(input)) : [];
  if (leaked.length > 0) {
    throw new Error(`dist/extension.js bundles AWS SDK code (import it through src/s3/loadSdk.ts): ${leaked.slice(0, 5).join(', ')}`);
  }
}
