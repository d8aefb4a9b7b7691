// Builds the extension bundle (dist/extension.js) or, with --tests, transpiles src/ and test/
// file by file into a fresh out/ so the test runners can load them (emptied first: a deleted or
// renamed test must not keep running from a stale .js).
import * as esbuild from 'esbuild';
import { rmSync } from 'node:fs';
import { globSync } from 'glob';

const args = new Set(process.argv.slice(2));
const production = args.has('--production');
const watch = args.has('--watch');

const extensionBuild = {
  entryPoints: ['src/extension.ts'],
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  outfile: 'dist/extension.js',
  external: ['vscode'],
  sourcemap: !production,
  minify: production,
  logLevel: 'info',
};

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

const options = args.has('--tests') ? testBuild : extensionBuild;
if (options === testBuild) {
  rmSync('out', { recursive: true, force: true });
}
if (watch) {
  const context = await esbuild.context(options);
  await context.watch();
} else {
  await esbuild.build(options);
}
