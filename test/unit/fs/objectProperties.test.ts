import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyEdits, needsCopy, parseEdits, renderProperties, type ObjectState } from '../../../src/fs/objectProperties';

const state: ObjectState = {
  location: 's3://b/k.csv',
  connectionName: 'default',
  head: { key: 'k.csv', size: 1234, etag: '"abc"', contentType: 'text/csv', cacheControl: 'no-cache', metadata: { owner: 'ana' }, serverSideEncryption: 'aws:kms', kmsKeyId: 'key-1' },
  tags: { team: 'blue' },
  acl: { ownerId: 'o', grants: [{ permission: 'FULL_CONTROL', id: 'o' }] },
};

test('the document puts the editable fields first and says what an ETag is', () => {
  const properties = JSON.parse(renderProperties(state)) as Record<string, unknown>;
  assert.deepEqual(Object.keys(properties).slice(0, 6), ['object', 'connection', 'howToEdit', 'contentHeaders', 'metadata', 'tags']);
  assert.deepEqual(properties.contentHeaders, { 'Content-Type': 'text/csv', 'Cache-Control': 'no-cache' });
  assert.equal(properties.etagMeaning, 'the MD5 of the content (a single-request upload without SSE-KMS)');
  assert.deepEqual(properties.encryption, { mode: 'aws:kms', kmsKeyId: 'key-1' });
  assert.deepEqual(properties.access, { public: 'no', grants: ['Owner (account o): full control'] });
});

test('edits are read from the editable fields; every other change, bad JSON and values S3 refuses are errors naming the field', () => {
  const rendered = renderProperties(state);
  type Document = { [field: string]: unknown; contentHeaders: Record<string, string>; metadata: Record<string, unknown>; tags: Record<string, string> };
  const edit = (change: (properties: Document) => void) => {
    const properties = JSON.parse(rendered) as Document;
    change(properties);
    return JSON.stringify(properties);
  };
  assert.deepEqual(parseEdits(edit((p) => (p.metadata.Stage = 'final')), rendered), { contentHeaders: { 'Content-Type': 'text/csv', 'Cache-Control': 'no-cache' }, metadata: { owner: 'ana', stage: 'final' }, tags: { team: 'blue' } });
  assert.throws(() => parseEdits(edit((p) => (p.size = '1 B')), rendered), /"size" is read-only here/);
  assert.throws(() => parseEdits(edit((p) => (p.extra = 1)), rendered), /"extra" is read-only here/);
  assert.throws(() => parseEdits('{ "metadata": ', rendered), /not valid JSON/);
  assert.throws(() => parseEdits(edit((p) => (p.contentHeaders['Content-Length'] = '5')), rendered), /"Content-Length" cannot be set here/);
  assert.throws(() => parseEdits(edit((p) => (p.metadata['a b'] = 'x')), rendered), /"a b" is not a valid header name/);
  assert.throws(() => parseEdits(edit((p) => (p.metadata.city = 'Zürich')), rendered), /only printable ASCII/);
  assert.throws(() => parseEdits(edit((p) => (p.metadata.OWNER = 'bob')), rendered), /"owner" appears twice/);
  assert.throws(() => parseEdits(edit((p) => (p.metadata.n = 5)), rendered), /"metadata" › "n" must be text/);
  assert.throws(() => parseEdits(edit((p) => (p.tags = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`t${i}`, 'v'])))), rendered), /at most 10 tags/);
});

test('applied edits replace content headers, metadata and tags exactly; only those need a copy, tags alone do not', () => {
  const edits = parseEdits(renderProperties(state), renderProperties(state));
  assert.equal(needsCopy(state.head, edits), false);
  assert.equal(needsCopy(state.head, { ...edits, contentHeaders: { 'Content-Type': 'text/csv' } }), true, 'Cache-Control removed');
  assert.equal(needsCopy(state.head, { ...edits, tags: {} }), false);
  const next = applyEdits({ contentType: 'text/csv', cacheControl: 'no-cache', metadata: { owner: 'ana' }, storageClass: 'STANDARD_IA' }, { contentHeaders: { 'Content-Type': 'text/plain' }, metadata: {}, tags: { a: 'b' } });
  assert.deepEqual(next, { contentType: 'text/plain', cacheControl: undefined, contentDisposition: undefined, contentEncoding: undefined, contentLanguage: undefined, metadata: {}, tags: { a: 'b' }, storageClass: 'STANDARD_IA' });
});
