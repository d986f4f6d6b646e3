// The exact response cache through the real gateway, on the embedded store: a hit is proven by the mock upstream not
// being called again; streams replay byte for byte; GoModel's bypass headers; both doors share one cache.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { AuditLogger } from '@modelgate/audit';
import { startMockUpstream, type MockUpstream } from '@modelgate/providers/testing';
import { AuditStore, UsageStore } from '@modelgate/storage';
import { UsageRecorder } from '@modelgate/usage';
import type OpenAI from 'openai';
import { startGateway, type RunningGateway } from '../support/gateway.js';
import { callsTo, rawPost, uniqueChat } from '../support/response-cache.js';

describe('exact response cache (embedded store)', () => {
  let openaiMock: MockUpstream;
  let groqMock: MockUpstream;
  let gateway: RunningGateway;
  let client: OpenAI;

  before(async () => {
    openaiMock = await startMockUpstream('openai');
    groqMock = await startMockUpstream('groq');
    gateway = await startGateway({
      RETRY_MAX_RETRIES: '0',
      RESPONSE_CACHE_SIMPLE_ENABLED: 'true',
      LOGGING_ENABLED: 'true',
      METRICS_ENABLED: 'true',
      OPENAI_API_KEY: 'sk-main',
      OPENAI_BASE_URL: `${openaiMock.url}/v1`,
      GROQ_API_KEY: 'gsk-test',
      GROQ_BASE_URL: `${groqMock.url}/openai/v1`,
    });
    client = gateway.openai();
  });

  after(async () => {
    await gateway.close();
    await openaiMock.close();
    await groqMock.close();
  });

  beforeEach(() => {
    openaiMock.reset();
    groqMock.reset();
  });

  it('answers a repeated chat completion from the cache with X-Cache: HIT (exact), without calling the provider', async () => {
    const request = uniqueChat('json');
    const miss = await client.chat.completions.create(request).withResponse();
    assert.equal(miss.response.headers.get('x-cache'), null);
    const hit = await client.chat.completions.create(request).withResponse();
    assert.equal(hit.response.headers.get('x-cache'), 'HIT (exact)');
    assert.equal(hit.response.headers.get('content-type'), 'application/json');
    assert.deepEqual(hit.data, miss.data);
    assert.equal(callsTo(openaiMock, '/chat/completions'), 1);
  });

  it('replays a streamed answer byte for byte, as text/event-stream, without calling the provider', async () => {
    const body = JSON.stringify({ ...uniqueChat('stream'), stream: true });
    const miss = await rawPost(gateway, '/v1/chat/completions', body);
    const hit = await rawPost(gateway, '/v1/chat/completions', body);
    assert.equal(miss.status, 200);
    assert.equal(miss.headers.get('x-cache'), null);
    assert.equal(hit.headers.get('x-cache'), 'HIT (exact)');
    assert.equal(hit.headers.get('content-type'), 'text/event-stream; charset=utf-8');
    assert.ok(miss.text.endsWith('data: [DONE]\n\n'));
    assert.equal(hit.text, miss.text);
    assert.equal(callsTo(openaiMock, '/chat/completions'), 1);
  });

  it('reads the replayed stream with the official client like the original', async () => {
    const request = { ...uniqueChat('sdk-stream'), stream: true as const };
    const read = async (): Promise<string> => {
      let text = '';
      for await (const chunk of await client.chat.completions.create(request)) text += chunk.choices[0]?.delta.content ?? '';
      return text;
    };
    const first = await read();
    assert.equal(await read(), first);
    assert.ok(first.length > 0);
    assert.equal(callsTo(openaiMock, '/chat/completions'), 1);
  });

  it('keeps stream and non-stream, and different parameters, as different entries', async () => {
    const request = uniqueChat('params');
    await client.chat.completions.create(request);
    await client.chat.completions.create({ ...request, temperature: 0.5 });
    const streamed = await rawPost(gateway, '/v1/chat/completions', JSON.stringify({ ...request, stream: true }));
    assert.equal(streamed.headers.get('x-cache'), null);
    assert.equal(callsTo(openaiMock, '/chat/completions'), 3);
  });

  it('neither reads nor writes the cache for Cache-Control: no-cache|no-store or X-Cache-Control: no-store', async () => {
    for (const [name, value] of [
      ['cache-control', 'no-cache'],
      ['cache-control', 'no-store'],
      ['x-cache-control', 'no-store'],
    ] as const) {
      openaiMock.reset();
      const body = JSON.stringify(uniqueChat(`bypass-${name}-${value}`));
      const bypassed = await rawPost(gateway, '/v1/chat/completions', body, { [name]: value });
      assert.equal(bypassed.headers.get('x-cache'), null);
      const next = await rawPost(gateway, '/v1/chat/completions', body);
      assert.equal(next.headers.get('x-cache'), null, `${name}: ${value} stored the answer`);
      const stored = await rawPost(gateway, '/v1/chat/completions', body);
      assert.equal(stored.headers.get('x-cache'), 'HIT (exact)');
      const again = await rawPost(gateway, '/v1/chat/completions', body, { [name]: value });
      assert.equal(again.headers.get('x-cache'), null, `${name}: ${value} read the cache`);
      assert.equal(callsTo(openaiMock, '/chat/completions'), 3);
    }
  });

  it('skips the exact layer for X-Cache-Type: semantic, and uses it for X-Cache-Type: exact', async () => {
    const body = JSON.stringify(uniqueChat('x-cache-type'));
    await rawPost(gateway, '/v1/chat/completions', body);
    const semantic = await rawPost(gateway, '/v1/chat/completions', body, { 'x-cache-type': 'semantic' });
    assert.equal(semantic.headers.get('x-cache'), null);
    const exact = await rawPost(gateway, '/v1/chat/completions', body, { 'x-cache-type': 'exact' });
    assert.equal(exact.headers.get('x-cache'), 'HIT (exact)');
    assert.equal(callsTo(openaiMock, '/chat/completions'), 2);
  });

  it('shares entries across callers: the user path is not in the key', async () => {
    const body = JSON.stringify(uniqueChat('tenants'));
    await rawPost(gateway, '/v1/chat/completions', body, { 'x-gomodel-user-path': '/team-a' });
    const other = await rawPost(gateway, '/v1/chat/completions', body, { 'x-gomodel-user-path': '/team-b' });
    assert.equal(other.headers.get('x-cache'), 'HIT (exact)');
  });

  it('serves the same entry through both doors (fast lane and express)', async () => {
    const body = JSON.stringify(uniqueChat('doors'));
    const fast = await rawPost(gateway, '/v1/chat/completions', body);
    const express = await rawPost(gateway, '/v1/chat/completions/', body);
    assert.equal(express.headers.get('x-cache'), 'HIT (exact)');
    assert.equal(express.text, fast.text);
    const streamBody = JSON.stringify({ ...uniqueChat('doors-stream'), stream: true });
    const expressMiss = await rawPost(gateway, '/v1/chat/completions/', streamBody);
    const fastHit = await rawPost(gateway, '/v1/chat/completions', streamBody);
    assert.equal(fastHit.headers.get('x-cache'), 'HIT (exact)');
    assert.equal(fastHit.text, expressMiss.text);
    assert.equal(callsTo(openaiMock, '/chat/completions'), 2);
  });

  it('caches embeddings', async () => {
    const request = { model: 'text-embedding-3-small', input: `embed me ${Math.random()}` };
    const miss = await client.embeddings.create(request).withResponse();
    const hit = await client.embeddings.create(request).withResponse();
    assert.equal(hit.response.headers.get('x-cache'), 'HIT (exact)');
    assert.deepEqual(hit.data, miss.data);
    assert.equal(callsTo(openaiMock, '/embeddings'), 1);
  });

  it('caches native /v1/responses, JSON and streamed (replayed byte for byte)', async () => {
    const request = { model: 'gpt-4o-mini', input: `native ${Math.random()}`, store: false };
    const miss = await client.responses.create(request).withResponse();
    const hit = await client.responses.create(request).withResponse();
    assert.equal(hit.response.headers.get('x-cache'), 'HIT (exact)');
    assert.deepEqual(hit.data, miss.data);
    const body = JSON.stringify({ ...request, stream: true });
    const streamMiss = await rawPost(gateway, '/v1/responses', body);
    const streamHit = await rawPost(gateway, '/v1/responses', body);
    assert.equal(streamHit.headers.get('x-cache'), 'HIT (exact)');
    assert.equal(streamHit.text, streamMiss.text);
    assert.equal(callsTo(openaiMock, '/responses'), 2);
  });

  it('caches translated /v1/responses (a chat provider) without calling it again', async () => {
    const request = { model: 'groq/llama-3.3-70b-versatile', input: `translated ${Math.random()}`, store: false };
    const miss = await client.responses.create(request).withResponse();
    const hit = await client.responses.create(request).withResponse();
    assert.equal(hit.response.headers.get('x-cache'), 'HIT (exact)');
    assert.equal(hit.data.output_text, miss.data.output_text);
    const body = JSON.stringify({ ...request, stream: true });
    await rawPost(gateway, '/v1/responses', body);
    const streamHit = await rawPost(gateway, '/v1/responses', body);
    assert.equal(streamHit.headers.get('x-cache'), 'HIT (exact)');
    assert.match(streamHit.text, /event: response\.completed/);
    assert.equal(callsTo(groqMock, '/chat/completions'), 2);
  });

  it('does not cache /v1/messages (not one of the cached routes)', async () => {
    const body = JSON.stringify({
      model: 'openai/gpt-4o-mini',
      max_tokens: 64,
      messages: [{ role: 'user', content: `m ${Math.random()}` }],
    });
    await rawPost(gateway, '/v1/messages', body);
    const again = await rawPost(gateway, '/v1/messages', body);
    assert.equal(again.headers.get('x-cache'), null);
    assert.equal(callsTo(openaiMock, '/chat/completions'), 2);
  });

  it('does not store an upstream error or a stream cut before its end', async () => {
    const body = JSON.stringify(uniqueChat('error'));
    openaiMock.enqueue({ kind: 'error', status: 500, body: { error: { message: 'boom', type: 'server_error' } } }, '/chat/completions');
    assert.equal((await rawPost(gateway, '/v1/chat/completions', body)).status, 502);
    assert.equal((await rawPost(gateway, '/v1/chat/completions', body)).headers.get('x-cache'), null);

    // Cut by a reset, and ended cleanly before any choice finished (no finish_reason, no [DONE]): neither is complete.
    const streamBody = JSON.stringify({ ...uniqueChat('broken'), stream: true });
    openaiMock.enqueue({ kind: 'broken-stream', chunks: 2 }, '/chat/completions');
    await rawPost(gateway, '/v1/chat/completions', streamBody).catch(() => undefined);
    const partial =
      'data: {"id":"c1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"Hel"},"finish_reason":null}]}\n\n';
    openaiMock.enqueue({ kind: 'raw', status: 200, body: partial, contentType: 'text/event-stream' }, '/chat/completions');
    assert.equal((await rawPost(gateway, '/v1/chat/completions', streamBody)).status, 200);
    const after = await rawPost(gateway, '/v1/chat/completions', streamBody);
    assert.equal(after.headers.get('x-cache'), null);
    assert.equal(after.text.includes('Hello'), true);
    assert.equal(callsTo(openaiMock, '/chat/completions'), 5);
  });

  it('writes the hit a usage row with cache_type exact, its tokens and zero cost, and sets the audit entry cache type', async () => {
    const request = uniqueChat('accounting');
    await client.chat.completions.create(request);
    const hit = await rawPost(gateway, '/v1/chat/completions', JSON.stringify(request), { 'x-request-id': `hit-${Math.random()}` });
    assert.equal(hit.headers.get('x-cache'), 'HIT (exact)');
    const requestId = hit.headers.get('x-request-id')!;
    await gateway.app.get(UsageRecorder, { strict: false }).flush();
    await gateway.app.get(AuditLogger, { strict: false }).flush();
    const rows = await gateway.app.get(UsageStore).list({ limit: 100, offset: 0 });
    const row = rows.find((candidate) => candidate.requestId === requestId);
    assert.ok(row, 'the hit has a usage row');
    assert.deepEqual(
      {
        cacheType: row.cacheType,
        costUsd: row.costUsd,
        provider: row.provider,
        model: row.model,
        input: row.inputTokens,
        output: row.outputTokens,
      },
      { cacheType: 'exact', costUsd: 0, provider: 'openai', model: 'gpt-4o-mini', input: 17, output: 4 },
    );
    const missRow = rows.find((candidate) => candidate.requestId !== requestId && candidate.cacheType === null && candidate.status === 200);
    assert.ok(missRow !== undefined && missRow.costUsd !== 0, 'a miss is priced as usual');
    const [entry] = await gateway.app.get(AuditStore).list({ limit: 1, offset: 0, search: requestId });
    assert.equal(entry?.cacheType, 'exact');
    assert.equal(entry?.data?.attempts, undefined, 'no provider call was made');
    const log = (await (await fetch(`${gateway.url}/admin/usage/log?limit=200`)).json()) as {
      entries: { request_id: string; cache_type: string }[];
    };
    assert.equal(log.entries.find((e) => e.request_id === requestId)?.cache_type, 'exact');
    assert.equal(log.entries.find((e) => e.request_id === missRow.requestId)?.cache_type, '');
  });

  it('counts hits, misses, stores, entries, bytes and tokens saved in /admin/cache/overview (and its legacy path)', async () => {
    const overview = async (path = '/admin/cache/overview') =>
      (await (await fetch(`${gateway.url}${path}`)).json()) as {
        summary: { total_hits: number; exact_hits: number; total_input_tokens: number };
        layers: {
          layer: string;
          backend: string;
          available: boolean;
          entries: number;
          bytes: number;
          hits: number;
          misses: number;
          stores: number;
          hit_rate: number;
          input_tokens_saved: number;
        }[];
      };
    const before = (await overview()).layers[0]!;
    const request = uniqueChat('overview');
    await client.chat.completions.create(request);
    await client.chat.completions.create(request);
    await client.chat.completions.create(request);
    const after = await overview();
    const layer = after.layers[0]!;
    assert.deepEqual([layer.layer, layer.backend, layer.available], ['exact', 'embedded', true]);
    assert.equal(layer.hits - before.hits, 2);
    assert.equal(layer.misses - before.misses, 1);
    assert.equal(layer.stores - before.stores, 1);
    assert.equal(layer.entries - before.entries, 1);
    assert.ok(layer.bytes > before.bytes);
    assert.equal(layer.input_tokens_saved - before.input_tokens_saved, 2 * 17);
    assert.equal(layer.hit_rate, layer.hits / (layer.hits + layer.misses));
    assert.equal(after.summary.exact_hits, layer.hits);
    assert.equal(after.summary.total_hits, layer.hits);
    const metrics = await (await fetch(`${gateway.url}/metrics`)).text();
    assert.match(metrics, new RegExp(`^gomodel_cache_hits_total\\{layer="exact"\\} ${layer.hits}$`, 'm'));
    assert.match(metrics, new RegExp(`^gomodel_cache_misses_total\\{layer="exact"\\} ${layer.misses}$`, 'm'));
    assert.match(metrics, /^gomodel_cache_stores_total\{layer="exact"\} \d+$/m);
    const legacy = await fetch(`${gateway.url}/admin/api/v1/cache/overview`);
    assert.equal(legacy.status, 200);
    assert.ok(legacy.headers.get('deprecation'));
  });
});

