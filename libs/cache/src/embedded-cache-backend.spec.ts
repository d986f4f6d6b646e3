import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CachedAnswer } from './cached-answer.js';
import { EmbeddedCacheBackend } from './embedded-cache-backend.js';

function json(text: string): CachedAnswer {
  return { kind: 'json', body: Buffer.from(text) };
}

function clock(start = 1_000): { now: () => number; advance: (ms: number) => void } {
  let time = start;
  return { now: () => time, advance: (ms) => (time += ms) };
}

describe('EmbeddedCacheBackend', () => {
  it('serves an entry until its TTL passed, then misses and forgets it', async () => {
    const time = clock();
    const store = new EmbeddedCacheBackend({ maxEntries: 10, maxBytes: 1024 }, time.now);
    await store.set('k', json('{"a":1}'), 1_000);
    time.advance(999);
    assert.deepEqual(await store.get('k'), json('{"a":1}'));
    time.advance(1);
    assert.equal(await store.get('k'), undefined);
    assert.deepEqual(await store.size(), { entries: 0, bytes: 0 });
  });

  it('keeps at most maxEntries, pushing out the least recently used (a hit counts as a use)', async () => {
    const store = new EmbeddedCacheBackend({ maxEntries: 2, maxBytes: 1024 });
    await store.set('a', json('1'), 60_000);
    await store.set('b', json('2'), 60_000);
    await store.get('a');
    await store.set('c', json('3'), 60_000);
    assert.equal(await store.get('b'), undefined);
    assert.deepEqual(await store.get('a'), json('1'));
    assert.deepEqual(await store.get('c'), json('3'));
    assert.equal(store.evictions, 1);
  });

  it('keeps the bytes (body plus key) within maxBytes, and never keeps an entry larger than the bound', async () => {
    const store = new EmbeddedCacheBackend({ maxEntries: 100, maxBytes: 20 });
    await store.set('a', json('x'.repeat(10)), 60_000);
    await store.set('b', json('y'.repeat(10)), 60_000);
    assert.deepEqual(await store.size(), { entries: 1, bytes: 11 });
    assert.equal(await store.get('a'), undefined);
    await store.set('c', json('z'.repeat(30)), 60_000);
    assert.equal(await store.get('c'), undefined);
    assert.deepEqual(await store.size(), { entries: 1, bytes: 11 });
  });

  it('replaces an entry under the same key without counting it twice', async () => {
    const store = new EmbeddedCacheBackend({ maxEntries: 10, maxBytes: 1024 });
    await store.set('a', json('1234'), 60_000);
    await store.set('a', json('12'), 60_000);
    assert.deepEqual(await store.size(), { entries: 1, bytes: 3 });
  });

  it('counts a stream entry by its frames', async () => {
    const store = new EmbeddedCacheBackend({ maxEntries: 10, maxBytes: 1024 });
    await store.set('s', { kind: 'sse', frames: [{ data: 'abc' }, { event: 'e', data: 'de' }] }, 60_000);
    assert.deepEqual(await store.size(), { entries: 1, bytes: 1 + (3 + 16) + (2 + 1 + 16) });
  });
});
