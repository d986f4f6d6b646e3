// /v1/messages/count_tokens on an Anthropic upstream is a model call on the pipeline: its provider call is an attempt
// (in the audit entry), retried on a 503 like any model call, against the Anthropic mock scripted to fail.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AuditLogger } from '@modelgate/audit';
import { startAnthropicMock, type AnthropicMock } from '@modelgate/providers/testing';
import { AuditStore } from '@modelgate/storage';
import { startGateway, type RunningGateway } from '../support/gateway.js';

describe('/v1/messages/count_tokens on the model-call pipeline', () => {
  let anthropic: AnthropicMock;
  let gateway: RunningGateway;

  before(async () => {
    anthropic = await startAnthropicMock();
    gateway = await startGateway({
      ANTHROPIC_API_KEY: 'sk-ant',
      ANTHROPIC_BASE_URL: `${anthropic.url}/v1`,
      RETRY_INITIAL_BACKOFF: '10ms',
      RETRY_JITTER_FACTOR: '0',
      LOGGING_ENABLED: 'true',
      LOGGING_FLUSH_INTERVAL: '10m',
    });
  });

  after(async () => {
    await gateway.close();
    await anthropic.close();
  });

  it("retries Anthropic's count on 503, each provider call an attempt in the audit entry", async () => {
    anthropic.enqueue(
      { kind: 'error', status: 503, body: { type: 'error', error: { type: 'api_error', message: 'busy' } } },
      '/messages/count_tokens',
    );
    const res = await fetch(`${gateway.url}/v1/messages/count_tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'count-503' },
      body: JSON.stringify({ model: 'claude-sonnet-4-20250514', messages: [{ role: 'user', content: 'Hi' }] }),
    });
    assert.equal(res.status, 200);
    assert.equal(typeof ((await res.json()) as { input_tokens: unknown }).input_tokens, 'number');
    assert.equal(anthropic.requests.filter((request) => request.url.endsWith('/messages/count_tokens')).length, 2);
    await gateway.app.get(AuditLogger).flush();
    const entry = (await gateway.app.get(AuditStore).list({ limit: 100, offset: 0 })).find(
      (candidate) => candidate.requestId === 'count-503',
    );
    assert.deepEqual(
      entry?.data?.attempts?.map(({ provider, model, status }) => [provider, model, status]),
      [
        ['anthropic', 'claude-sonnet-4-20250514', 503],
        ['anthropic', 'claude-sonnet-4-20250514', 200],
      ],
    );
  });
});
