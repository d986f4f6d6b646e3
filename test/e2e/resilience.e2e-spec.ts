// Retries and the circuit breaker: their settings and breaker state on the status surfaces (/admin/providers/status,
// /health/ready, the gomodel_circuit_breaker_state gauge), and chat requests against a mock upstream scripted to fail.
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { AuditLogger } from '@modelgate/audit';
import { RequestRecords } from '@modelgate/core';
import { AuditStore } from '@modelgate/storage';
import { filter, firstValueFrom, timeout } from 'rxjs';
import { startMockUpstream, type MockUpstream } from '@modelgate/providers/testing';
import { ProviderResilience } from '@modelgate/resilience';
import { startGateway, type RunningGateway } from '../support/gateway.js';

type Json = Record<string, unknown>;

describe('resilience status', () => {
  let upstream: MockUpstream;
  let gateway: RunningGateway;

  before(async () => {
    upstream = await startMockUpstream('openai');
    const cwd = mkdtempSync(join(tmpdir(), 'modelgate-resilience-'));
    writeFileSync(
      join(cwd, 'config.yaml'),
      [
        'providers:',
        '  groq:',
        '    api_key: gsk-test',
        `    base_url: ${upstream.url}/v1`,
        '    resilience:',
        '      circuit_breaker:',
        '        failure_threshold: 0',
        '',
      ].join('\n'),
    );
    gateway = await startGateway(
      {
        OPENAI_API_KEY: 'sk-test',
        OPENAI_BASE_URL: `${upstream.url}/v1`,
        METRICS_ENABLED: 'true',
        RETRY_INITIAL_BACKOFF: '10ms',
        CIRCUIT_BREAKER_FAILURE_THRESHOLD: '2',
        CIRCUIT_BREAKER_TIMEOUT: '1m',
      },
      { cwd },
    );
  });

  after(async () => {
    await gateway.close();
    await upstream.close();
  });

  async function providerStatus(name: string): Promise<Json> {
    const body = (await (await fetch(`${gateway.url}/admin/providers/status`)).json()) as { providers: Json[] };
    return body.providers.find((provider) => provider.name === name)!;
  }

  async function readiness(name: string): Promise<Json> {
    const body = (await (await fetch(`${gateway.url}/health/ready`)).json()) as { details: Record<string, Json> };
    return body.details[`provider:${name}`]!;
  }

  async function gauge(): Promise<string[]> {
    const text = await (await fetch(`${gateway.url}/metrics`)).text();
    return text.split('\n').filter((line) => line.startsWith('gomodel_circuit_breaker_state{'));
  }

  it('shows each instance its resilience settings, a closed breaker, and none where the threshold is 0', async () => {
    const openai = await providerStatus('openai');
    assert.deepEqual((openai.config as Json).resilience, {
      retry: { max_retries: 3, initial_backoff: '10ms', max_backoff: '30s', backoff_factor: 2, jitter_factor: 0.1 },
      circuit_breaker: { failure_threshold: 2, success_threshold: 2, timeout: '60s' },
    });
    assert.deepEqual((openai.runtime as Json).circuit_breaker, {
      state: 'closed',
      consecutive_failures: 0,
      half_open_successes: 0,
      opened_at: null,
    });
    const groq = await providerStatus('groq');
    assert.equal(((groq.config as Json).resilience as { circuit_breaker: Json }).circuit_breaker.failure_threshold, 0);
    assert.equal((groq.runtime as Json).circuit_breaker, null);
    assert.deepEqual(await gauge(), ['gomodel_circuit_breaker_state{provider="openai"} 0']);
    assert.deepEqual([(await readiness('openai')).status, (await readiness('openai')).circuitBreaker], ['up', null]);
  });

  it('shows an open breaker as degraded in providers/status and /health/ready, and as 2 on the gauge', async () => {
    const breaker = gateway.app.get(ProviderResilience).breaker('openai')!;
    for (let i = 0; i < 2; i++) breaker.settle(breaker.admit()!, 'failure');
    const openai = await providerStatus('openai');
    assert.deepEqual(
      [openai.status, openai.status_label, openai.status_reason],
      ['degraded', 'Circuit open', 'circuit breaker open after 2 consecutive failures'],
    );
    assert.equal(((openai.runtime as Json).circuit_breaker as Json).state, 'open');
    const ready = await readiness('openai');
    assert.deepEqual([ready.status, ready.circuitBreaker], ['degraded', 'open']);
    assert.deepEqual(await gauge(), ['gomodel_circuit_breaker_state{provider="openai"} 2']);
  });
});

