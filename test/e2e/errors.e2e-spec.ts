import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { startMockUpstream, type MockUpstream } from '@modelgate/providers/testing';
import OpenAI from 'openai';
import { startGateway, type RunningGateway } from '../support/gateway.js';

const HELLO = [{ role: 'user' as const, content: 'hi' }];

interface ErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}

describe('errors: OpenAI error JSON with the right status on every path', () => {
  let upstream: MockUpstream;
  let gateway: RunningGateway;
  let client: OpenAI;

  async function post(
    path: string,
    body: string,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; body: ErrorBody; headers: Headers }> {
    const response = await fetch(`${gateway.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
    });
    return { status: response.status, body: (await response.json()) as ErrorBody, headers: response.headers };
  }

  before(async () => {
    upstream = await startMockUpstream('openai');
    // Upstream failures are shown as they come: no retries (test/e2e/resilience.e2e-spec.ts covers them).
    gateway = await startGateway({
      OPENAI_API_KEY: 'sk-test',
      OPENAI_BASE_URL: `${upstream.url}/v1`,
      BODY_SIZE_LIMIT: '4K',
      RETRY_MAX_RETRIES: '0',
    });
    client = gateway.openai();
  });

  after(async () => {
    await gateway.close();
    await upstream.close();
  });

  beforeEach(() => upstream.reset());

  it('answers invalid JSON with 400 invalid_json', async () => {
    const { status, body } = await post('/v1/chat/completions', '{"model": "gpt-4o-mini",');
    assert.equal(status, 400);
    assert.equal(body.error.type, 'invalid_request_error');
    assert.equal(body.error.code, 'invalid_json');
    assert.equal(body.error.param, null);
    assert.match(body.error.message, /^invalid JSON in request body/);
  });

  it('names the missing field: model, then messages', async () => {
    const noModel = await post('/v1/chat/completions', JSON.stringify({ messages: HELLO }));
    assert.equal(noModel.status, 400);
    assert.equal(noModel.body.error.param, 'model');
    const noMessages = await post('/v1/chat/completions', JSON.stringify({ model: 'gpt-4o-mini' }));
    assert.equal(noMessages.status, 400);
    assert.equal(noMessages.body.error.param, 'messages');
    const emptyMessages = await post('/v1/chat/completions', JSON.stringify({ model: 'gpt-4o-mini', messages: [] }));
    assert.equal(emptyMessages.body.error.param, 'messages');
  });

  it('rejects bodies that are not JSON objects, and never crashes', async () => {
    for (const text of [
      '[]',
      'null',
      '"text"',
      '42',
      JSON.stringify({ model: 7, messages: HELLO }),
      JSON.stringify({ model: 'gpt-4o-mini', messages: HELLO, stream: 'yes' }),
    ]) {
      const { status, body } = await post('/v1/chat/completions', text);
      assert.equal(status, 400, text);
      assert.equal(body.error.type, 'invalid_request_error');
    }
    const health = await fetch(`${gateway.url}/health`);
    assert.equal(health.status, 200);
  });

  it('answers 413 when the body is larger than BODY_SIZE_LIMIT', async () => {
    const big = JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'x'.repeat(8 * 1024) }] });
    const { status, body } = await post('/v1/chat/completions', big);
    assert.equal(status, 413);
    assert.equal(body.error.code, 'request_too_large');
    assert.match(body.error.message, /4096 bytes/);
    assert.equal(upstream.requests.length, 0);
  });

  it('passes an upstream 400 through with its message, code and param', async () => {
    upstream.enqueue({
      kind: 'error',
      status: 400,
      body: {
        error: { message: "Invalid value for 'temperature'", type: 'invalid_request_error', param: 'temperature', code: 'invalid_value' },
      },
    });
    await assert.rejects(client.chat.completions.create({ model: 'gpt-4o-mini', messages: HELLO, temperature: 9 }), (err: unknown) => {
      assert.ok(err instanceof OpenAI.BadRequestError);
      assert.equal(err.status, 400);
      assert.equal(err.message, "400 Invalid value for 'temperature'");
      assert.equal(err.param, 'temperature');
      assert.equal(err.code, 'invalid_value');
      return true;
    });
  });

  it('passes an upstream 401 through as an authentication error', async () => {
    upstream.enqueue({
      kind: 'error',
      status: 401,
      body: { error: { message: 'Incorrect API key provided', type: 'invalid_request_error', code: 'invalid_api_key' } },
    });
    await assert.rejects(client.chat.completions.create({ model: 'gpt-4o-mini', messages: HELLO }), OpenAI.AuthenticationError);
  });

  it('passes an upstream 429 through with retry-after', async () => {
    upstream.enqueue({
      kind: 'error',
      status: 429,
      body: { error: { message: 'Rate limit reached', type: 'requests', code: 'rate_limit_exceeded' } },
      headers: { 'retry-after': '12' },
    });
    const { status, body, headers } = await post('/v1/chat/completions', JSON.stringify({ model: 'gpt-4o-mini', messages: HELLO }));
    assert.equal(status, 429);
    assert.equal(headers.get('retry-after'), '12');
    assert.deepEqual(body, {
      error: { message: 'Rate limit reached', type: 'rate_limit_error', param: null, code: 'rate_limit_exceeded' },
    });
  });

  it('turns an upstream 5xx into 502 naming the provider', async () => {
    upstream.enqueue({
      kind: 'error',
      status: 503,
      body: { error: { message: 'The engine is currently overloaded', type: 'server_error' } },
    });
    const { status, body } = await post('/v1/chat/completions', JSON.stringify({ model: 'gpt-4o-mini', messages: HELLO }));
    assert.equal(status, 502);
    assert.equal(body.error.type, 'provider_error');
    assert.equal(body.error.message, "provider 'openai' failed with HTTP 503: The engine is currently overloaded");
  });

  it('turns a reset connection into 502', async () => {
    upstream.enqueue({ kind: 'reset' });
    const { status, body } = await post('/v1/chat/completions', JSON.stringify({ model: 'gpt-4o-mini', messages: HELLO }));
    assert.equal(status, 502);
    assert.equal(body.error.code, 'upstream_unreachable');
  });

  it('turns an upstream answer that is not JSON into 502', async () => {
    upstream.enqueue({ kind: 'raw', status: 200, body: '<html>gateway error</html>', contentType: 'text/html' });
    const { status, body } = await post('/v1/chat/completions', JSON.stringify({ model: 'gpt-4o-mini', messages: HELLO }));
    assert.equal(status, 502);
    assert.equal(body.error.code, 'upstream_invalid_response');
  });

  it('turns a reset during a streamed request into 502 before any chunk', async () => {
    upstream.enqueue({ kind: 'reset' });
    const { status, body } = await post('/v1/chat/completions', JSON.stringify({ model: 'gpt-4o-mini', messages: HELLO, stream: true }));
    assert.equal(status, 502);
    assert.equal(body.error.type, 'provider_error');
  });

  it('answers unknown routes with a 404 in the same error shape', async () => {
    const response = await fetch(`${gateway.url}/v1/nothing-here`);
    assert.equal(response.status, 404);
    const body = (await response.json()) as ErrorBody;
    assert.equal(typeof body.error.message, 'string');
  });
});

describe('upstream timeout', () => {
  it('answers 504 when the upstream does not answer within HTTP_TIMEOUT', async () => {
    const upstream = await startMockUpstream('openai');
    const gateway = await startGateway({ OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: `${upstream.url}/v1`, HTTP_TIMEOUT: '1' });
    try {
      upstream.enqueue({ kind: 'delay', ms: 2500 }, '/chat/completions');
      const started = Date.now();
      await assert.rejects(gateway.openai().chat.completions.create({ model: 'gpt-4o-mini', messages: HELLO }), (err: unknown) => {
        assert.ok(err instanceof OpenAI.APIError);
        assert.equal(err.status, 504);
        assert.equal(err.code, 'upstream_timeout');
        return true;
      });
      assert.ok(Date.now() - started < 2400, 'the gateway gave up before the upstream answered');
    } finally {
      await gateway.close();
      await upstream.close();
    }
  });
});
