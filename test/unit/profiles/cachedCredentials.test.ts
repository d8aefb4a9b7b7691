import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { cachedCredentials, CredentialCache } from '../../../src/profiles/cachedCredentials';
import type { Credentials } from '../../../src/s3/types';

function countingProvider(results: Array<() => Promise<Credentials>>) {
  let calls = 0;
  return {
    get calls() {
      return calls;
    },
    provider: () => results[Math.min(calls++, results.length - 1)](),
  };
}

test('concurrent callers share one resolution (one MFA prompt), later calls reuse it', async () => {
  let release!: (credentials: Credentials) => void;
  const source = countingProvider([() => new Promise((resolve) => (release = resolve))]);
  const provider = cachedCredentials(source.provider);
  const waiting = [provider(), provider(), provider()];
  release({ accessKeyId: 'A', secretAccessKey: 'S', expiration: new Date(Date.now() + 3600_000) });
  assert.deepEqual((await Promise.all(waiting)).map((credentials) => credentials.accessKeyId), ['A', 'A', 'A']);
  await provider();
  assert.equal(source.calls, 1);
});

test('a failed or cancelled resolution is forgotten, so the next call asks again', async () => {
  const source = countingProvider([() => Promise.reject(Object.assign(new Error('Canceled'), { name: 'Canceled' })), async () => ({ accessKeyId: 'B', secretAccessKey: 'S' })]);
  const provider = cachedCredentials(source.provider);
  await assert.rejects(provider(), /Canceled/);
  assert.equal((await provider()).accessKeyId, 'B');
  assert.equal(source.calls, 2);
});

test('credentials close to expiry are resolved again, once for concurrent callers', async () => {
  let now = 0;
  const source = countingProvider([async () => ({ accessKeyId: 'old', secretAccessKey: 'S', expiration: new Date(3600_000) }), async () => ({ accessKeyId: 'new', secretAccessKey: 'S', expiration: new Date(7200_000) })]);
  const provider = cachedCredentials(source.provider, () => now);
  assert.equal((await provider()).accessKeyId, 'old');
  now = 3600_000 - 60_000; // within the five-minute margin
  const [first, second] = await Promise.all([provider(), provider()]);
  assert.equal(first.accessKeyId, 'new');
  assert.equal(second.accessKeyId, 'new');
  assert.equal(source.calls, 2);
});

test('the cache keeps a connection provider across reloads until its definition changes', () => {
  const cache = new CredentialCache();
  let created = 0;
  const create = () => {
    created++;
    return async () => ({ accessKeyId: 'A', secretAccessKey: 'S' });
  };
  const first = cache.provider('admin', 'role=1', create);
  assert.equal(cache.provider('admin', 'role=1', create), first);
  assert.notEqual(cache.provider('admin', 'role=2', create), first);
  assert.equal(created, 2);
});
