import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { contentTypeForKey } from '../../../src/s3/contentType';

test('content type comes from the extension of the last path segment, case-insensitively', () => {
  assert.equal(contentTypeForKey('data/2024/table.CSV'), 'text/csv; charset=utf-8');
  assert.equal(contentTypeForKey('img/photo.jpeg'), 'image/jpeg');
  assert.equal(contentTypeForKey('a.b/README'), 'application/octet-stream');
  assert.equal(contentTypeForKey('.env'), 'application/octet-stream');
});

test('content types come from the mime-db registry (types no hand-written table had), text ones with UTF-8', () => {
  assert.equal(contentTypeForKey('docs/guide.md'), 'text/markdown; charset=utf-8');
  assert.equal(contentTypeForKey('site/index.html'), 'text/html; charset=utf-8');
  assert.equal(contentTypeForKey('a/b.webmanifest'), 'application/manifest+json');
  assert.equal(contentTypeForKey('media/clip.mp4'), 'video/mp4');
  assert.equal(contentTypeForKey('fonts/x.woff2'), 'font/woff2');
  assert.equal(contentTypeForKey('data.json'), 'application/json');
  // An HLS segment, as buckets serving video hold them.
  assert.equal(contentTypeForKey('hls/segment0.ts'), 'video/mp2t');
});

test('types mime-db lacks still get theirs', () => {
  assert.equal(contentTypeForKey('lake/part-0.parquet'), 'application/vnd.apache.parquet');
  assert.equal(contentTypeForKey('logs/events.jsonl'), 'application/x-ndjson');
  assert.equal(contentTypeForKey('scripts/run.py'), 'text/x-python; charset=utf-8');
});
