import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { contentTypeForKey } from '../../../src/fs/contentType';

test('content type comes from the extension of the last path segment, case-insensitively', () => {
  assert.equal(contentTypeForKey('data/2024/table.CSV'), 'text/csv; charset=utf-8');
  assert.equal(contentTypeForKey('img/photo.jpeg'), 'image/jpeg');
  assert.equal(contentTypeForKey('a.b/README'), 'application/octet-stream');
  assert.equal(contentTypeForKey('.env'), 'application/octet-stream');
});
