// Creating a batch is a model call on the pipeline: every item's model is checked for the caller before anything
// goes upstream, the provider's create is a recorded attempt, retried only when the upstream said it did not act
// (429: a batch create is not idempotent), and counted by the circuit breaker; through the official openai client.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { AuditLogger } from '@modelgate/audit';
import { startMockUpstream, type MockUpstream } from '@modelgate/providers/testing';
import { AuditStore } from '@modelgate/storage';
import OpenAI, { toFile } from 'openai';
import { startFlakyGateway } from '../support/flaky-gateway.js';
import { startGateway, type RunningGateway } from '../support/gateway.js';

const item = (customId: string, model: string) => ({
  custom_id: customId,
  method: 'POST',
  url: '/v1/chat/completions',
  body: { model, messages: [{ role: 'user', content: 'Hi' }] },
});

describe('batch creation on the model-call pipeline', () => {
  let upstream: MockUpstream;
  let gateway: RunningGateway;
  let client: OpenAI;

  before(async () => {
    upstream = await startMockUpstream('openai');
    gateway = await startFlakyGateway(upstream, { flakyPath: '/flaky/v1', breakerTimeout: '1m' });
    client = gateway.openai();
    const override = await fetch(`${gateway.url}/admin/model-overrides/gpt-4o`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user_paths: ['/team-a'] }),
    });
    assert.equal(override.status, 200);
  });

  after(async () => {
    await gateway.close();
    await upstream.close();
  });

  beforeEach(() => upstream.reset());

  const createInline = (requests: unknown[], headers: Record<string, string> = {}) =>
    fetch(`${gateway.url}/v1/batches`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ requests }),
    });

  const creates = (prefix = '/v1') =>
    upstream.requests.filter((request) => request.method === 'POST' && request.url === `${prefix}/batches`);
  const uploads = () => upstream.requests.filter((request) => request.method === 'POST' && request.url === '/v1/files');

  const failing = (status: number, headers?: Record<string, string>) => ({
    kind: 'error' as const,
    status,
    body: { error: { message: `mock ${status}`, type: 'server_error' } },
    headers,
  });

  async function auditedAttempts(requestId: string): Promise<unknown[][]> {
    await gateway.app.get(AuditLogger).flush();
    const entry = (await gateway.app.get(AuditStore).list({ limit: 100, offset: 0 })).find(
      (candidate) => candidate.requestId === requestId,
    );
    return (entry?.data?.attempts ?? []).map(({ provider, model, status }) => [provider, model, status]);
  }

  it("refuses a batch with an item model the caller may not use, with GoModel's 400, and sends nothing upstream", async () => {
    const inline = await createInline([item('ok', 'openai/gpt-4o-mini'), item('denied', 'openai/gpt-4o')], {
      'X-GoModel-User-Path': '/team-b',
    });
    assert.deepEqual(
      [inline.status, await inline.json()],
      [
        400,
        {
          error: {
            message: 'batch item 1: requested model is not available for this API key',
            type: 'invalid_request_error',
            param: null,
            code: 'model_access_denied',
          },
        },
      ],
    );
    assert.deepEqual(upstream.requests, []);

    const file = await client.files.create({
      file: await toFile(Buffer.from(`${JSON.stringify(item('denied', 'gpt-4o'))}\n`), 'batch.jsonl'),
      purpose: 'batch',
    });
    const refused = await client.batches
      .create(
        { input_file_id: file.id, endpoint: '/v1/chat/completions', completion_window: '24h' },
        { headers: { 'X-GoModel-User-Path': '/team-b' } },
      )
      .catch((err: unknown) => err);
    assert.ok(refused instanceof OpenAI.BadRequestError);
    assert.equal(refused.code, 'model_access_denied');
    assert.deepEqual(creates(), [], 'no batch was created');
    const allowed = await client.batches.create(
      { input_file_id: file.id, endpoint: '/v1/chat/completions', completion_window: '24h' },
      { headers: { 'X-GoModel-User-Path': '/team-a/alice' } },
    );
    assert.equal(allowed.object, 'batch');
  });

  it('records the provider create as an attempt in the audit entry, with the models of the items', async () => {
    const res = await createInline([item('a', 'openai/gpt-4o-mini'), item('b', 'openai/gpt-4o-mini')], { 'x-request-id': 'batch-attempt' });
    assert.equal(res.status, 200);
    assert.deepEqual(await auditedAttempts('batch-attempt'), [['openai', 'gpt-4o-mini', 200]]);
  });

  it('never retries a create that failed with 502, or 503 with retry-after: the upstream may have created the batch', async () => {
    upstream.enqueue(failing(502), '/v1/batches');
    const bad = await createInline([item('a', 'openai/gpt-4o-mini')], { 'x-request-id': 'batch-502' });
    assert.equal(bad.status, 502);
    upstream.enqueue(failing(503, { 'retry-after': '0' }), '/v1/batches');
    const unavailable = await createInline([item('a', 'openai/gpt-4o-mini')]);
    assert.equal(unavailable.status, 502);
    assert.equal(creates().length, 2, 'one create each');
    assert.deepEqual(await auditedAttempts('batch-502'), [['openai', 'gpt-4o-mini', 502]]);
  });

  it('retries a create the upstream refused with 429, after its retry-after, reusing the uploaded input', async () => {
    upstream.enqueue(failing(429, { 'retry-after-ms': '60' }), '/v1/batches');
    const res = await createInline([item('a', 'openai/gpt-4o-mini')], { 'x-request-id': 'batch-429' });
    assert.equal(res.status, 200);
    const [first, second] = creates().map((request) => request.receivedAt);
    assert.ok(second! - first! >= 59, `waited ${second! - first!} ms`);
    assert.equal(uploads().length, 1, 'the input was uploaded once');
    assert.deepEqual(await auditedAttempts('batch-429'), [
      ['openai', 'gpt-4o-mini', 429],
      ['openai', 'gpt-4o-mini', 200],
    ]);
  });

  it('opens the breaker after two failed creates and then fails fast with 503, without the upstream', async () => {
    upstream.enqueue(failing(500), '/flaky/v1/batches');
    upstream.enqueue(failing(500), '/flaky/v1/batches');
    for (let i = 0; i < 2; i++) assert.equal((await createInline([item('a', 'flaky/gpt-4o-mini')])).status, 502);
    const open = await createInline([item('a', 'flaky/gpt-4o-mini')]);
    assert.deepEqual(
      [open.status, ((await open.json()) as { error: { message: string } }).error.message],
      [503, 'circuit breaker is open - provider temporarily unavailable'],
    );
    assert.equal(creates('/flaky/v1').length, 2, 'the open breaker did not call the upstream');
  });
});

