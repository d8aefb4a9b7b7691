// package.json as the Marketplace and VS Code read it: the icon, the gallery fields, and which
// settings a repository's .vscode/settings.json may not control in Restricted Mode.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';

/** The repository, from out/test/unit/manifest/ where this runs. */
const ROOT = path.resolve(__dirname, '..', '..', '..', '..');

interface Manifest {
  icon?: string;
  categories?: string[];
  galleryBanner?: { color?: string; theme?: string };
  extensionKind?: string[];
  repository?: unknown;
  capabilities?: {
    untrustedWorkspaces?: { supported?: boolean | string; description?: string; restrictedConfigurations?: string[] };
    virtualWorkspaces?: boolean | { supported?: boolean | string; description?: string };
  };
  contributes: { configuration: { properties: Record<string, unknown> } };
}

const manifestText = readFileSync(path.join(ROOT, 'package.json'), 'utf8');
const manifest = JSON.parse(manifestText) as Manifest;
const settings = Object.keys(manifest.contributes.configuration.properties);

/**
 * Settings a workspace must not control: they decide what is written to S3 and with what access,
 * encryption or cost, where requests go and with which keys, or they lower a guard (read-only,
 * confirmations, size limits, memory per part).
 */
const SECURITY_RELEVANT = [
  's3Browser.readOnlyConnections',
  's3Browser.endpoints',
  's3Browser.upload.acl',
  's3Browser.upload.serverSideEncryption',
  's3Browser.upload.kmsKeyId',
  's3Browser.upload.storageClass',
  's3Browser.upload.cacheControl',
  's3Browser.copy.keepAccessAndEncryption',
  's3Browser.openWarnAboveMB',
  's3Browser.openRefuseAboveMB',
  's3Browser.download.confirmAboveMB',
  's3Browser.multipartPartSizeMB',
  // A cloned folder must not un-exclude its own .git/ from what Sync uploads.
  's3Browser.sync.exclude',
];

/** Display and bounded performance settings (schema minimum and maximum) a workspace may tune. */
const WORKSPACE_MAY_SET = ['s3Browser.pageSize', 's3Browser.transferConcurrency', 's3Browser.multipartQueueSize', 's3Browser.multipartCopyThresholdMB'];

test('Restricted Mode: every security-relevant setting is in restrictedConfigurations, and each one listed exists', () => {
  const untrusted = manifest.capabilities?.untrustedWorkspaces;
  assert.equal(untrusted?.supported, 'limited');
  assert.ok(untrusted?.description, 'untrustedWorkspaces says what is limited');
  const restricted = untrusted?.restrictedConfigurations ?? [];
  assert.deepEqual(SECURITY_RELEVANT.filter((name) => !restricted.includes(name)), [], 'security-relevant settings missing from restrictedConfigurations');
  assert.deepEqual(restricted.filter((name) => !settings.includes(name)), [], 'restrictedConfigurations names settings that do not exist');
  // A new setting needs a decision: restricted, or named here as one a workspace may set.
  const undecided = settings.filter((name) => !restricted.includes(name) && !WORKSPACE_MAY_SET.includes(name));
  assert.deepEqual(undecided, [], 'settings neither restricted nor listed as safe for a workspace to set');
});

test('virtual workspaces and remote: declared, with what is limited, and the extension runs where the workspace is', () => {
  const virtual = manifest.capabilities?.virtualWorkspaces;
  assert.ok(typeof virtual === 'object' && virtual.supported === 'limited' && virtual.description, 'virtualWorkspaces: limited, with a description');
  assert.deepEqual(manifest.extensionKind, ['workspace']);
});

test('the icon is a 256×256 PNG in the package, the gallery fields are valid and no URL is a placeholder', () => {
  assert.ok(manifest.icon, 'package.json names an icon');
  const iconPath = path.join(ROOT, manifest.icon);
  assert.ok(existsSync(iconPath), `${manifest.icon} exists`);
  const png = readFileSync(iconPath);
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'PNG signature');
  assert.equal(png.subarray(12, 16).toString('latin1'), 'IHDR', 'first chunk is IHDR');
  assert.deepEqual({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) }, { width: 256, height: 256 });
  assert.ok(/^resources\//.test(manifest.icon), 'the icon lives under resources/, which .vscodeignore packages');

  // VS Code's fixed list (extensionsRegistry); "Other" alone is a last resort.
  const categories = ['AI', 'Azure', 'Chat', 'Data Science', 'Debuggers', 'Extension Packs', 'Education', 'Formatters', 'Keymaps', 'Language Packs', 'Linters', 'Machine Learning', 'Notebooks', 'Programming Languages', 'SCM Providers', 'Snippets', 'Testing', 'Themes', 'Visualization', 'Other'];
  assert.ok(manifest.categories?.length, 'categories are set');
  assert.deepEqual(manifest.categories.filter((category) => !categories.includes(category)), [], 'categories come from the fixed list');
  assert.ok(manifest.categories.some((category) => category !== 'Other'), 'not "Other" alone');
  assert.match(manifest.galleryBanner?.color ?? '', /^#[0-9a-fA-F]{6}$/);
  assert.ok(['dark', 'light'].includes(manifest.galleryBanner?.theme ?? ''), 'galleryBanner.theme is dark or light');

  assert.equal(manifest.repository, undefined, 'no repository until there is a real one');
  assert.doesNotMatch(manifestText, /example\.(invalid|com|org)/, 'no placeholder URL in package.json');
  assert.ok(existsSync(path.join(ROOT, 'CHANGELOG.md')), 'CHANGELOG.md exists');
});
