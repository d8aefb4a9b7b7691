import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { localEtag, sameContent } from '../../../../src/transfer/sync/contentHash';

const MiB = 1024 * 1024;

function md5(data: Buffer): Buffer {
  return createHash('md5').update(data).digest();
}

/** The ETag S3 computes for `data` uploaded in parts of `partSize`. */
function multipartEtag(data: Buffer, partSize: number): string {
  const parts: Buffer[] = [];
  for (let start = 0; start < data.length; start += partSize) {
    parts.push(md5(data.subarray(start, start + partSize)));
  }
  return `"${md5(Buffer.concat(parts)).toString('hex')}-${parts.length}"`;
}

test('a single-part ETag is the MD5; a multipart one is found with the part size the uploader used', async (t) => {
  const folder = await fs.mkdtemp(path.join(os.tmpdir(), 's3b-hash-'));
  t.after(() => fs.rm(folder, { recursive: true, force: true }));
  const data = Buffer.alloc(17 * MiB + 123, 7);
  data.write('something in the middle', 9 * MiB);
  const file = path.join(folder, 'big.bin');
  await fs.writeFile(file, data);
  const signal = new AbortController().signal;
  assert.equal(await localEtag(file, undefined, signal), md5(data).toString('hex'));
  assert.equal(await sameContent(file, data.length, `"${md5(data).toString('hex')}"`, 8 * MiB, signal), true);
  for (const partSize of [8 * MiB, 5 * MiB, 16 * MiB, 6 * MiB]) {
    assert.equal(await sameContent(file, data.length, multipartEtag(data, partSize), 8 * MiB, signal), true, `parts of ${partSize / MiB} MiB`);
  }
  const changed = Buffer.from(data);
  changed[12 * MiB] ^= 1;
  assert.equal(await sameContent(file, data.length, multipartEtag(changed, 8 * MiB), 8 * MiB, signal), false, 'one byte differs in the second part');
  assert.equal(await sameContent(file, data.length, `"${md5(changed).toString('hex')}"`, 8 * MiB, signal), false);
});

test('an ETag that is no content hash (SSE-KMS, another server) gives no verdict, so the caller compares otherwise', async (t) => {
  const folder = await fs.mkdtemp(path.join(os.tmpdir(), 's3b-hash-'));
  t.after(() => fs.rm(folder, { recursive: true, force: true }));
  const file = path.join(folder, 'a.txt');
  await fs.writeFile(file, 'hello');
  const signal = new AbortController().signal;
  assert.equal(await sameContent(file, 5, '"kms-opaque-etag"', 8 * MiB, signal), undefined);
  assert.equal(await sameContent(file, 5, undefined, 8 * MiB, signal), undefined);
  assert.equal(await sameContent(file, 0, `"${'0'.repeat(32)}-3"`, 8 * MiB, signal), undefined, 'no part size gives 3 parts of an empty file');
});
