import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ConfigError, type ProviderConfig } from '@modelgate/config';
import { GatewayError, RequestContext } from '@modelgate/core';
import { lastValueFrom, toArray } from 'rxjs';
import { startGeminiMock, startMockUpstream, type GeminiMock, type MockUpstream } from '../testing/index.js';
import { createVertex, geminiApiMode, VERTEX_DISCOVERY } from './gemini.registration.js';

const HTTP = { timeoutMs: 5_000, responseHeaderTimeoutMs: 5_000 };

function instance(name: string, settings: Record<string, string>, baseUrl = 'https://example.test/v1'): ProviderConfig {
  return { name, type: name.split('-')[0]!, apiKey: undefined, baseUrl, apiVersion: undefined, models: ['gemini-2.5-flash'], settings };
}

describe('geminiApiMode', () => {
  it('is native by default, follows GEMINI_API_MODE, else the legacy USE_GOOGLE_GEMINI_NATIVE_API', () => {
    assert.equal(geminiApiMode(instance('gemini', { API_MODE: '', USE_GOOGLE_GEMINI_NATIVE_API: '' })), 'native');
    assert.equal(
      geminiApiMode(instance('gemini', { API_MODE: 'openai_compatible', USE_GOOGLE_GEMINI_NATIVE_API: 'true' })),
      'openai_compatible',
    );
    assert.equal(geminiApiMode(instance('gemini', { API_MODE: '', USE_GOOGLE_GEMINI_NATIVE_API: 'false' })), 'openai_compatible');
    assert.equal(geminiApiMode(instance('gemini', { API_MODE: 'native', USE_GOOGLE_GEMINI_NATIVE_API: 'false' })), 'native');
  });

  it('names the variable of a bad mode', () => {
    assert.throws(
      () => geminiApiMode(instance('gemini-eu', { API_MODE: 'grpc' })),
      (err: unknown) => {
        assert.ok(err instanceof ConfigError);
        assert.match(err.message, /GEMINI_EU_API_MODE must be 'native' or 'openai_compatible'/);
        return true;
      },
    );
  });
});

describe('Vertex AI adapter with an injected token source', () => {
  let mock: GeminiMock;
  before(async () => {
    mock = await startGeminiMock();
  });
  after(() => mock.close());

  it('calls the global location with the token it is given, and lists the configured models', async () => {
    const settings = { PROJECT: 'p-1', LOCATION: 'global', AUTH_TYPE: 'adc', API_MODE: '' };
    const adapter = createVertex(instance('vertex-us', settings, `${mock.url}/v1`), HTTP, () => Promise.resolve('token-1'));
    try {
      const body = { model: 'gemini-2.5-flash', messages: [{ role: 'user', content: 'hi' }] };
      const result = await adapter.chatCompletion({ body }, new RequestContext('r-1'));
      assert.equal((result.body.choices as { message: { content: string } }[])[0]?.message.content, 'Hello, World!');
      const request = mock.lastRequest(':generateContent');
      assert.equal(request?.url, '/v1/projects/p-1/locations/global/publishers/google/models/gemini-2.5-flash:generateContent');
      assert.equal(request?.headers.authorization, 'Bearer token-1');
      assert.deepEqual(
        (await adapter.listModels(AbortSignal.timeout(1000))).map((model) => model.id),
        ['gemini-2.5-flash'],
      );
    } finally {
      await adapter.close();
    }
  });

  it('answers 502 naming the instance when no token can be had', async () => {
    const settings = { PROJECT: 'p-1', LOCATION: 'us-central1', AUTH_TYPE: 'adc', API_MODE: '' };
    const adapter = createVertex(instance('vertex', settings, `${mock.url}/v1`), HTTP, () =>
      Promise.reject(new Error('no credentials found')),
    );
    try {
      await assert.rejects(
        adapter.chatCompletion({ body: { model: 'gemini-2.5-flash', messages: [] } }, new RequestContext('r-2')),
        (err: unknown) => {
          assert.ok(err instanceof GatewayError);
          assert.equal(err.status, 502);
          assert.match(err.message, /could not get a Google access token for provider 'vertex': no credentials found/);
          return true;
        },
      );
    } finally {
      await adapter.close();
    }
  });

  it('refuses an unknown API mode or auth type when the configuration is checked, naming the variable', () => {
    const base = { PROJECT: 'p-1', LOCATION: 'us-central1', AUTH_TYPE: 'adc', API_MODE: '' };
    for (const [settings, message] of [
      [{ ...base, API_MODE: 'grpc' }, /^VERTEX_US_API_MODE must be 'native' or 'openai_compatible'$/],
      [{ ...base, AUTH_TYPE: 'api_key' }, /^VERTEX_US_AUTH_TYPE must be 'gcp_adc'/],
    ] as const) {
      assert.throws(
        () => VERTEX_DISCOVERY.validate!(instance('vertex-us', settings), (field) => `VERTEX_US_${field}`),
        (err: unknown) => err instanceof ConfigError && message.test(err.message),
      );
    }
    VERTEX_DISCOVERY.validate!(instance('vertex-us', { ...base, API_MODE: 'openai_compatible' }), (field) => field);
  });

  it('refuses an unknown auth type at start-up, naming the variable', () => {
    const settings = { PROJECT: 'p-1', LOCATION: 'us-central1', AUTH_TYPE: 'api_key', API_MODE: '' };
    assert.throws(
      () => createVertex(instance('vertex-us', settings), HTTP, () => Promise.resolve('t')),
      /VERTEX_US_AUTH_TYPE must be 'gcp_adc'/,
    );
  });
});

