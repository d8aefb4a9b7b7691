import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { posix } from 'node:path';
import { baseName, folderPrefix, formatS3Location, parseS3Location, withQueryParameter } from '../../../src/fs/s3Location';

test('authority carries an optional connection before the last @', () => {
  assert.deepEqual(parseS3Location('bucket', '/a/b.txt'), { connectionName: undefined, bucket: 'bucket', key: 'a/b.txt' });
  assert.deepEqual(parseS3Location('dev@bucket', '/a'), { connectionName: 'dev', bucket: 'bucket', key: 'a' });
  assert.deepEqual(parseS3Location('me@corp@bucket', '/a'), { connectionName: 'me@corp', bucket: 'bucket', key: 'a' });
});

test('odd keys survive format → parse unchanged', () => {
  for (const bucket of ['b', 'Legacy_Mixed.Case']) {
    for (const key of ['', 'a//b', '/leading', '/', 'ünï cödé +%#?&=.txt', 'trailing/', 'a/../b', './x', '..', 'a/.', 'x'.repeat(1024)]) {
      for (const connectionName of ['p', undefined]) {
        const { authority, path, query } = formatS3Location({ connectionName, bucket, key });
        assert.deepEqual(parseS3Location(authority, path, query), { connectionName, bucket, key }, `${bucket} ${key}`);
        assert.deepEqual(parseS3Location(authority, path, withQueryParameter(query, 'versionId', 'v1')), { connectionName, bucket, key }, `${bucket} ${key} with a version`);
      }
    }
  }
});

test('paths VS Code would normalise carry the exact key in the query, behind a path that normalises to itself', () => {
  for (const key of ['a//b', '/leading', 'a/../b', 'dots/./c', '..', 'x/..', 'folder//']) {
    const { path, query } = formatS3Location({ bucket: 'b', key });
    assert.equal(posix.normalize(path), path, `${key} → ${path}`);
    assert.equal(new URLSearchParams(query).get('key'), key);
  }
  assert.deepEqual(formatS3Location({ bucket: 'b', key: 'dots/..' }), { authority: 'b', path: '/dots/(..)', query: 'key=dots%2F..' });
  for (const key of ['plain/key.txt', 'folder/', 'a.b/..c/d..']) {
    assert.equal(formatS3Location({ bucket: 'b', key }).query, '', `${key} needs no query`);
  }
});

test('a mixed-case bucket goes in the path, where URIs keep its case', () => {
  assert.deepEqual(formatS3Location({ connectionName: 'p', bucket: 'MyBucket', key: 'k' }), { authority: 'p@', path: '/MyBucket/k', query: '' });
  assert.deepEqual(formatS3Location({ bucket: 'MyBucket', key: '' }), { authority: '', path: '/MyBucket/', query: '' });
  assert.deepEqual(formatS3Location({ connectionName: 'p', bucket: 'lower', key: 'k' }), { authority: 'p@lower', path: '/k', query: '' });
});

test('a URI without a bucket is refused with the expected form', () => {
  assert.throws(() => parseS3Location('dev@', '/'), /names no bucket; use s3:\/\/\[connection@\]bucket\/key/);
  assert.throws(() => parseS3Location('', ''), /names no bucket/);
});

test('folder prefixes and base names', () => {
  assert.equal(folderPrefix(''), '');
  assert.equal(folderPrefix('a/b'), 'a/b/');
  assert.equal(folderPrefix('a/b/'), 'a/b/');
  assert.equal(baseName('a/b/c.txt'), 'c.txt');
  assert.equal(baseName('a/b/'), 'b');
  assert.equal(baseName('top'), 'top');
});
