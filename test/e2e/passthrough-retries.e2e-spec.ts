// Passthrough's provider call as an attempt of the model-call pipeline: GoModel's passthrough retry rule (idempotent
// methods or an Idempotency-Key, a replayable body; the last failed answer returned as it came), the circuit breaker,
// and each attempt on the request record and in the audit entry; against a mock upstream scripted to fail.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { AuditLogger } from '@modelgate/audit';
import { startMockUpstream, type MockUpstream } from '@modelgate/providers/testing';
import { AuditStore } from '@modelgate/storage';
import { startFlakyGateway } from '../support/flaky-gateway.js';
import type { RunningGateway } from '../support/gateway.js';

const CHAT = JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] });

describe('passthrough retries and circuit breaker', () => {
  let upstream: MockUpstream;
  let gateway: RunningGateway;

  before(async () => {
    upstream = await startMockUpstream('openai');
    gateway = await startFlakyGateway(upstream, {
      flakyPath: '/flaky/v1',
      breakerTimeout: '1m',
      env: { ENABLED_PASSTHROUGH_PROVIDERS: 'openai,flaky' },
    });
  });

  after(async () => {
    await gateway.close();
    await upstream.close();
  });

  beforeEach(() => upstream.reset());

  const failing = (status: number, message = `mock ${status}`) => ({
    kind: 'error' as const,
    status,
    body: { error: { message, type: 'server_error', param: null, code: 'mock_overloaded' } },
    headers: { 'x-mock-answer': String(status) },
  });

  const send = (method: string, path: string, requestId: string, headers: Record<string, string> = {}, body?: string) =>
    fetch(`${gateway.url}${path}`, {
      method,
      headers: { 'x-request-id': requestId, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body,
    });

  const calls = (suffix: string) => upstream.requests.filter((request) => request.url.endsWith(suffix));

  /** [provider, status, error message] of each attempt in the request's audit entry. */
  async function auditedAttempts(requestId: string): Promise<unknown[][] | undefined> {
    await gateway.app.get(AuditLogger).flush();
    const entry = (await gateway.app.get(AuditStore).list({ limit: 100, offset: 0 })).find(
      (candidate) => candidate.requestId === requestId,
    );
    return (entry?.data?.attempts ?? []).map(({ provider, status, errorMessage }) => [provider, status, errorMessage]);
  }

  it('retries a GET on 503 with the backoff and serves the answer that followed, each attempt in the audit entry', async () => {
    upstream.enqueue(failing(503), '/v1/models');
    const res = await send('GET', '/p/openai/models', 'pt-get-503');
    assert.equal(res.status, 200);
    assert.equal(((await res.json()) as { object: string }).object, 'list');
    const [first, second] = calls('/v1/models').map((request) => request.receivedAt);
    assert.ok(second! - first! >= 19, `waited ${second! - first!} ms`);
    assert.deepEqual(await auditedAttempts('pt-get-503'), [
      ['openai', 503, "provider 'openai' answered HTTP 503"],
      ['openai', 200, null],
    ]);
  });

  it('returns the last failed answer of a GET as it came, status, headers and body, once retries are exhausted', async () => {
    for (let i = 0; i < 3; i++) upstream.enqueue(failing(503, `overloaded ${i}`), '/v1/models');
    const res = await send('GET', '/p/openai/models', 'pt-get-exhausted');
    assert.deepEqual(
      [res.status, res.headers.get('x-mock-answer'), await res.text()],
      [503, '503', JSON.stringify({ error: { message: 'overloaded 2', type: 'server_error', param: null, code: 'mock_overloaded' } })],
    );
    assert.equal(calls('/v1/models').length, 3);
  });

  it('never retries a POST without an Idempotency-Key: the 503 goes back as the upstream sent it', async () => {
    upstream.enqueue(failing(503), '/v1/chat/completions');
    const res = await send('POST', '/p/openai/chat/completions', 'pt-post-once', {}, CHAT);
    assert.deepEqual(
      [res.status, await res.text()],
      [503, JSON.stringify({ error: { message: 'mock 503', type: 'server_error', param: null, code: 'mock_overloaded' } })],
    );
    assert.equal(calls('/v1/chat/completions').length, 1);
    assert.deepEqual(await auditedAttempts('pt-post-once'), [['openai', 503, "provider 'openai' answered HTTP 503"]]);
  });

  it('retries a POST with an Idempotency-Key, sending the same body again', async () => {
    upstream.enqueue(failing(502), '/v1/chat/completions');
    const res = await send('POST', '/p/openai/chat/completions', 'pt-post-key', { 'idempotency-key': 'key-1' }, CHAT);
    assert.equal(res.status, 200);
    assert.equal(((await res.json()) as { object: string }).object, 'chat.completion');
    const sent = calls('/v1/chat/completions');
    assert.equal(sent.length, 2);
    assert.deepEqual(
      sent.map((request) => [request.headers['idempotency-key'], request.body]),
      [
        ['key-1', JSON.parse(CHAT)],
        ['key-1', JSON.parse(CHAT)],
      ],
    );
  });

  it('opens the breaker after two failed passthrough calls and then fails fast with 503, without the upstream', async () => {
    upstream.enqueue(failing(500), '/flaky/v1/models');
    upstream.enqueue(failing(500), '/flaky/v1/models');
    const statuses = [];
    for (const id of ['pt-flaky-1', 'pt-flaky-2']) statuses.push((await send('GET', '/p/flaky/models', id)).status);
    assert.deepEqual(statuses, [500, 500]);
    const open = await send('GET', '/p/flaky/models', 'pt-flaky-open');
    assert.deepEqual(
      [open.status, await open.json()],
      [
        503,
        {
          error: { message: 'circuit breaker is open - provider temporarily unavailable', type: 'provider_error', param: null, code: null },
        },
      ],
    );
    assert.equal(calls('/flaky/v1/models').length, 2, 'the open breaker did not call the upstream');
    assert.deepEqual(await auditedAttempts('pt-flaky-open'), []);
  });
});
