import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { baseName, folderPrefix, formatS3Location, parseS3Location } from '../../../src/fs/s3Location';

test('authority carries an optional profile before the last @', () => {
  assert.deepEqual(parseS3Location('bucket', '/a/b.txt'), { profile: undefined, bucket: 'bucket', key: 'a/b.txt' });
  assert.deepEqual(parseS3Location('dev@bucket', '/a'), { profile: 'dev', bucket: 'bucket', key: 'a' });
  assert.deepEqual(parseS3Location('me@corp@bucket', '/a'), { profile: 'me@corp', bucket: 'bucket', key: 'a' });
});

test('odd keys survive format → parse unchanged', () => {
  for (const key of ['', 'a//b', '/leading', 'ünï cödé +%#?&.txt', 'trailing/', 'x'.repeat(1024)]) {
    const { authority, path } = formatS3Location({ profile: 'p', bucket: 'b', key });
    assert.deepEqual(parseS3Location(authority, path), { profile: 'p', bucket: 'b', key });
  }
});

test('a URI without a bucket is refused with the expected form', () => {
  assert.throws(() => parseS3Location('dev@', '/x'), /names no bucket; use s3:\/\/\[profile@\]bucket\/key/);
});

test('folder prefixes and base names', () => {
  assert.equal(folderPrefix(''), '');
  assert.equal(folderPrefix('a/b'), 'a/b/');
  assert.equal(folderPrefix('a/b/'), 'a/b/');
  assert.equal(baseName('a/b/c.txt'), 'c.txt');
  assert.equal(baseName('a/b/'), 'b');
  assert.equal(baseName('top'), 'top');
});
