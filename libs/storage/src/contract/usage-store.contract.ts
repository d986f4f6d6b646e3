// The behaviour every UsageStore backend must show, run by the sqlite, postgres and mongo specs against real servers.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { UsageRow, UsageStore } from '../stores/usage.store.js';

export interface UsageStoreHandle {
  store: UsageStore;
  close(): Promise<void>;
}

/** Opens a store over an empty database; called before each test. */
export type UsageStoreFactory = () => Promise<UsageStoreHandle>;

const T0 = Date.parse('2026-03-01T12:00:00.000Z');

/** A row `minutes` after T0, with every field set; overrides pick the ones a test is about. */
function usageRow(id: string, minutes: number, overrides: Partial<UsageRow> = {}): UsageRow {
  return {
    id,
    requestId: `req-${id}`,
    timestamp: new Date(T0 + minutes * 60_000 + 123),
    provider: 'openai-east',
    providerType: 'openai',
    requestedModel: 'gpt-4o-mini',
    model: 'gpt-4o-mini-2024-07-18',
    endpoint: '/v1/chat/completions',
    userPath: '/team-a/alice',
    authKeyId: 'key-1',
    status: 200,
    stream: false,
    inputTokens: 100,
    outputTokens: 20,
    cachedTokens: 0,
    reasoningTokens: null,
    latencyMs: 840,
    ttftMs: null,
    costUsd: 0.25,
    costSource: 'table',
    rawUsage: { prompt_tokens: 100, completion_tokens: 20, prompt_tokens_details: { cached_tokens: 0 } },
    ...overrides,
  };
}

const ALL = { limit: 100, offset: 0 };

export function usageStoreContract(backend: string, open: UsageStoreFactory, options: { skip?: string } = {}): void {
  describe(`UsageStore contract (${backend})`, { skip: options.skip }, () => {
    let handle: UsageStoreHandle;
    let store: UsageStore;
    beforeEach(async () => {
      handle = await open();
      store = handle.store;
    });
    afterEach(async () => {
      await handle.close();
    });

    it('returns inserted rows whole, newest first, with absent counts still null rather than 0', async () => {
      const streamed = usageRow('b', 1, {
        stream: true,
        ttftMs: 95,
        inputTokens: null,
        outputTokens: null,
        cachedTokens: null,
        costUsd: null,
        costSource: null,
        rawUsage: null,
        userPath: null,
        authKeyId: null,
        status: 499,
      });
      const reasoning = usageRow('c', 2, { reasoningTokens: 512, costUsd: 1.5, costSource: 'provider', providerType: 'anthropic' });
      await store.insertMany([usageRow('a', 0), streamed, reasoning]);
      assert.deepEqual(await store.list(ALL), [reasoning, streamed, usageRow('a', 0)]);
    });

    it('pages the list with limit and offset', async () => {
      await store.insertMany([0, 1, 2, 3, 4].map((minute) => usageRow(`r${minute}`, minute)));
      const page = await store.list({ limit: 2, offset: 1 });
      assert.deepEqual(
        page.map((row) => row.id),
        ['r3', 'r2'],
      );
    });

    it('skips a row whose id is already stored, keeping the first, so a retried batch never doubles', async () => {
      await store.insertMany([usageRow('a', 0)]);
      await store.insertMany([usageRow('a', 0, { model: 'other' }), usageRow('b', 1)]);
      assert.deepEqual(await store.list(ALL), [usageRow('b', 1), usageRow('a', 0)]);
    });

    it('accepts an empty batch', async () => {
      await store.insertMany([]);
      assert.deepEqual(await store.list(ALL), []);
    });

    it('writes a batch larger than one statement takes', async () => {
      const rows = Array.from({ length: 1200 }, (_, i) => usageRow(`bulk-${String(i).padStart(4, '0')}`, i));
      await store.insertMany(rows);
      assert.equal((await store.summary({})).requests, 1200);
      assert.deepEqual(await store.list({ limit: 1, offset: 0 }), [rows[1199]]);
    });

    it('summarises requests, tokens and cost, skipping null counts and costs', async () => {
      await store.insertMany([
        usageRow('a', 0, { inputTokens: 100, outputTokens: 20, costUsd: 0.25 }),
        usageRow('b', 1, { inputTokens: null, outputTokens: 5, costUsd: null, costSource: null }),
        usageRow('c', 2, { inputTokens: 50, outputTokens: null, costUsd: 0.5 }),
      ]);
      assert.deepEqual(await store.summary({}), { requests: 3, inputTokens: 150, outputTokens: 25, totalCost: 0.75 });
    });

    it('reports a null total cost when no row has a price, and zeros for an empty range', async () => {
      assert.deepEqual(await store.summary({}), { requests: 0, inputTokens: 0, outputTokens: 0, totalCost: null });
      await store.insertMany([usageRow('a', 0, { costUsd: null, costSource: null })]);
      assert.deepEqual(await store.summary({}), { requests: 1, inputTokens: 100, outputTokens: 20, totalCost: null });
    });

    it('filters by time with from inclusive and to exclusive', async () => {
      await store.insertMany([0, 10, 20, 30].map((minute) => usageRow(`m${minute}`, minute)));
      const range = { from: usageRow('x', 10).timestamp, to: usageRow('x', 30).timestamp };
      assert.deepEqual(
        (await store.list({ ...range, ...ALL })).map((row) => row.id),
        ['m20', 'm10'],
      );
      assert.equal((await store.summary(range)).requests, 2);
      assert.equal((await store.summary({ from: new Date(T0 + 25 * 60_000) })).requests, 1);
    });

    it('filters by user path prefix: the path and its children, not siblings that share letters', async () => {
      const paths = ['/team-a', '/team-a/alice', '/team-a/alice/ci', '/team-ab', '/team-b', null, '/50%_off/x', '/50xxoff/y'];
      await store.insertMany(paths.map((userPath, i) => usageRow(`p${i}`, i, { userPath })));
      const ids = async (userPathPrefix: string) =>
        (await store.list({ userPathPrefix, ...ALL })).map((row) => row.userPath).sort((a, b) => String(a).localeCompare(String(b)));
      assert.deepEqual(await ids('/team-a'), ['/team-a', '/team-a/alice', '/team-a/alice/ci']);
      assert.deepEqual(await ids('/team-a/'), ['/team-a', '/team-a/alice', '/team-a/alice/ci']);
      assert.deepEqual(await ids('/team-a/alice'), ['/team-a/alice', '/team-a/alice/ci']);
      assert.deepEqual(await ids('/50%_off'), ['/50%_off/x']);
      assert.equal((await store.list({ userPathPrefix: '/', ...ALL })).length, paths.length);
      assert.equal((await store.summary({ userPathPrefix: '/team-a' })).requests, 3);
    });

    it('deletes rows older than the cutoff and says how many', async () => {
      await store.insertMany([0, 1, 2, 3].map((minute) => usageRow(`d${minute}`, minute)));
      assert.equal(await store.deleteOlderThan(usageRow('x', 2).timestamp), 2);
      assert.deepEqual(
        (await store.list(ALL)).map((row) => row.id),
        ['d3', 'd2'],
      );
      assert.equal(await store.deleteOlderThan(new Date(T0)), 0);
    });
  });
}
