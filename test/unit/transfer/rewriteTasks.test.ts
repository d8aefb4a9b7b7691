import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { S3Error } from '../../../src/s3/errors';
import type { S3Service } from '../../../src/s3/service';
import type { CopyObjectRequest, ObjectHead, PutObjectRequest } from '../../../src/s3/types';
import { rewriteTask, type Rewrite } from '../../../src/transfer/rewriteTasks';
import { runTransfers } from '../../../src/transfer/transferEngine';

interface Stored {
  body: string;
  etag: string;
  head: Partial<ObjectHead>;
}

/** One object in memory; `copy` says what the server does with a copy onto itself. */
function oneObject(stored: Stored, events: string[], copy: 'applies' | 'ignores' | 'refuses', changeBeforeGet = false, bodyEndsShort = false): S3Service {
  return {
    async headObject(_bucket: string, key: string): Promise<ObjectHead> {
      events.push('head');
      return { key, size: stored.body.length, etag: stored.etag, ...stored.head };
    },
    async getObjectTags() {
      return { team: 'blue' };
    },
    async getObjectAcl() {
      return undefined;
    },
    async copyObject({ attributes, source }: CopyObjectRequest) {
      events.push(`copy if-match ${source.etag}`);
      if (copy === 'refuses') {
        throw new S3Error('NotImplemented', 'Not Implemented', 'NotImplemented');
      }
      if (copy === 'applies') {
        stored.head = { ...stored.head, serverSideEncryption: attributes?.serverSideEncryption, metadata: attributes?.metadata, contentType: attributes?.contentType };
      }
      return { inParts: false };
    },
    async getObjectStream() {
      events.push('get');
      if (changeBeforeGet) {
        stored.etag = '"someone-else"';
      }
      const body = bodyEndsShort ? stored.body.slice(0, 1) : stored.body;
      return { body: [Buffer.from(body)], size: stored.body.length, etag: stored.etag, discard: () => events.push('discard') };
    },
    async putObject(request: PutObjectRequest) {
      let body = '';
      for await (const chunk of request.body as AsyncIterable<Uint8Array>) {
        body += Buffer.from(chunk).toString();
      }
      events.push(`put ${body} if-match ${request.ifMatch} sse ${request.serverSideEncryption} type ${request.contentType}`);
      stored.head = { ...stored.head, serverSideEncryption: request.serverSideEncryption };
    },
  } as unknown as S3Service;
}

const toKms: Rewrite = { what: 'encryption', value: 'aws:kms', change: (current) => ({ ...current, serverSideEncryption: 'aws:kms', kmsKeyId: 'k1' }) };

test('a copy onto itself that the server applies is checked and is all that happens', async () => {
  const events: string[] = [];
  const stored: Stored = { body: 'bytes', etag: '"e1"', head: { contentType: 'text/csv', metadata: { a: '1' } } };
  const outcome = await runTransfers([rewriteTask(oneObject(stored, events, 'applies'), 'b', 'k', toKms)], { concurrency: 1 });
  assert.equal(outcome.succeeded, 1);
  assert.deepEqual(events, ['head', 'copy if-match "e1"', 'head']);
});

test('a copy the server accepts but ignores (Ceph and SSE-KMS) is redone through this machine, pinned to the ETag, keeping the Content-Type', async () => {
  const events: string[] = [];
  const log: string[] = [];
  const stored: Stored = { body: 'bytes', etag: '"e1"', head: { contentType: 'text/csv' } };
  const outcome = await runTransfers([rewriteTask(oneObject(stored, events, 'ignores'), 'b', 'k', toKms, (line) => log.push(line))], { concurrency: 1 });
  assert.equal(outcome.succeeded, 1);
  assert.deepEqual(events, ['head', 'copy if-match "e1"', 'head', 'get', 'put bytes if-match "e1" sse aws:kms type text/csv']);
  assert.match(log[0], /did not apply the encryption aws:kms; rewriting it through this machine/);
});

test('a copy the server cannot do goes through this machine; an object changed before it is read is left to the other writer', async () => {
  const events: string[] = [];
  const outcome = await runTransfers([rewriteTask(oneObject({ body: 'x', etag: '"e1"', head: {} }, events, 'refuses'), 'b', 'k', toKms)], { concurrency: 1 });
  assert.equal(outcome.succeeded, 1);
  assert.deepEqual(events, ['head', 'copy if-match "e1"', 'get', 'put x if-match "e1" sse aws:kms type undefined']);

  const raced: string[] = [];
  const lost = await runTransfers([rewriteTask(oneObject({ body: 'x', etag: '"e1"', head: {} }, raced, 'refuses', true), 'b', 'k', toKms)], { concurrency: 1 });
  assert.equal(lost.failed.length, 1);
  assert.match((lost.failed[0].error as Error).message, /changed while it was being rewritten; it was left as the other writer made it/);
  assert.ok(!raced.some((event) => event.startsWith('put')), 'nothing written');
});

test('a rewrite through this machine whose download ends short uploads nothing onto the object', async () => {
  const events: string[] = [];
  const outcome = await runTransfers([rewriteTask(oneObject({ body: 'all the bytes', etag: '"e1"', head: {} }, events, 'refuses', false, true), 'b', 'k', toKms)], { concurrency: 1 });
  assert.equal(outcome.failed.length, 1);
  assert.match((outcome.failed[0].error as Error).message, /Received 1 bytes of 13: the download is incomplete/);
  assert.ok(!events.some((event) => event.startsWith('put')), 'nothing written');
});
