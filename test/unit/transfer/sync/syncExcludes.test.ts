import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { excludeProblem, excludeTest, keyExcluded } from '../../../../src/transfer/sync/syncExcludes';

test('a folder pattern matches folders of that name at any depth, never a file of that name', () => {
  const excluded = excludeTest(['.git/', 'node_modules/']);
  assert.equal(excluded('.git', true), true);
  assert.equal(excluded('web/node_modules', true), true);
  assert.equal(excluded('.git', false), false, 'a file called .git (a worktree link) is synced');
  assert.equal(excluded('.gitignore', false), false);
  assert.equal(excluded('my.git', true), false);
});

test('a name pattern matches at any depth; a pattern with "/" matches from the synced folder; a leading "/" anchors', () => {
  const excluded = excludeTest(['*.log', 'build/*.map', '/dist/']);
  assert.equal(excluded('a/b/app.log', false), true);
  assert.equal(excluded('build/app.js.map', false), true);
  assert.equal(excluded('src/build/app.js.map', false), false);
  assert.equal(excluded('dist', true), true);
  assert.equal(excluded('web/dist', true), false);
});

test('a key is excluded when any folder above it is, since a listing is not pruned', () => {
  const excluded = excludeTest(['node_modules/', '*.tmp']);
  assert.equal(keyExcluded(excluded, 'web/node_modules/react/index.js'), true);
  assert.equal(keyExcluded(excluded, 'web/src/x.tmp'), true);
  assert.equal(keyExcluded(excluded, 'web/src/index.js'), false);
  assert.equal(keyExcluded(excluded, 'node_modules'), false, 'an object named node_modules is a file, not the folder');
});

test('odd names are literal: + % # and brackets without a glob character', () => {
  const excluded = excludeTest(['a+b%#.txt', 'photo [1].jpg']);
  assert.equal(excluded('x/a+b%#.txt', false), true);
  assert.equal(excluded('photo [1].jpg', false), true);
  assert.equal(excluded('photo 1.jpg', false), false);
});

test('an empty pattern or "/" is refused with a reason, and ignored if it comes from the settings', () => {
  assert.match(excludeProblem(' ') ?? '', /names nothing/);
  assert.match(excludeProblem('/') ?? '', /names nothing/);
  assert.equal(excludeProblem('build/'), undefined);
  assert.equal(excludeTest(['', '/'])('anything', true), false);
});