describe('retries and the circuit breaker through the gateway', () => {
  let upstream: MockUpstream;
  let gateway: RunningGateway;

  before(async () => {
    upstream = await startMockUpstream('openai');
    const cwd = mkdtempSync(join(tmpdir(), 'modelgate-resilience-'));
    // `flaky` (an OpenAI-wire instance of another type, so openai/… is never routed to it) gives up at once and
    // opens after two failed requests; `openai` retries twice, 20 ms then 40 ms.
    writeFileSync(
      join(cwd, 'config.yaml'),
      [
        'providers:',
        '  flaky:',
        '    type: groq',
        '    api_key: sk-flaky',
        `    base_url: ${upstream.url}/v1`,
        '    resilience:',
        '      retry: { max_retries: 0 }',
        '      circuit_breaker: { failure_threshold: 2, success_threshold: 1, timeout: 300ms }',
        '',
      ].join('\n'),
    );
    gateway = await startGateway(
      {
        OPENAI_API_KEY: 'sk-test',
        OPENAI_BASE_URL: `${upstream.url}/v1`,
        RETRY_MAX_RETRIES: '2',
        RETRY_INITIAL_BACKOFF: '20ms',
        RETRY_MAX_BACKOFF: '200ms',
        RETRY_JITTER_FACTOR: '0',
        CIRCUIT_BREAKER_FAILURE_THRESHOLD: '10',
        LOGGING_ENABLED: 'true',
        LOGGING_FLUSH_INTERVAL: '10m',
      },
      { cwd },
    );
  });

  after(async () => {
    await gateway.close();
    await upstream.close();
  });

  beforeEach(() => upstream.reset());

  const chat = (model: string, requestId: string, stream = false) =>
    fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': requestId },
      body: JSON.stringify({ model, stream, messages: [{ role: 'user', content: 'hi' }] }),
    });

  const upstreamError = (status: number, headers?: Record<string, string>) => ({
    kind: 'error' as const,
    status,
    body: { error: { message: `mock ${status}`, type: 'server_error' } },
    headers,
  });

  /** Gaps in ms between the chat requests the mock received. */
  const gaps = () => {
    const times = upstream.requests.filter((request) => request.url.endsWith('/chat/completions')).map((request) => request.receivedAt);
    return times.slice(1).map((time, i) => time - times[i]!);
  };

  /** The upstream status of each attempt on the request's record, once it was published. */
  async function recordedAttempts(requestId: string): Promise<(number | undefined)[]> {
    const record = await firstValueFrom(
      gateway.app.get(RequestRecords).records$.pipe(
        filter((candidate) => candidate.requestId === requestId),
        timeout(2000),
      ),
    );
    return record.attempts.map((attempt) => attempt.status);
  }

  it('retries a 503 and a 502 with the backoff, each attempt on the request record and in the audit entry', async () => {
    upstream.enqueue(upstreamError(503), '/chat/completions');
    upstream.enqueue(upstreamError(502), '/chat/completions');
    const attempts = recordedAttempts('retry-503-502');
    const res = await chat('openai/gpt-4o-mini', 'retry-503-502');
    assert.equal(res.status, 200);
    await res.json();
    const [first, second] = gaps();
    assert.ok(first! >= 19 && second! >= 39, `waited ${first} ms then ${second} ms`);
    assert.deepEqual(await attempts, [503, 502, 200]);
    await gateway.app.get(AuditLogger).flush();
    const entry = (await gateway.app.get(AuditStore).list({ limit: 100, offset: 0 })).find(
      (candidate) => candidate.requestId === 'retry-503-502',
    );
    assert.deepEqual(
      entry?.data?.attempts?.map(({ provider, status }) => [provider, status]),
      [
        ['openai', 503],
        ['openai', 502],
        ['openai', 200],
      ],
    );
  });

  it("waits as long as the upstream's retry-after-ms asks", async () => {
    upstream.enqueue(upstreamError(429, { 'retry-after-ms': '120' }), '/chat/completions');
    const res = await chat('openai/gpt-4o-mini', 'retry-after');
    assert.equal(res.status, 200);
    await res.json();
    assert.ok(gaps()[0]! >= 119, `waited ${gaps()[0]} ms`);
  });

  it('gives the last error back when retries are exhausted, and never retries a 400', async () => {
    for (let i = 0; i < 3; i++) upstream.enqueue(upstreamError(503), '/chat/completions');
    assert.equal((await chat('openai/gpt-4o-mini', 'exhausted')).status, 502);
    assert.equal(upstream.requests.length, 3);
    upstream.reset();
    upstream.enqueue(upstreamError(400), '/chat/completions');
    assert.equal((await chat('openai/gpt-4o-mini', 'no-retry-400')).status, 400);
    assert.equal(upstream.requests.length, 1);
  });

  it('retries a stream that failed before its first byte, never one that began', async () => {
    upstream.enqueue(upstreamError(503), '/chat/completions');
    const retried = await chat('openai/gpt-4o-mini', 'stream-retried', true);
    assert.match(await retried.text(), /data: \[DONE\]/);
    assert.equal(upstream.requests.length, 2);
    upstream.reset();
    upstream.enqueue({ kind: 'broken-stream', chunks: 1 }, '/chat/completions');
    const broken = await chat('openai/gpt-4o-mini', 'stream-broken', true);
    assert.equal(broken.status, 200);
    assert.doesNotMatch(await broken.text(), /data: \[DONE\]/);
    assert.equal(upstream.requests.length, 1);
  });

  it('retries embeddings the same way', async () => {
    upstream.enqueue(upstreamError(503), '/embeddings');
    const embeddings = await fetch(`${gateway.url}/v1/embeddings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'openai/text-embedding-3-small', input: 'hi' }),
    });
    assert.equal(embeddings.status, 200);
    await embeddings.json();
    assert.equal(upstream.requests.filter((request) => request.url.endsWith('/embeddings')).length, 2);
  });

  it('opens the breaker after two failed requests, fails fast without the upstream, and closes after a probe', async () => {
    upstream.enqueue(upstreamError(500), '/chat/completions');
    upstream.enqueue(upstreamError(500), '/chat/completions');
    assert.deepEqual(
      [(await chat('flaky/gpt-4o-mini', 'flaky-1')).status, (await chat('flaky/gpt-4o-mini', 'flaky-2')).status],
      [502, 502],
    );
    const fast = await chat('flaky/gpt-4o-mini', 'flaky-open');
    assert.deepEqual(
      [fast.status, await fast.json()],
      [
        503,
        {
          error: { message: 'circuit breaker is open - provider temporarily unavailable', type: 'provider_error', param: null, code: null },
        },
      ],
    );
    assert.equal(upstream.requests.length, 2, 'the open breaker did not call the upstream');
    await new Promise((resolve) => setTimeout(resolve, 320));
    const probe = await chat('flaky/gpt-4o-mini', 'flaky-probe');
    assert.equal(probe.status, 200);
    await probe.json();
    assert.equal(gateway.app.get(ProviderResilience).breaker('flaky')!.state, 'closed');
    assert.equal((await chat('flaky/gpt-4o-mini', 'flaky-closed')).status, 200);
  });
});
