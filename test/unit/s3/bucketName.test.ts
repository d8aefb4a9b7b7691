import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { bucketNameProblem } from '../../../src/s3/bucketName';

test('valid bucket names pass', () => {
  for (const name of ['abc', 'my-bucket.logs', '1bucket9', 'a'.repeat(63)]) {
    assert.equal(bucketNameProblem(name), undefined, name);
  }
});

test('each naming rule has its own message', () => {
  const cases: Array<[string, RegExp]> = [
    ['ab', /3 to 63 characters; "ab" has 2/],
    ['a'.repeat(64), /has 64/],
    ['MyBucket', /lowercase: "M" is uppercase/],
    ['my_bucket', /"_" is not allowed/],
    ['-bucket', /start and end with a letter or digit/],
    ['bucket.', /start and end/],
    ['my..bucket', /two adjacent periods/],
    ['192.168.5.4', /IP address/],
    ['xn--bucket', /start with "xn--"/],
    ['sthree-data', /start with "sthree-"/],
    ['amzn-s3-demo-x', /start with "amzn-s3-demo-"/],
    ['data-s3alias', /end with "-s3alias"/],
    ['data--ol-s3', /end with "--ol-s3"/],
    ['data.mrap', /end with ".mrap"/],
    ['data--x-s3', /end with "--x-s3"/],
  ];
  for (const [name, message] of cases) {
    assert.match(bucketNameProblem(name) ?? 'valid', message, name);
  }
});