describe('batch creation with ROUTING_STRATEGY=round_robin', () => {
  let upstream: MockUpstream;
  let gateway: RunningGateway;

  before(async () => {
    upstream = await startMockUpstream('openai');
    gateway = await startGateway({
      OPENAI_API_KEY: 'sk-test',
      OPENAI_BASE_URL: `${upstream.url}/v1`,
      OPENAI_EAST_API_KEY: 'sk-east',
      OPENAI_EAST_BASE_URL: `${upstream.url}/east/v1`,
      ROUTING_STRATEGY: 'round_robin',
    });
  });

  after(async () => {
    await gateway.close();
    await upstream.close();
  });

  it('runs every item of a batch on the one instance the strategy chose, not one instance per item', async () => {
    for (const round of [1, 2]) {
      upstream.reset();
      const res = await fetch(`${gateway.url}/v1/batches`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ requests: [item('a', 'gpt-4o-mini'), item('b', 'gpt-4o-mini'), item('c', 'gpt-4o-mini')] }),
      });
      assert.equal(res.status, 200, `round ${round}: ${await res.clone().text()}`);
      const batch = (await res.json()) as { provider: string };
      const created = upstream.requests.filter((request) => request.method === 'POST' && request.url.endsWith('/batches'));
      assert.deepEqual(
        created.map((request) => request.url),
        [batch.provider === 'openai' ? '/v1/batches' : '/east/v1/batches'],
      );
    }
  });
});