describe('Vertex AI in openai_compatible mode', () => {
  let upstream: MockUpstream;
  before(async () => {
    upstream = await startMockUpstream('openai');
  });
  after(() => upstream.close());

  it("calls the project's endpoints/openapi chat completions with the token and google/ model names, streaming too", async () => {
    const settings = { PROJECT: 'p-1', LOCATION: 'europe-west4', AUTH_TYPE: 'gcp_adc', API_MODE: 'openai_compatible' };
    const adapter = createVertex(instance('vertex', settings, `${upstream.url}/v1`), HTTP, () => Promise.resolve('token-2'));
    try {
      const bytes = Buffer.from('{"model":"gemini-2.5-flash","messages":[{"role":"user","content":"hi"}]}');
      const body = JSON.parse(bytes.toString()) as { model: string; messages: { role: string; content: string }[] };
      const result = await adapter.chatCompletion({ body, bytes }, new RequestContext('r-3'));
      assert.equal((result.body.choices as { message: { content: string } }[])[0]?.message.content, 'Hello, World!');
      const request = upstream.lastRequest('/chat/completions');
      assert.equal(request?.url, '/v1/projects/p-1/locations/europe-west4/endpoints/openapi/chat/completions');
      assert.deepEqual(
        [request?.headers.authorization, request?.headers['x-request-id'], request?.body],
        ['Bearer token-2', 'r-3', { ...body, model: 'google/gemini-2.5-flash' }],
      );

      const frames = await lastValueFrom(
        adapter
          .streamChatCompletion({ body: { ...body, model: 'google/gemini-2.5-pro', stream: true } }, new RequestContext('r-4'))
          .pipe(toArray()),
      );
      assert.ok(frames.length > 1);
      assert.ok(frames.every((frame) => frame.data !== '[DONE]'));
      assert.equal((upstream.lastRequest('/chat/completions')?.body as { model: string }).model, 'google/gemini-2.5-pro');
      assert.deepEqual(
        (await adapter.listModels(AbortSignal.timeout(1000))).map((model) => model.id),
        ['gemini-2.5-flash'],
      );
    } finally {
      await adapter.close();
    }
  });
});
