import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import type { S3Service } from '../../../src/s3/service';
import type { CopyObjectRequest, ObjectHead, VersionedKey } from '../../../src/s3/types';
import { copyTask, copyTaskPages, CopyRecord, prefixPairs, type CopyJob } from '../../../src/transfer/copyTasks';
import { runTransfers } from '../../../src/transfer/transferEngine';
import { MemoryS3Service } from '../../support/memoryS3Service';

/** One bucket in memory: objects with their tags; copies and deletes are recorded in order. */
function memoryService(objects: Map<string, { size: number; tags: Record<string, string> }>, events: string[], options: { dropTagsOnCopy?: boolean; failDelete?: boolean } = {}): S3Service {
  return {
    async headObject(_bucket: string, key: string): Promise<ObjectHead> {
      events.push(`head ${key}`);
      const object = objects.get(key);
      if (!object) {
        throw Object.assign(new Error(`no ${key}`), { kind: 'NotFound' });
      }
      return { key, size: object.size, etag: `"${key}"` };
    },
    async getObjectTags(_bucket: string, key: string) {
      events.push(`tags? ${key}`);
      return { ...objects.get(key)!.tags };
    },
    async getObjectAcl(_bucket: string, key: string) {
      events.push(`acl? ${key}`);
      return { ownerId: 'me', grants: [{ permission: 'READ', uri: 'http://acs.amazonaws.com/groups/global/AllUsers' }] };
    },
    async copyObject({ source, target, attributes, storageClass }: CopyObjectRequest) {
      // Without attributes the server copies the source's tags itself (COPY directives).
      const how = attributes ? `with ${attributes.grants?.length ?? 0} grants` : `as is, ${storageClass ?? 'no storage class'}, if-match ${source.etag}`;
      events.push(`copy ${source.key} → ${target.key} ${how}`);
      const tags = attributes ? (options.dropTagsOnCopy ? {} : { ...(attributes.tags ?? {}) }) : { ...objects.get(source.key)!.tags };
      objects.set(target.key, { size: source.size, tags });
      return {};
    },
    async putObjectTags(_bucket: string, key: string, tags: Record<string, string>) {
      events.push(`tags ${key}`);
      objects.get(key)!.tags = { ...tags };
    },
    async deleteObjects(_bucket: string, keys: VersionedKey[]) {
      if (options.failDelete) {
        throw new Error('Access Denied');
      }
      for (const { key } of keys) {
        events.push(`delete ${key}`);
        objects.delete(key);
      }
    },
  } as unknown as S3Service;
}

function job(service: S3Service, removeSource: boolean): CopyJob {
  return { source: { connectionName: 'c', service, bucket: 'b' }, destination: { connectionName: 'c', service, bucket: 'b' }, removeSource };
}

test('a move deletes the source only after its copy was verified, and the copy has the tags even where the server dropped them', async () => {
  const objects = new Map([['from.txt', { size: 3, tags: { team: 'blue' } }]]);
  const events: string[] = [];
  const service = memoryService(objects, events, { dropTagsOnCopy: true });
  const outcome = await runTransfers([copyTask(job(service, true), { sourceKey: 'from.txt', targetKey: 'to.txt', size: 3 }, new CopyRecord())], { concurrency: 1 });
  assert.equal(outcome.succeeded, 1);
  assert.deepEqual(events, ['head from.txt', 'tags? from.txt', 'acl? from.txt', 'copy from.txt → to.txt with 1 grants', 'tags? to.txt', 'tags to.txt', 'delete from.txt']);
  assert.deepEqual(objects.get('to.txt')?.tags, { team: 'blue' });
  assert.equal(outcome.bytesDone, 3);
});

test('a move whose source cannot be deleted fails, saying the key is in both places', async () => {
  const objects = new Map([['a', { size: 1, tags: {} }]]);
  const outcome = await runTransfers([copyTask(job(memoryService(objects, [], { failDelete: true }), true), { sourceKey: 'a', targetKey: 'b', size: 1 }, new CopyRecord())], { concurrency: 1 });
  assert.match((outcome.failed[0].error as Error).message, /^Copied to s3:\/\/b\/b, but the source could not be deleted, so it is in both places: Access Denied/);
});

