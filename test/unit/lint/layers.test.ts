// The layer rule of eslint.config.mjs (docs/architecture.md) refuses an import up a layer and the
// SDK outside src/s3 and src/profiles, and lets the imports down through: checked on sample sources
// linted as if they lived in each folder, so a config change that quietly drops a rule fails here.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { ESLint } from 'eslint';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');

async function layerErrors(file: string, source: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: ROOT });
  const [result] = await eslint.lintText(source, { filePath: path.join(ROOT, file) });
  return result.messages.filter((message) => message.ruleId === '@typescript-eslint/no-restricted-imports').map((message) => message.message);
}

test('an import up a layer is refused, from every layer', async () => {
  const upward: Array<[string, string]> = [
    ['src/commands/objects/x.ts', '../../extension'],
    ['src/tree/nodes/x.ts', '../../commands/registerCommands'],
    ['src/fs/x.ts', '../tree/s3TreeDataProvider'],
    ['src/transfer/x.ts', '../fs/s3Location'],
    ['src/ui/x.ts', '../transfer/transferEngine'],
    ['src/ui/x.ts', '../profiles/connections'],
    ['src/profiles/x.ts', '../ui/format'],
    ['src/s3/x.ts', '../settings'],
    ['src/s3/sdk/x.ts', '../../ui/format'],
    ['src/l10n.ts', './s3/errors'],
  ];
  for (const [file, from] of upward) {
    const errors = await layerErrors(file, `import { x } from '${from}';\nexport const y = x;\n`);
    assert.equal(errors.length, 1, `${file} importing ${from}: ${errors.join(' / ') || 'allowed'}`);
    assert.match(errors[0], /may not import from one above it/);
  }
});

test('imports down the layers, and within a layer, are allowed', async () => {
  const downward: Array<[string, string]> = [
    ['src/commands/objects/x.ts', '../../tree/s3TreeDataProvider'],
    ['src/commands/objects/x.ts', '../shared/commandTargets'],
    ['src/tree/nodes/x.ts', '../../fs/s3Location'],
    ['src/fs/x.ts', '../transfer/folderJobs'],
    ['src/transfer/x.ts', '../ui/format'],
    ['src/profiles/x.ts', '../settings'],
    ['src/s3/sdk/x.ts', '../errors'],
    ['src/s3/x.ts', '../l10n'],
  ];
  for (const [file, from] of downward) {
    assert.deepEqual(await layerErrors(file, `import { x } from '${from}';\nexport const y = x;\n`), [], `${file} importing ${from}`);
  }
});

test('the AWS SDK is imported only in src/s3 and src/profiles', async () => {
  const sdk = "import { S3Client } from '@aws-sdk/client-s3';\nexport const y = S3Client;\n";
  for (const file of ['src/commands/x.ts', 'src/tree/x.ts', 'src/fs/x.ts', 'src/transfer/x.ts', 'src/ui/x.ts', 'src/extension.ts']) {
    const errors = await layerErrors(file, sdk);
    assert.equal(errors.length, 1, file);
    assert.match(errors[0], /Use the service layer in src\/s3\.$/, file);
  }
  for (const file of ['src/s3/sdk/x.ts', 'src/profiles/x.ts']) {
    assert.deepEqual(await layerErrors(file, sdk), [], file);
  }
});
