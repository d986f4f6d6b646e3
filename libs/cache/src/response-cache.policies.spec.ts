import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { ProviderConfig, ResponseCacheConfig } from '@modelgate/config';
import { RequestContext } from '@modelgate/core';
import type { ModelCall } from '@modelgate/pipeline';
import type { ProviderAdapter } from '@modelgate/providers';
import { CacheSavings } from './cache-savings.service.js';
import { CacheWarnings } from './cache-warnings.js';
import { CachedCalls } from './cached-call.js';
import { EmbeddedCacheBackend } from './embedded-cache-backend.js';
import { ExactCacheLayer } from './exact-cache-layer.service.js';
import { ResponseCacheLookup, ResponseCacheStore } from './response-cache.policies.js';

function adapter(name: string): ProviderAdapter {
  const config: ProviderConfig = {
    name,
    type: 'openai',
    apiKey: undefined,
    baseUrl: 'http://127.0.0.1',
    apiVersion: undefined,
    models: [],
    settings: {},
  };
  return { config } as ProviderAdapter;
}

const PRIMARY = adapter('openai');
const FALLBACK = adapter('openai-backup');
const RESULT = { body: { id: 'chatcmpl-1', choices: [] }, raw: Buffer.from('{"id":"chatcmpl-1","choices":[]}') };

function cache() {
  const layer = new ExactCacheLayer(
    new EmbeddedCacheBackend({ maxEntries: 10, maxBytes: 1 << 20 }),
    { ttlMs: 60_000 } as ResponseCacheConfig,
    new CacheWarnings(),
  );
  const calls = new CachedCalls();
  return { layer, lookup: new ResponseCacheLookup(layer, calls), store: new ResponseCacheStore(layer, calls, new CacheSavings()) };
}

function chatCall(): ModelCall {
  const plan = {
    endpoint: '/v1/chat/completions',
    requestedModel: 'gpt-4o-mini',
    candidates: [
      { adapter: PRIMARY, model: 'gpt-4o-mini' },
      { adapter: FALLBACK, model: 'gpt-4o-mini' },
    ],
  };
  const request = { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] };
  return { ctx: new RequestContext('req'), plan, wire: 'chat', request, bytes: Buffer.from(JSON.stringify(request)) };
}

/** A call that missed, was served by `served` (its last attempt), and ended. */
async function serve(policies: ReturnType<typeof cache>, ...attempts: ProviderAdapter[]): Promise<void> {
  const call = chatCall();
  assert.equal(await policies.lookup.lookup(call), undefined);
  for (const attempt of attempts) {
    call.ctx.startAttempt(attempt.config, 'gpt-4o-mini');
    call.ctx.endAttempt();
  }
  policies.store.outcome(call, { status: 'served', result: RESULT });
  await nextTurn();
  await nextTurn();
}

describe('ResponseCacheStore', () => {
  it('stores what the first candidate served, also after retries on it', async () => {
    const policies = cache();
    await serve(policies, PRIMARY, PRIMARY);
    const answer = await policies.lookup.lookup(chatCall());
    assert.deepEqual(answer, { kind: 'result', result: { body: RESULT.body, raw: RESULT.raw } });
    assert.equal(policies.layer.stats.stores, 1);
  });

  it('does not store an answer failover served (another candidate than the first)', async () => {
    const policies = cache();
    await serve(policies, PRIMARY, FALLBACK);
    assert.equal(await policies.lookup.lookup(chatCall()), undefined);
    assert.equal(policies.layer.stats.stores, 0);
  });

  it('does not store a failed or cancelled call', async () => {
    const policies = cache();
    for (const outcome of [{ status: 'failed', error: new Error('504') } as const, { status: 'cancelled' } as const]) {
      const call = chatCall();
      await policies.lookup.lookup(call);
      call.ctx.startAttempt(PRIMARY.config, 'gpt-4o-mini');
      call.ctx.endAttempt();
      policies.store.outcome(call, outcome);
    }
    await nextTurn();
    assert.equal(policies.layer.stats.stores, 0);
  });
});
