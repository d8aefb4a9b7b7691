import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { S3Error } from '../../../src/s3/errors';
import type { S3Service } from '../../../src/s3/service';
import type { IncompleteUpload } from '../../../src/s3/types';
import { memoryJournalStore, UploadJournal } from '../../../src/s3/uploadJournal';
import { abortUploadTasks, findLeftovers, listIncompleteUploads, startedAgo } from '../../../src/transfer/incompleteUploads';
import { runTransfers } from '../../../src/transfer/transferEngine';

/** A bucket's incomplete uploads, listed two per page; `refuseSize` keys fail ListParts. */
function fakeService(uploads: IncompleteUpload[], refuseSize: string[] = [], aborted: string[] = []): S3Service {
  const service: Partial<S3Service> = {
    async *listIncompleteUploads() {
      for (let i = 0; i < uploads.length; i += 2) {
        yield uploads.slice(i, i + 2);
      }
    },
    async incompleteUploadSize(_bucket, key) {
      if (refuseSize.includes(key)) {
        throw new S3Error('AccessDenied', 'no');
      }
      return { bytes: key.length * 1000, parts: key.length };
    },
    async abortIncompleteUpload(_bucket, key, uploadId) {
      if (key === 'gone.bin') {
        throw new S3Error('NotFound', 'NoSuchUpload', 'NoSuchUpload');
      }
      if (key === 'denied.bin') {
        throw new S3Error('AccessDenied', 'Access denied to s3://b/denied.bin (dev).');
      }
      aborted.push(uploadId);
    },
  };
  return service as S3Service;
}

test('startedAgo says how long ago in the largest sensible unit', () => {
  const now = new Date('2026-01-10T12:00:00Z');
  assert.equal(startedAgo(new Date('2026-01-10T11:59:30Z'), now), 'started just now');
  assert.equal(startedAgo(new Date('2026-01-10T11:48:00Z'), now), 'started 12 min ago');
  assert.equal(startedAgo(new Date('2026-01-10T09:00:00Z'), now), 'started 3 h ago');
  assert.equal(startedAgo(new Date('2026-01-06T12:00:00Z'), now), 'started 4 days ago');
  assert.equal(startedAgo(undefined, now), 'start time unknown');
});

test('the listing has every page, oldest first, sizes where ListParts answers, and marks what this extension left behind', async () => {
  const journal = new UploadJournal(memoryJournalStore(), 1, () => false);
  const mine = await journal.begin('dev', 'b', 'mine.bin', new Date('2026-01-01T00:00:00Z'));
  await journal.setUploadId(mine, 'U-mine');
  journal.stopped(mine);
  const listed = await listIncompleteUploads(
    fakeService(
      [
        { key: 'new.bin', uploadId: 'U-new', initiated: new Date('2026-01-03T00:00:00Z') },
        { key: 'mine.bin', uploadId: 'U-mine', initiated: new Date('2026-01-01T00:00:01Z') },
        { key: 'secret.bin', uploadId: 'U-secret', initiated: new Date('2026-01-02T00:00:00Z') },
      ],
      ['secret.bin'],
    ),
    journal,
    'dev',
    'b',
  );
  assert.deepEqual(
    listed.map(({ key, size, startedHere, running }) => ({ key, size, ours: startedHere !== undefined, running })),
    [
      { key: 'mine.bin', size: { bytes: 8000, parts: 8 }, ours: true, running: false },
      { key: 'secret.bin', size: undefined, ours: false, running: false },
      { key: 'new.bin', size: { bytes: 7000, parts: 7 }, ours: false, running: false },
    ],
  );
});

test('findLeftovers drops journal entries the server no longer has and returns the rest per bucket', async () => {
  const journal = new UploadJournal(memoryJournalStore(), 1, () => false);
  for (const [bucket, key, uploadId] of [
    ['b', 'left.bin', 'U1'],
    ['b', 'done.bin', 'U2'],
    ['deleted-bucket', 'x.bin', 'U3'],
    ['down', 'y.bin', 'U4'],
  ]) {
    const id = await journal.begin('dev', bucket, key);
    await journal.setUploadId(id, uploadId);
    journal.stopped(id);
  }
  const found = await findLeftovers(journal, async (_connection, bucket) => {
    if (bucket === 'deleted-bucket') {
      throw new S3Error('NotFound', 'Bucket "deleted-bucket" does not exist (dev).', 'NoSuchBucket');
    }
    if (bucket === 'down') {
      throw new S3Error('Unreachable', 'Cannot reach the S3 endpoint of "dev" (ECONNREFUSED).');
    }
    return fakeService([{ key: 'left.bin', uploadId: 'U1' }]);
  });
  assert.deepEqual(
    found.map(({ bucket, uploads }) => [bucket, uploads.map((upload) => upload.key)]),
    [['b', ['left.bin']]],
  );
  assert.deepEqual(
    journal.entries().map((entry) => entry.key),
    ['left.bin', 'y.bin'],
    'a server that cannot be asked now keeps its entries for later',
  );
});

test('abort tasks name the key and the upload; an upload already gone is skipped, a refusal fails', async () => {
  const aborted: string[] = [];
  const uploads = [
    { key: 'a.bin', uploadId: 'U1', initiated: new Date('2026-01-01T10:20:00Z'), running: false },
    { key: 'gone.bin', uploadId: 'U2', running: false },
    { key: 'denied.bin', uploadId: 'U3', running: false },
  ];
  const outcome = await runTransfers(abortUploadTasks(fakeService([], [], aborted), 'b', uploads), { concurrency: 2 });
  assert.deepEqual(aborted, ['U1']);
  assert.equal(outcome.succeeded, 1);
  assert.deepEqual(outcome.skipped, [{ label: 's3://b/gone.bin (upload U2)', reason: 'already gone: it was completed or aborted meanwhile' }]);
  assert.deepEqual(
    outcome.failed.map((failure) => failure.label),
    ['s3://b/denied.bin (upload U3)'],
  );
  assert.match(abortUploadTasks(fakeService([]), 'b', uploads)[0].label, /^s3:\/\/b\/a\.bin \(upload started .+ local \((.+, )?10:20\sAM UTC\)\)$/);
});