test('a key onto itself is refused before anything is written; a skipped target is not touched', async () => {
  const objects = new Map([['same', { size: 1, tags: {} }]]);
  const events: string[] = [];
  const service = memoryService(objects, events);
  const record = new CopyRecord();
  const outcome = await runTransfers(
    [copyTask(job(service, true), { sourceKey: 'same', targetKey: 'same', size: 1 }, record), copyTask({ ...job(service, false), skipTargets: new Set(['exists']) }, { sourceKey: 'same', targetKey: 'exists', size: 1 }, record)],
    { concurrency: 1 },
  );
  assert.match((outcome.failed[0].error as Error).message, /cannot be copied onto itself/);
  assert.deepEqual(outcome.skipped, [{ label: 's3://b/same → s3://b/exists', reason: 's3://b/exists already exists' }]);
  assert.deepEqual(events.filter((event) => !/^(head|tags\?|acl\?) /.test(event)), [], 'nothing written');
  assert.ok(objects.has('same'));
});

test('a copy of a listed key is one request: the server copies metadata and tags, the listing gives the storage class and the ETag it must still have', async () => {
  const objects = new Map([['from.txt', { size: 3, tags: { team: 'blue' } }]]);
  const events: string[] = [];
  const service = memoryService(objects, events);
  const outcome = await runTransfers([copyTask(job(service, false), { sourceKey: 'from.txt', targetKey: 'to.txt', size: 3, etag: '"e1"', storageClass: 'STANDARD_IA' }, new CopyRecord())], { concurrency: 1 });
  assert.equal(outcome.succeeded, 1);
  assert.deepEqual(events, ['copy from.txt → to.txt as is, STANDARD_IA, if-match "e1"']);
  assert.deepEqual(objects.get('to.txt')?.tags, { team: 'blue' });
  assert.ok(objects.has('from.txt'));
});

test('a copy of a key not listed reads its HEAD first; with keepAccessAndEncryption it reads the ACL and tags too and sends them', async () => {
  const objects = new Map([['a', { size: 1, tags: {} }]]);
  const events: string[] = [];
  const service = memoryService(objects, events);
  await runTransfers([copyTask(job(service, false), { sourceKey: 'a', targetKey: 'b', size: 1 }, new CopyRecord())], { concurrency: 1 });
  await runTransfers([copyTask({ ...job(service, false), keepAccessAndEncryption: true }, { sourceKey: 'a', targetKey: 'c', size: 1, etag: '"a"', storageClass: 'STANDARD' }, new CopyRecord())], { concurrency: 1 });
  assert.deepEqual(events, ['head a', 'copy a → b as is, no storage class, if-match "a"', 'head a', 'tags? a', 'acl? a', 'copy a → c with 1 grants']);
});

test('a folder copied from its listing keeps every key exactly — a key next to a folder of its name, odd characters — and a refused target is one failure, by name', async () => {
  const s3 = new MemoryS3Service({ b: { 'docs/a': 'file a', 'docs/a/b': 'under a', 'docs/ünï + %#?.txt': 'odd', 'docsx/not-me': 'x' } });
  s3.denied.add('b/backup/a/b');
  const endpoint = { connectionName: 'c', service: s3.asService(), bucket: 'b' };
  const outcome = await runTransfers(copyTaskPages({ source: endpoint, destination: endpoint, removeSource: false }, prefixPairs(endpoint.service.listKeys('b', 'docs/'), 'docs/', 'backup/'), new CopyRecord()), { concurrency: 4 });
  assert.equal(outcome.succeeded, 2);
  assert.deepEqual(outcome.failed.map((failure) => failure.label), ['s3://b/docs/a/b → s3://b/backup/a/b']);
  assert.deepEqual(s3.contents('b'), {
    'backup/a': 'file a',
    'backup/ünï + %#?.txt': 'odd',
    'docs/a': 'file a',
    'docs/a/b': 'under a',
    'docs/ünï + %#?.txt': 'odd',
    'docsx/not-me': 'x',
  });
});

test('a move whose copy is refused keeps its source: every key stays in at least one place', async () => {
  const s3 = new MemoryS3Service({ b: { 'in/1': 'one', 'in/2': 'two' } });
  s3.denied.add('b/out/2');
  const endpoint = { connectionName: 'c', service: s3.asService(), bucket: 'b' };
  const outcome = await runTransfers(copyTaskPages({ source: endpoint, destination: endpoint, removeSource: true }, prefixPairs(endpoint.service.listKeys('b', 'in/'), 'in/', 'out/'), new CopyRecord()), { concurrency: 2 });
  assert.deepEqual([outcome.succeeded, outcome.failed.length], [1, 1]);
  assert.deepEqual(s3.contents('b'), { 'in/2': 'two', 'out/1': 'one' });
});
