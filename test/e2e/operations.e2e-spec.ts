import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startMockUpstream, type MockUpstream } from '@modelgate/providers/testing';
import OpenAI from 'openai';
import { startGateway, type RunningGateway } from '../support/gateway.js';

const HELLO = [{ role: 'user' as const, content: 'hi' }];

describe('operations', () => {
  let upstream: MockUpstream;

  before(async () => {
    upstream = await startMockUpstream('openai');
  });

  after(async () => {
    await upstream.close();
  });

  describe('request ID and Server-Timing', () => {
    let gateway: RunningGateway;
    before(async () => {
      gateway = await startGateway({ OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: `${upstream.url}/v1` });
    });
    after(() => gateway.close());

    it('echoes a client X-Request-ID and forwards it upstream', async () => {
      const response = await fetch(`${gateway.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': 'trace-123' },
        body: JSON.stringify({ model: 'gpt-4o-mini', messages: HELLO }),
      });
      assert.equal(response.headers.get('x-request-id'), 'trace-123');
      assert.equal(upstream.lastRequest('/chat/completions')?.headers['x-client-request-id'], 'trace-123');
    });

    it('replaces a request ID that could not be forwarded as a header (non-ASCII, too long)', async () => {
      for (const given of ['caf\u00e9-42', 'x'.repeat(600)]) {
        const response = await fetch(`${gateway.url}/v1/chat/completions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-request-id': given },
          body: JSON.stringify({ model: 'gpt-4o-mini', messages: HELLO }),
        });
        assert.equal(response.status, 200);
        const id = response.headers.get('x-request-id') ?? '';
        assert.match(id, /^[0-9a-f-]{36}$/);
        assert.equal(upstream.lastRequest('/chat/completions')?.headers['x-client-request-id'], id);
      }
    });

    it('validates the user path header, echoes it normalised, and refuses a malformed one with 400', async () => {
      for (const [sent, normalised] of [
        ['/team-a/alice/', '/team-a/alice'],
        ['team-a/alice', '/team-a/alice'],
        ['//a///b/', '/a/b'],
      ]) {
        const ok = await fetch(`${gateway.url}/v1/models`, { headers: { 'x-gomodel-user-path': sent! } });
        assert.equal(ok.status, 200, sent);
        assert.equal(ok.headers.get('x-gomodel-user-path'), normalised, sent);
      }
      for (const sent of ['/team/../alpha', '/team:a/alice']) {
        const bad = await fetch(`${gateway.url}/v1/chat/completions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-gomodel-user-path': sent },
          body: JSON.stringify({ model: 'gpt-4o-mini', messages: HELLO }),
        });
        assert.equal(bad.status, 400, sent);
        const body = (await bad.json()) as { error: { code: string; param: string; type: string } };
        assert.deepEqual(
          [body.error.type, body.error.code, body.error.param],
          ['invalid_request_error', 'invalid_user_path', 'X-GoModel-User-Path'],
        );
      }
    });

    it('generates a request ID and a Server-Timing header on every response, errors and health included', async () => {
      for (const response of [
        await fetch(`${gateway.url}/health`),
        await fetch(`${gateway.url}/v1/models`),
        await fetch(`${gateway.url}/v1/chat/completions`, { method: 'POST', body: '{' }),
      ]) {
        assert.match(response.headers.get('x-request-id') ?? '', /^[0-9a-f-]{36}$/);
        assert.match(response.headers.get('server-timing') ?? '', /^gateway;dur=\d+\.\d{3}/);
      }
    });
  });

  describe('BASE_PATH', () => {
    let gateway: RunningGateway;
    before(async () => {
      gateway = await startGateway({ OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: `${upstream.url}/v1`, BASE_PATH: '/g/' });
    });
    after(() => gateway.close());

    it('serves every route under the base path and nothing outside it', async () => {
      assert.ok(gateway.url.endsWith('/g'));
      const completion = await gateway.openai().chat.completions.create({ model: 'gpt-4o-mini', messages: HELLO });
      assert.equal(completion.object, 'chat.completion');
      assert.equal((await fetch(`${gateway.url}/health`)).status, 200);
      const origin = gateway.url.slice(0, -2);
      const outside = await fetch(`${origin}/v1/models`);
      assert.equal(outside.status, 404);
      assert.equal(((await outside.json()) as { error: { message: string } }).error.message.includes('/g'), true);
      assert.equal((await fetch(`${origin}/gx/health`)).status, 404);
    });
  });

  describe('auth with GOMODEL_MASTER_KEY', () => {
    let gateway: RunningGateway;
    before(async () => {
      gateway = await startGateway({
        OPENAI_API_KEY: 'sk-test',
        OPENAI_BASE_URL: `${upstream.url}/v1`,
        GOMODEL_MASTER_KEY: 'master-secret',
        METRICS_ENABLED: 'true',
      });
    });
    after(() => gateway.close());

    it('lets the master key through', async () => {
      const completion = await gateway.openai('master-secret').chat.completions.create({ model: 'gpt-4o-mini', messages: HELLO });
      assert.equal(completion.object, 'chat.completion');
      assert.equal(
        upstream.lastRequest('/chat/completions')?.headers.authorization,
        'Bearer sk-test',
        'the client key never reaches the upstream',
      );
    });

    it('answers 401 in OpenAI error JSON for a wrong, missing or mis-cased key', async () => {
      await assert.rejects(gateway.openai('wrong').models.list(), OpenAI.AuthenticationError);
      for (const authorization of [
        undefined,
        'bearer master-secret',
        'Bearer  master-secret',
        'Basic master-secret',
        'Bearermaster-secret',
      ]) {
        const response = await fetch(`${gateway.url}/v1/models`, { headers: authorization ? { authorization } : {} });
        assert.equal(response.status, 401, String(authorization));
        const body = (await response.json()) as { error: { type: string } };
        assert.equal(body.error.type, 'authentication_error');
      }
    });

    it('keeps health and metrics open', async () => {
      assert.equal((await fetch(`${gateway.url}/health`)).status, 200);
      assert.equal((await fetch(`${gateway.url}/metrics`)).status, 200);
    });
  });

  describe('health readiness', () => {
    it('is 503 while the first model lists load, then 200 with each provider state', async () => {
      const slow = await startMockUpstream('openai');
      slow.enqueue({ kind: 'delay', ms: 800 }, '/models');
      const gateway = await startGateway(
        { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: `${slow.url}/v1`, VLLM_BASE_URL: 'http://127.0.0.1:9/v1' },
        { waitForModels: false },
      );
      try {
        const loading = await fetch(`${gateway.url}/health/ready`);
        assert.equal(loading.status, 503);
        assert.equal((await fetch(`${gateway.url}/health`)).status, 200, 'liveness does not wait for providers');
        let ready = loading;
        for (let attempt = 0; attempt < 50 && ready.status !== 200; attempt += 1) {
          await new Promise((resolve) => setTimeout(resolve, 100));
          ready = await fetch(`${gateway.url}/health/ready`);
        }
        assert.equal(ready.status, 200);
        const body = (await ready.json()) as { status: string; details: Record<string, { status: string; state: string; models: number }> };
        assert.equal(body.status, 'degraded');
        assert.equal(body.details['provider:openai']?.status, 'up');
        assert.ok((body.details['provider:openai']?.models ?? 0) > 10);
        assert.equal(body.details['provider:vllm']?.status, 'degraded');
        assert.equal(body.details['provider:vllm']?.state, 'error');
      } finally {
        await gateway.close();
        await slow.close();
      }
    });
  });

  describe('metrics', () => {
    let gateway: RunningGateway;
    before(async () => {
      gateway = await startGateway({
        OPENAI_API_KEY: 'sk-test',
        OPENAI_BASE_URL: `${upstream.url}/v1`,
        METRICS_ENABLED: 'true',
        METRICS_ENDPOINT: '/v1/metrics',
      });
    });
    after(() => gateway.close());

    it('counts requests, latency, tokens (streams included) and upstream errors by provider, model, endpoint and status', async () => {
      const client = gateway.openai();
      await client.chat.completions.create({ model: 'gpt-4o-mini', messages: HELLO });
      const stream = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: HELLO, stream: true });
      for await (const _chunk of stream) void _chunk;
      upstream.enqueue({ kind: 'error', status: 500, body: { error: { message: 'boom' } } });
      await assert.rejects(client.chat.completions.create({ model: 'gpt-4o-mini', messages: HELLO }));
      await new Promise((resolve) => setTimeout(resolve, 50));

      assert.equal((await fetch(`${gateway.url}/v1/metrics`)).status, 404, 'a metrics path under /v1 falls back to /metrics');
      const text = await (await fetch(`${gateway.url}/metrics`)).text();
      const labels = 'provider="openai",model="gpt-4o-mini",endpoint="/v1/chat/completions"';
      assert.match(text, new RegExp(`gomodel_requests_total\\{${labels},status_code="200",status_type="success",stream="false"\\} 1`));
      assert.match(text, new RegExp(`gomodel_requests_total\\{${labels},status_code="200",status_type="success",stream="true"\\} 1`));
      assert.match(text, new RegExp(`gomodel_requests_total\\{${labels},status_code="502",status_type="error",stream="false"\\} 1`));
      assert.match(text, new RegExp(`gomodel_tokens_total\\{${labels},type="input"\\} 34`), 'non-streamed 17 + streamed 17');
      assert.match(text, new RegExp(`gomodel_tokens_total\\{${labels},type="output"\\} 8`));
      assert.match(text, new RegExp(`gomodel_upstream_errors_total\\{${labels},status_code="500"\\} 1`));
      assert.match(text, /gomodel_upstream_attempts_total\{provider="openai",model="gpt-4o-mini",status="200"\} 2/);
      assert.match(text, /gomodel_upstream_attempts_total\{provider="openai",model="gpt-4o-mini",status="500"\} 1/);
      assert.match(text, /gomodel_request_duration_seconds_bucket\{le="0.005",provider="openai"/);
      assert.match(text, /process_resident_memory_bytes/);
    });

    it('counts requests whose model has no known price, so under-reported spend shows', async () => {
      await gateway.openai().chat.completions.create({ model: 'gpt-3.5-turbo', messages: HELLO });
      await new Promise((resolve) => setTimeout(resolve, 50));
      const text = await (await fetch(`${gateway.url}/metrics`)).text();
      assert.match(text, /gomodel_usage_price_unknown_total\{provider="openai",model="gpt-3.5-turbo"\} 1/);
      assert.doesNotMatch(text, /gomodel_usage_price_unknown_total\{[^}]*model="gpt-4o-mini"/, 'priced models are not counted');
    });
  });

  describe('Swagger', () => {
    let gateway: RunningGateway;
    before(async () => {
      gateway = await startGateway({ OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: `${upstream.url}/v1` });
    });
    after(() => gateway.close());

    it('serves the UI at /swagger/index.html and documents every endpoint', async () => {
      const page = await fetch(`${gateway.url}/swagger/index.html`);
      assert.equal(page.status, 200);
      assert.match(await page.text(), /swagger-ui/i);
      const doc = (await (await fetch(`${gateway.url}/swagger/doc.json`)).json()) as {
        paths: Record<string, Record<string, { parameters?: { name: string; in: string }[] }>>;
      };
      const documented = [
        ...['/v1/chat/completions', '/v1/embeddings', '/v1/models', '/v1/models/{model}', '/health', '/health/ready'],
        ...['/admin/usage/summary', '/admin/usage/daily', '/admin/usage/models', '/admin/usage/user-paths', '/admin/usage/log'],
        ...['/admin/audit/log', '/admin/audit/detail', '/admin/audit/conversation', '/admin/providers/status', '/admin/models'],
        ...['/admin/models/categories', '/admin/runtime/config', '/admin/runtime/refresh', '/admin/auth-keys', '/admin/auth-keys/{id}'],
      ];
      for (const path of documented) assert.ok(path in doc.paths, `${path} is documented`);
      const logParameters = (doc.paths['/admin/usage/log']?.get?.parameters ?? []).filter((param) => param.in === 'query');
      for (const name of ['limit', 'offset', 'model', 'provider', 'user_path', 'status', 'start_date', 'end_date']) {
        assert.ok(
          logParameters.some((param) => param.name === name),
          `usage/log documents its ${name} parameter`,
        );
      }
    });
  });
});