describe('exact response cache, off', () => {
  it('answers /admin/cache/overview with 503 feature_unavailable and never says X-Cache', async () => {
    const mock = await startMockUpstream('openai');
    const gateway = await startGateway({ OPENAI_API_KEY: 'sk', OPENAI_BASE_URL: `${mock.url}/v1` });
    try {
      const res = await fetch(`${gateway.url}/admin/cache/overview`);
      assert.equal(res.status, 503);
      assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'feature_unavailable');
      const body = JSON.stringify(uniqueChat('off'));
      await rawPost(gateway, '/v1/chat/completions', body);
      assert.equal((await rawPost(gateway, '/v1/chat/completions', body)).headers.get('x-cache'), null);
      assert.equal(callsTo(mock, '/chat/completions'), 2);
    } finally {
      await gateway.close();
      await mock.close();
    }
  });
});

describe('exact response cache after the guardrails', () => {
  const CONFIG_YAML = `
guardrails:
  enabled: true
  rules:
    - name: pii
      type: pii_detection
      pii_detection: { action: redact, detectors: [email] }
`;
  let mock: MockUpstream;
  let gateway: RunningGateway;

  before(async () => {
    mock = await startMockUpstream('openai');
    const cwd = mkdtempSync(join(tmpdir(), 'modelgate-cache-guardrails-'));
    mkdirSync(join(cwd, 'config'));
    writeFileSync(join(cwd, 'config', 'config.yaml'), CONFIG_YAML);
    gateway = await startGateway(
      { RESPONSE_CACHE_SIMPLE_ENABLED: 'true', OPENAI_API_KEY: 'sk', OPENAI_BASE_URL: `${mock.url}/v1` },
      { cwd },
    );
  });

  after(async () => {
    await gateway.close();
    await mock.close();
  });

  it('keys on the request as the provider gets it: two requests redacted alike are one entry', async () => {
    const ask = (email: string) =>
      JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: `Write to ${email} about guardrails-cache` }] });
    const first = await rawPost(gateway, '/v1/chat/completions', ask('alice@example.com'));
    const second = await rawPost(gateway, '/v1/chat/completions', ask('bob@example.org'));
    assert.equal(first.headers.get('x-cache'), null);
    assert.equal(second.headers.get('x-cache'), 'HIT (exact)');
    assert.equal(callsTo(mock, '/chat/completions'), 1);
    assert.doesNotMatch(JSON.stringify(mock.requests[mock.requests.length - 1]!.body), /alice@example\.com/);
  });
});
