import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import { curlUpload, httpsUrl, objectArn } from '../../../src/s3/objectUrls';
import { attachmentDisposition } from '../../../src/s3/sdk/objectParams';

test('AWS URLs are virtual-hosted with the key encoded per segment; dotted buckets and custom endpoints are path-style', () => {
  assert.equal(httpsUrl({}, 'eu-west-1', 'photos', 'a b/c+d#e?.jpg'), 'https://photos.s3.eu-west-1.amazonaws.com/a%20b/c%2Bd%23e%3F.jpg');
  assert.equal(httpsUrl({}, 'us-east-1', 'my.site', 'index.html'), 'https://s3.us-east-1.amazonaws.com/my.site/index.html');
  assert.equal(httpsUrl({}, 'cn-north-1', 'data', 'x'), 'https://data.s3.cn-north-1.amazonaws.com.cn/x');
  assert.equal(httpsUrl({ endpoint: 'http://127.0.0.1:9000/' }, 'us-east-1', 'data', 'ünï/x'), 'http://127.0.0.1:9000/data/%C3%BCn%C3%AF/x');
  assert.equal(httpsUrl({}, 'eu-west-1', 'photos', ''), 'https://photos.s3.eu-west-1.amazonaws.com/');
});

test('ARNs carry the partition and the key as is', () => {
  assert.equal(objectArn('eu-west-1', 'photos', 'a b/c.jpg'), 'arn:aws:s3:::photos/a b/c.jpg');
  assert.equal(objectArn('cn-north-1', 'photos', ''), 'arn:aws-cn:s3:::photos');
  assert.equal(objectArn('us-gov-west-1', 'b', 'k/'), 'arn:aws-us-gov:s3:::b/k/');
});

test('"download as" keeps the exact name in filename* and an ASCII fallback that cannot break out of its quotes', () => {
  assert.equal(attachmentDisposition('report.csv'), `attachment; filename="report.csv"; filename*=UTF-8''report.csv`);
  assert.equal(attachmentDisposition('Q3 – résumé.csv'), `attachment; filename="Q3 _ r_sum_.csv"; filename*=UTF-8''Q3%20%E2%80%93%20r%C3%A9sum%C3%A9.csv`);
  assert.equal(attachmentDisposition('a"b\\c\'(d).txt'), `attachment; filename="a_b_c'(d).txt"; filename*=UTF-8''a%22b%5Cc%27%28d%29.txt`);
});

test('the curl line survives quotes in the URL and the name when a shell reads it', () => {
  const line = curlUpload("http://h/b/it's?X-Amz-Signature=ab&x=1", "it's.csv", 'text/csv; charset=utf-8');
  const words = execFileSync('sh', ['-c', `for word in ${line.slice('curl '.length)}; do printf '%s\\n' "$word"; done`], { encoding: 'utf8' }).trimEnd().split('\n');
  assert.deepEqual(words, ['--fail', '-X', 'PUT', '-H', 'Content-Type: text/csv; charset=utf-8', '--upload-file', "./it's.csv", "http://h/b/it's?X-Amz-Signature=ab&x=1"]);
});
