// The behaviour every UsageStore backend must show, run by the sqlite, postgres and mongo specs against real servers.
import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import type { UsageFilter, UsageRow, UsageStore, UsageSummary } from '../stores/usage.store.js';
import { freshStoreEachTest, type StoreHandle } from './store-handle.js';

export type UsageStoreHandle = StoreHandle<UsageStore>;

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
    cacheType: null,
    ...overrides,
  };
}

const ALL = { limit: 100, offset: 0 };

const ZERO: UsageSummary = {
  requests: 0,
  inputTokens: 0,
  outputTokens: 0,
  cachedTokens: 0,
  reasoningTokens: 0,
  totalCost: null,
  unpricedRequests: 0,
};

/** Summary of `usageRow` defaults (100 in, 20 out, 0 cached, 0.25 USD) times `requests`. */
function defaults(requests: number, overrides: Partial<UsageSummary> = {}): UsageSummary {
  return { ...ZERO, requests, inputTokens: 100 * requests, outputTokens: 20 * requests, totalCost: 0.25 * requests, ...overrides };
}

export function usageStoreContract(backend: string, open: UsageStoreFactory, options: { skip?: string } = {}): void {
  describe(`UsageStore contract (${backend})`, { skip: options.skip }, () => {
    const current = freshStoreEachTest(open);
    let store: UsageStore;
    beforeEach(() => {
      store = current();
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
      const hit = usageRow('d', 3, { cacheType: 'exact', costUsd: 0, costSource: null });
      await store.insertMany([usageRow('a', 0), streamed, reasoning, hit]);
      assert.deepEqual(await store.list(ALL), [hit, reasoning, streamed, usageRow('a', 0)]);
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
      assert.deepEqual(await store.summary({}), {
        ...ZERO,
        requests: 3,
        inputTokens: 150,
        outputTokens: 25,
        totalCost: 0.75,
        unpricedRequests: 1,
      });
    });

    it('reports a null total cost when no row has a price, and zeros for an empty range', async () => {
      assert.deepEqual(await store.summary({}), ZERO);
      await store.insertMany([usageRow('a', 0, { costUsd: null, costSource: null })]);
      assert.deepEqual(await store.summary({}), { ...ZERO, requests: 1, inputTokens: 100, outputTokens: 20, unpricedRequests: 1 });
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

    it('sums cached and reasoning tokens and counts rows with tokens but no price as unpriced', async () => {
      await store.insertMany([
        usageRow('priced', 0, { cachedTokens: 30, reasoningTokens: 10 }),
        usageRow('no-tokens', 1, { inputTokens: 0, outputTokens: 0, costUsd: null, costSource: null }),
        usageRow('unreported', 2, { inputTokens: null, outputTokens: null, cachedTokens: null, costUsd: null, costSource: null }),
        usageRow('output-only', 3, { inputTokens: 0, outputTokens: 7, costUsd: null, costSource: null }),
        usageRow('input-only', 4, {
          inputTokens: 5,
          outputTokens: null,
          cachedTokens: 2,
          reasoningTokens: 3,
          costUsd: null,
          costSource: null,
        }),
      ]);
      assert.deepEqual(await store.summary({}), {
        requests: 5,
        inputTokens: 105,
        outputTokens: 27,
        cachedTokens: 32,
        reasoningTokens: 13,
        totalCost: 0.25,
        unpricedRequests: 2,
      });
    });

    it('filters by exact model (requested or resolved), provider (instance or type), status and key', async () => {
      await store.insertMany([
        usageRow('a', 0),
        usageRow('b', 1, { requestedModel: 'fast', model: 'claude-haiku', provider: 'anthropic-main', providerType: 'anthropic' }),
        usageRow('c', 2, { requestedModel: 'gpt-4o', model: 'gpt-4o-2024-08-06', status: 429, authKeyId: 'key-2' }),
        usageRow('d', 3, { provider: 'openai-west', authKeyId: null }),
      ]);
      const ids = async (filter: UsageFilter) => (await store.list({ ...filter, ...ALL })).map((row) => row.id);
      assert.deepEqual(await ids({ model: 'gpt-4o-mini' }), ['d', 'a']);
      assert.deepEqual(await ids({ model: 'gpt-4o-2024-08-06' }), ['c']);
      assert.deepEqual(await ids({ model: 'fast' }), ['b']);
      assert.deepEqual(await ids({ model: 'gpt-4o-mini-2024' }), []);
      assert.deepEqual(await ids({ provider: 'anthropic' }), ['b']);
      assert.deepEqual(await ids({ provider: 'openai' }), ['d', 'c', 'a']);
      assert.deepEqual(await ids({ provider: 'openai-east' }), ['c', 'a']);
      assert.deepEqual(await ids({ status: 429 }), ['c']);
      assert.deepEqual(await ids({ authKeyId: 'key-1' }), ['b', 'a']);
      assert.deepEqual(await ids({ provider: 'openai', model: 'gpt-4o-mini', authKeyId: 'key-1' }), ['a']);
      assert.equal(await store.count({ provider: 'openai' }), 3);
      assert.deepEqual(await store.summary({ provider: 'openai-west' }), defaults(1));
    });

    it('counts the rows a filter selects, over the whole range rather than one page', async () => {
      await store.insertMany([0, 1, 2, 3, 4].map((minute) => usageRow(`c${minute}`, minute, { userPath: minute < 3 ? '/a' : '/b' })));
      assert.equal(await store.count({}), 5);
      assert.equal(await store.count({ userPathPrefix: '/a' }), 3);
      assert.equal(await store.count({ from: usageRow('x', 1).timestamp, to: usageRow('x', 4).timestamp }), 3);
      assert.equal(await store.count({ model: 'nothing' }), 0);
    });

    it('totals per UTC bucket aligned to the epoch, oldest first, leaving empty buckets out', async () => {
      await store.insertMany([
        usageRow('a', 0),
        usageRow('b', 5, { costUsd: 0.5 }),
        usageRow('c', 14, { costUsd: null, costSource: null }),
        usageRow('d', 15, { reasoningTokens: 8 }),
        usageRow('e', 40),
        usageRow('f', 120, { inputTokens: null, outputTokens: null, costUsd: null, costSource: null }),
      ]);
      const at = (time: string) => new Date(`2026-03-01T${time}:00.000Z`);
      assert.deepEqual(await store.series({}, 900), [
        { bucketStart: at('12:00'), ...defaults(3, { totalCost: 0.75, unpricedRequests: 1 }) },
        { bucketStart: at('12:15'), ...defaults(1, { reasoningTokens: 8 }) },
        { bucketStart: at('12:30'), ...defaults(1) },
        { bucketStart: at('14:00'), ...ZERO, requests: 1 },
      ]);
      assert.deepEqual(
        (await store.series({ to: at('14:00') }, 3600)).map(({ bucketStart, requests }) => ({ bucketStart, requests })),
        [{ bucketStart: at('12:00'), requests: 5 }],
      );
      assert.deepEqual(await store.series({ model: 'nothing' }, 900), []);
    });

    it('totals per model and provider, most expensive first, then most requests', async () => {
      const haiku = { requestedModel: 'fast', model: 'claude-haiku', provider: 'anthropic-main', providerType: 'anthropic' };
      await store.insertMany([
        usageRow('a', 0),
        usageRow('b', 1),
        usageRow('c', 2, { ...haiku, costUsd: 1.5 }),
        usageRow('d', 3, { provider: 'openai-west' }),
        usageRow('e', 4, { model: 'mystery', costUsd: null, costSource: null }),
        usageRow('f', 5, { model: 'mystery', costUsd: null, costSource: null }),
      ]);
      assert.deepEqual(await store.byModel({}), [
        { model: 'claude-haiku', provider: 'anthropic-main', providerType: 'anthropic', ...defaults(1, { totalCost: 1.5 }) },
        { model: 'gpt-4o-mini-2024-07-18', provider: 'openai-east', providerType: 'openai', ...defaults(2) },
        { model: 'gpt-4o-mini-2024-07-18', provider: 'openai-west', providerType: 'openai', ...defaults(1) },
        { model: 'mystery', provider: 'openai-east', providerType: 'openai', ...defaults(2, { totalCost: null, unpricedRequests: 2 }) },
      ]);
      assert.deepEqual(
        (await store.byModel({ provider: 'anthropic' })).map((row) => row.model),
        ['claude-haiku'],
      );
      assert.deepEqual(
        (await store.byModel({}, 2)).map((row) => [row.model, row.provider]),
        [
          ['claude-haiku', 'anthropic-main'],
          ['gpt-4o-mini-2024-07-18', 'openai-east'],
        ],
      );
    });

    it('totals per exact user path, grouping rows without one under /, the more requests first on equal cost', async () => {
      await store.insertMany([
        usageRow('a', 0, { userPath: '/team-a' }),
        usageRow('b', 1, { userPath: '/team-a', costUsd: 0.5 }),
        usageRow('c', 2, { userPath: '/team-a/alice', costUsd: 2 }),
        usageRow('d', 3, { userPath: null }),
        usageRow('e', 4, { userPath: '' }),
        usageRow('f', 5, { userPath: '/' }),
      ]);
      assert.deepEqual(await store.byUserPath({}), [
        { userPath: '/team-a/alice', ...defaults(1, { totalCost: 2 }) },
        { userPath: '/', ...defaults(3) },
        { userPath: '/team-a', ...defaults(2, { totalCost: 0.75 }) },
      ]);
      assert.deepEqual(
        (await store.byUserPath({ userPathPrefix: '/team-a' })).map((row) => [row.userPath, row.requests]),
        [
          ['/team-a/alice', 1],
          ['/team-a', 2],
        ],
      );
    });
  });
}
