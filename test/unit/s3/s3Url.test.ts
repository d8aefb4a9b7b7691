import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseS3Url } from '../../../src/s3/s3Url';

test('s3:// URIs take the key verbatim, as the aws CLI does', () => {
  assert.deepEqual(parseS3Url('s3://bucket/a b/100%.txt'), { bucket: 'bucket', key: 'a b/100%.txt', service: { kind: 'any' } });
  assert.deepEqual(parseS3Url('  s3://bucket/prefix/  '), { bucket: 'bucket', key: 'prefix/', service: { kind: 'any' } });
  assert.deepEqual(parseS3Url('s3://bucket'), { bucket: 'bucket', key: '', service: { kind: 'any' } });
  assert.throws(() => parseS3Url('s3:///key'), /s3:\/\/bucket\/key/);
});

test('virtual-hosted and path-style AWS URLs, with percent-decoding', () => {
  const aws = { kind: 'aws' };
  assert.deepEqual(parseS3Url('https://my-bucket.s3.eu-west-1.amazonaws.com/dir/file%20name.csv'), { bucket: 'my-bucket', key: 'dir/file name.csv', service: aws });
  assert.deepEqual(parseS3Url('https://my.dotted.bucket.s3.amazonaws.com/k'), { bucket: 'my.dotted.bucket', key: 'k', service: aws });
  assert.deepEqual(parseS3Url('https://bucket.s3-us-west-2.amazonaws.com/k'), { bucket: 'bucket', key: 'k', service: aws });
  assert.deepEqual(parseS3Url('https://s3.ap-south-1.amazonaws.com/bucket/deep/key.txt'), { bucket: 'bucket', key: 'deep/key.txt', service: aws });
  assert.deepEqual(parseS3Url('https://s3.amazonaws.com/bucket'), { bucket: 'bucket', key: '', service: aws });
});

test('other endpoints are read path-style and remember their origin', () => {
  assert.deepEqual(parseS3Url('http://127.0.0.1:9000/data/2024/q1.csv'), { bucket: 'data', key: '2024/q1.csv', service: { kind: 'endpoint', origin: 'http://127.0.0.1:9000' } });
});

test('unusable input says what forms are accepted', () => {
  assert.throws(() => parseS3Url('bucket/key'), /Enter s3:\/\/bucket\/key/);
  assert.throws(() => parseS3Url('ftp://host/b/k'), /not S3 locations/);
  assert.throws(() => parseS3Url('http://127.0.0.1:9000/'), /names no bucket/);
});
