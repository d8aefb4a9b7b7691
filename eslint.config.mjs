import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Lint config for the files of one layer: no import of a layer above it (by its folder or module under src/), and the SDK only where allowed. */
function layer(files, above, { sdk }) {
  const patterns = above.length === 0 ? [] : [{ regex: `^(\\.\\.?/)+(${above.join('|')})(/|$)`, message: `A layer may not import from one above it (${above.join(', ')}): see docs/architecture.md.` }];
  if (!sdk) {
    patterns.push({ group: ['@aws-sdk/*', '@smithy/*'], message: 'Use the service layer in src/s3.' });
  }
  return [{ files, rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns }] } }];
}

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', 'test/host/node_modules/**', '.test-work/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // The stand-in extensions are plain CommonJS, loaded by code-server's extension host as they are.
    files: ['test/fixtures/**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', TextEncoder: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', ignoreRestSiblings: true }],
      eqeqeq: ['error', 'always'],
      'no-restricted-imports': 'off',
    },
  },
  {
    // node:test has no forbidOnly (mocha's is on in test/integration/index.ts): a stray `.only` would
    // quietly narrow a run, so lint refuses it everywhere under test/. A test skipped in the source
    // never runs anywhere; a test that needs what a server lacks skips itself at run time
    // (`this.skip()` after checking), which stays allowed.
    files: ['test/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression > MemberExpression.callee[object.name=/^(test|suite|describe|it)$/][property.name='only']",
          message: 'No .only in committed tests: it silently skips every other test.',
        },
        {
          selector: "CallExpression > MemberExpression.callee[object.name=/^(test|suite|describe|it)$/][property.name=/^(skip|todo)$/]",
          message: 'No .skip or .todo in committed tests: a pending test fails the run against the local Ceph. Skip at run time, after checking what the server lacks.',
        },
        {
          selector: "CallExpression:matches([callee.name=/^(test|suite|describe|it)$/], [callee.property.name=/^(test|suite|describe|it)$/]) > ObjectExpression.arguments > Property[key.name=/^(only|skip|todo)$/]",
          message: 'No only, skip or todo option in committed tests: a pending test fails the run against the local Ceph, and only narrows it.',
        },
      ],
    },
  },
  // The layers, top to bottom (docs/architecture.md): entry (extension.ts) → commands → tree → fs →
  // transfer → ui | profiles → settings → s3 → l10n. An import may only go down (ui and profiles do
  // not use each other); the AWS SDK only in src/s3 (and src/profiles, which resolves credentials).
  ...layer(['src/extension.ts'], [], { sdk: false }),
  ...layer(['src/commands/**'], ['extension'], { sdk: false }),
  ...layer(['src/tree/**'], ['extension', 'commands'], { sdk: false }),
  ...layer(['src/fs/**'], ['extension', 'commands', 'tree'], { sdk: false }),
  ...layer(['src/transfer/**'], ['extension', 'commands', 'tree', 'fs'], { sdk: false }),
  ...layer(['src/ui/**'], ['extension', 'commands', 'tree', 'fs', 'transfer', 'profiles'], { sdk: false }),
  ...layer(['src/settings.ts'], ['extension', 'commands', 'tree', 'fs', 'transfer', 'ui', 'profiles'], { sdk: false }),
  ...layer(['src/profiles/**'], ['extension', 'commands', 'tree', 'fs', 'transfer', 'ui'], { sdk: true }),
  ...layer(['src/s3/**'], ['extension', 'commands', 'tree', 'fs', 'transfer', 'ui', 'profiles', 'settings'], { sdk: true }),
  ...layer(['src/l10n.ts'], ['extension', 'commands', 'tree', 'fs', 'transfer', 'ui', 'profiles', 'settings', 's3'], { sdk: false }),
);
