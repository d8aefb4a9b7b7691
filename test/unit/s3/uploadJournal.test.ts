import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_JOURNAL_ENTRIES, memoryJournalStore, UploadJournal } from '../../../src/s3/uploadJournal';

const OWN_PID = 1000;
const DEAD_PID = 2000;
const LIVE_PID = 3000;

function journal(store = memoryJournalStore()): UploadJournal {
  return new UploadJournal(store, OWN_PID, (pid) => pid === OWN_PID || pid === LIVE_PID);
}

test('an upload is written down before it starts and crossed out when it completes', async () => {
  const uploads = journal();
  const id = await uploads.begin('dev', 'photos', 'a.bin', new Date('2026-01-01T10:00:00Z'));
  assert.deepEqual(
    uploads.entries().map(({ connection, bucket, key, startedAt, ownerPid }) => ({ connection, bucket, key, startedAt, ownerPid })),
    [{ connection: 'dev', bucket: 'photos', key: 'a.bin', startedAt: '2026-01-01T10:00:00.000Z', ownerPid: OWN_PID }],
  );
  assert.deepEqual(uploads.leftoverBuckets(), [], 'a running upload is not a leftover');
  await uploads.finish(id);
  assert.deepEqual(uploads.entries(), []);
});

test('a failed upload whose abort failed stays, with its upload id, and is a leftover', async () => {
  const uploads = journal();
  const id = await uploads.begin('dev', 'photos', 'a.bin');
  await uploads.setUploadId(id, 'U1');
  uploads.stopped(id);
  assert.deepEqual(uploads.leftoverBuckets(), [{ connection: 'dev', bucket: 'photos' }]);
  assert.deepEqual(Object.keys(uploads.entries()[0]).sort(), ['bucket', 'connection', 'id', 'key', 'ownerPid', 'startedAt', 'uploadId'], 'names and ids only');
  await uploads.forget('dev', 'photos', 'U1');
  assert.deepEqual(uploads.entries(), []);
});

test("another editor's entries are running while its process lives, leftovers once it is gone", async () => {
  const store = memoryJournalStore();
  await store.save([
    { id: 'a', connection: 'dev', bucket: 'live', key: 'k', startedAt: new Date().toISOString(), ownerPid: LIVE_PID },
    { id: 'b', connection: 'dev', bucket: 'dead', key: 'k', startedAt: new Date().toISOString(), ownerPid: DEAD_PID },
    { id: 'c', connection: 'prod', bucket: 'dead', key: 'k', startedAt: new Date().toISOString(), ownerPid: DEAD_PID },
  ]);
  const uploads = journal(store);
  assert.deepEqual(uploads.leftoverBuckets(), [
    { connection: 'dev', bucket: 'dead' },
    { connection: 'prod', bucket: 'dead' },
  ]);
  assert.deepEqual(uploads.leftoverBuckets('prod'), [{ connection: 'prod', bucket: 'dead' }]);
});

test('reconcile: leftovers the server still lists are returned, the others dropped; an entry without upload id matches its key started since', async () => {
  const store = memoryJournalStore();
  const started = '2026-01-01T10:00:00.000Z';
  await store.save([
    { id: 'known', connection: 'dev', bucket: 'b', key: 'x.bin', startedAt: started, uploadId: 'U1', ownerPid: DEAD_PID },
    { id: 'gone', connection: 'dev', bucket: 'b', key: 'y.bin', startedAt: started, uploadId: 'U2', ownerPid: DEAD_PID },
    { id: 'noid', connection: 'dev', bucket: 'b', key: 'z.bin', startedAt: started, ownerPid: DEAD_PID },
    { id: 'running', connection: 'dev', bucket: 'b', key: 'r.bin', startedAt: started, ownerPid: LIVE_PID },
    { id: 'elsewhere', connection: 'dev', bucket: 'other', key: 'x.bin', startedAt: started, uploadId: 'U9', ownerPid: DEAD_PID },
  ]);
  const uploads = journal(store);
  const listed = [
    { key: 'x.bin', uploadId: 'U1', initiated: new Date('2026-01-01T10:00:01Z') },
    { key: 'z.bin', uploadId: 'OLD', initiated: new Date('2025-12-01T10:00:00Z') }, // someone's older upload of the same key
    { key: 'z.bin', uploadId: 'U3', initiated: new Date('2026-01-01T10:00:02Z') },
    { key: 'r.bin', uploadId: 'U4', initiated: new Date('2026-01-01T10:00:03Z') },
  ];
  const leftovers = await uploads.reconcile('dev', 'b', listed);
  assert.deepEqual(
    leftovers.map(({ upload, entry }) => [upload.uploadId, entry.id]),
    [
      ['U1', 'known'],
      ['U3', 'noid'],
    ],
  );
  assert.deepEqual(
    uploads.entries().map((entry) => [entry.id, entry.uploadId]),
    [
      ['known', 'U1'],
      ['noid', 'U3'],
      ['running', undefined],
      ['elsewhere', 'U9'],
    ],
    'the upload the server no longer has is dropped, the found one gets its id, running and other buckets are left alone',
  );
});

test('an entry without upload id never claims an upload that may be another: one of its key running here, one started long after, or two that could each be it', async () => {
  const started = '2026-01-01T10:00:00.000Z';
  const dead = { id: 'dead', connection: 'dev', bucket: 'b', key: 'k.bin', startedAt: started, ownerPid: DEAD_PID };
  const at = (time: string) => new Date(`2026-01-01T${time}Z`);

  const store = memoryJournalStore();
  await store.save([dead]);
  const uploads = journal(store);
  // A second upload of the same key, running in this host, before its upload id arrived.
  await uploads.begin('dev', 'b', 'k.bin', at('10:01:00'));
  assert.deepEqual(await uploads.reconcile('dev', 'b', [{ key: 'k.bin', uploadId: 'RUNNING', initiated: at('10:01:01') }]), [], 'the running upload of that key is not offered for clean-up');

  const alone = memoryJournalStore();
  await alone.save([dead]);
  assert.deepEqual(await journal(alone).reconcile('dev', 'b', [{ key: 'k.bin', uploadId: 'NEXT-DAY', initiated: new Date('2026-01-02T10:00:00Z') }]), [], 'an upload started a day later is someone else\'s');

  const two = memoryJournalStore();
  await two.save([dead]);
  const listed = [
    { key: 'k.bin', uploadId: 'A', initiated: at('10:00:01') },
    { key: 'k.bin', uploadId: 'B', initiated: at('10:00:02') },
  ];
  assert.deepEqual(await journal(two).reconcile('dev', 'b', listed), [], 'two uploads that could each be it: neither is claimed');
});

test('the journal keeps the newest entries only', async () => {
  const uploads = journal();
  for (let i = 0; i < MAX_JOURNAL_ENTRIES + 5; i++) {
    await uploads.begin('dev', 'b', `k${i}`);
  }
  const keys = uploads.entries().map((entry) => entry.key);
  assert.equal(keys.length, MAX_JOURNAL_ENTRIES);
  assert.equal(keys[0], 'k5');
  assert.equal(keys[keys.length - 1], `k${MAX_JOURNAL_ENTRIES + 4}`);
});
