// The exact response cache on a real redis-server (REDIS_URL): hits proven by the mock upstream not being called,
// streams replayed byte for byte, entries under REDIS_KEY_RESPONSES with their TTL, and Redis killed mid-test: every
// request is still served (a miss), the overview and readiness say so, and the cache works again once Redis is back.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, beforeEach, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { startMockUpstream, type MockUpstream } from '@modelgate/providers/testing';
import { RedisServer } from '@modelgate/storage/testing';
import { createClient } from 'redis';
import { startGateway, type RunningGateway } from '../support/gateway.js';
import { callsTo, rawPost, uniqueChat } from '../support/response-cache.js';

interface Layer {
  backend: string;
  available: boolean;
  entries: number | null;
  hits: number;
  misses: number;
  stores: number;
  errors: number;
}

async function until(check: () => Promise<boolean>, what: string, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${ms} ms`);
    await sleep(25);
  }
}

describe('exact response cache on Redis', () => {
  let redis: RedisServer;
  let mock: MockUpstream;
  let gateway: RunningGateway;

  const layer = async (): Promise<Layer> =>
    ((await (await fetch(`${gateway.url}/admin/cache/overview`)).json()) as { layers: Layer[] }).layers[0]!;
  /** Stores are written after the answer went out: wait for the count to move. */
  const stored = async (before: number): Promise<void> => until(async () => (await layer()).stores > before, 'the store');

  before(async () => {
    redis = await RedisServer.start();
    mock = await startMockUpstream('openai');
    gateway = await startGateway({
      RETRY_MAX_RETRIES: '0',
      RESPONSE_CACHE_SIMPLE_ENABLED: 'true',
      REDIS_URL: redis.url,
      REDIS_KEY_RESPONSES: 'mg-test:response:',
      REDIS_TTL_RESPONSES: '120',
      OPENAI_API_KEY: 'sk-main',
      OPENAI_BASE_URL: `${mock.url}/v1`,
    });
    await until(async () => (await layer()).available, 'the Redis connection');
  });

  after(async () => {
    await gateway.close();
    await mock.close();
    await redis.stop();
  });

  beforeEach(() => mock.reset());

  it('answers a repeated chat completion from Redis, under REDIS_KEY_RESPONSES + the sha256 key, with the TTL', async () => {
    const request = uniqueChat('redis-json');
    const client = gateway.openai();
    const { stores } = await layer();
    const miss = await client.chat.completions.create(request).withResponse();
    await stored(stores);
    const hit = await client.chat.completions.create(request).withResponse();
    assert.equal(miss.response.headers.get('x-cache'), null);
    assert.equal(hit.response.headers.get('x-cache'), 'HIT (exact)');
    assert.deepEqual(hit.data, miss.data);
    assert.equal(callsTo(mock, '/chat/completions'), 1);

    const direct = createClient({ url: redis.url });
    await direct.connect();
    try {
      const body = JSON.stringify(request);
      const key = createHash('sha256').update(`/v1/chat/completions\0\0openai\0openai/gpt-4o-mini\0${body}`).digest('hex');
      const ttl = await direct.pTTL(`mg-test:response:${key}`);
      assert.ok(ttl > 110_000 && ttl <= 120_000, `TTL ${ttl} ms`);
    } finally {
      await direct.close();
    }
  });

  it('replays a streamed answer from Redis byte for byte', async () => {
    const body = JSON.stringify({ ...uniqueChat('redis-stream'), stream: true, stream_options: { include_usage: true } });
    const { stores } = await layer();
    const miss = await rawPost(gateway, '/v1/chat/completions', body);
    await stored(stores);
    const hit = await rawPost(gateway, '/v1/chat/completions', body);
    assert.equal(hit.headers.get('x-cache'), 'HIT (exact)');
    assert.equal(hit.text, miss.text);
    assert.match(hit.text, /"usage":\{/);
    assert.equal(callsTo(mock, '/chat/completions'), 1);
  });

  it('serves every request while Redis is down (misses, counted as errors), and caches again once it is back', async () => {
    const body = JSON.stringify(uniqueChat('redis-down'));
    const { stores } = await layer();
    await rawPost(gateway, '/v1/chat/completions', body);
    await stored(stores);
    await redis.halt();
    await until(async () => !(await layer()).available, 'the gateway noticing Redis is gone');
    const down = await layer();
    for (let i = 0; i < 3; i++) {
      const answer = await rawPost(gateway, '/v1/chat/completions', body);
      assert.equal(answer.status, 200);
      assert.equal(answer.headers.get('x-cache'), null);
      const streamed = await rawPost(gateway, '/v1/chat/completions', JSON.stringify({ ...JSON.parse(body), stream: true }));
      assert.equal(streamed.status, 200);
      assert.ok(streamed.text.endsWith('data: [DONE]\n\n'));
    }
    const during = await layer();
    assert.equal(during.errors - down.errors >= 6, true, `errors ${during.errors - down.errors}`);
    assert.equal(during.misses - down.misses, 6);
    assert.equal(during.entries, null);
    assert.equal(callsTo(mock, '/chat/completions'), 7);
    const ready = await fetch(`${gateway.url}/health/ready`);
    const health = (await ready.json()) as { details?: Record<string, { status: string }> };
    assert.equal(health.details?.responseCache?.status, 'degraded');

    await redis.resume();
    await until(async () => (await layer()).available, 'the Redis reconnection', 15_000);
    const again = (await layer()).stores;
    await rawPost(gateway, '/v1/chat/completions', body);
    await stored(again);
    assert.equal((await rawPost(gateway, '/v1/chat/completions', body)).headers.get('x-cache'), 'HIT (exact)');
  });

  it('shows the Redis URL masked in /admin/runtime/config', async () => {
    const config = (await (await fetch(`${gateway.url}/admin/runtime/config`)).json()) as { response_cache: { redis_url: string } };
    assert.equal(config.response_cache.redis_url, `redis://********@127.0.0.1:${redis.port}`);
  });
});
