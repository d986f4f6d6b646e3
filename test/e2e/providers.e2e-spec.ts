import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startMockUpstream, type MockUpstream } from '@modelgate/providers/testing';
import { startGateway, type RunningGateway } from '../support/gateway.js';

const HELLO = [{ role: 'user' as const, content: 'hi' }];

describe('OpenAI-wire provider dialects', () => {
  let upstream: MockUpstream;
  let gateway: RunningGateway;

  before(async () => {
    upstream = await startMockUpstream('openai');
    gateway = await startGateway({
      AZURE_API_KEY: 'az-key',
      AZURE_BASE_URL: `${upstream.url}/openai/deployments/my-dep`,
      AZURE_API_VERSION: '2025-01-01-preview',
      OPENROUTER_API_KEY: 'or-key',
      OPENROUTER_BASE_URL: `${upstream.url}/api/v1`,
      OPENROUTER_SITE_URL: 'https://example.test',
      OPENROUTER_APP_NAME: 'Acme Bot',
      VLLM_BASE_URL: `${upstream.url}/vllm/v1`,
      DEEPSEEK_API_KEY: 'ds-key',
      DEEPSEEK_BASE_URL: upstream.url,
    });
  });

  after(async () => {
    await gateway.close();
    await upstream.close();
  });

  it('calls Azure on the deployment URL with the api-key header and api-version, and lists models at the resource root', async () => {
    const models = upstream.requests.filter((request) => request.url.startsWith('/openai/models'));
    assert.deepEqual(
      models.map((request) => request.url),
      ['/openai/models?api-version=2025-01-01-preview'],
    );
    await gateway.openai().chat.completions.create({ model: 'azure/gpt-4o-mini', messages: HELLO });
    const chat = upstream.lastRequest('/chat/completions');
    assert.equal(chat?.url, '/openai/deployments/my-dep/chat/completions?api-version=2025-01-01-preview');
    assert.equal(chat?.headers['api-key'], 'az-key');
    assert.equal(chat?.headers.authorization, undefined);
  });

  it('sends OpenRouter attribution headers', async () => {
    await gateway.openai().chat.completions.create({ model: 'openrouter/gpt-4o-mini', messages: HELLO });
    const chat = upstream.lastRequest('/chat/completions');
    assert.equal(chat?.url, '/api/v1/chat/completions');
    assert.equal(chat?.headers.authorization, 'Bearer or-key');
    assert.equal(chat?.headers['http-referer'], 'https://example.test');
    assert.equal(chat?.headers['x-openrouter-title'], 'Acme Bot');
    assert.equal(chat?.headers['x-title'], 'Acme Bot');
  });

  it("sends GoModel's default OpenRouter attribution when OPENROUTER_SITE_URL and OPENROUTER_APP_NAME are unset or blank, also on passthrough", async () => {
    const bare = await startGateway({
      OPENROUTER_API_KEY: 'or-key',
      OPENROUTER_BASE_URL: `${upstream.url}/api/v1`,
      OPENROUTER_SITE_URL: ' ',
    });
    try {
      await bare.openai().chat.completions.create({ model: 'openrouter/gpt-4o-mini', messages: HELLO });
      const passthrough = await fetch(`${bare.url}/p/openrouter/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'gpt-4o-mini', messages: HELLO }),
      });
      assert.equal(passthrough.status, 200);
      const [translated, passed] = upstream.requests.filter((request) => request.url === '/api/v1/chat/completions').slice(-2);
      for (const request of [translated, passed]) {
        assert.deepEqual(
          [request?.headers['http-referer'], request?.headers['x-openrouter-title'], request?.headers['x-title']],
          ['https://gomodel.enterpilot.io', 'GoModel', 'GoModel'],
        );
      }
    } finally {
      await bare.close();
    }
  });

  it('registers vLLM from its base URL alone and sends no Authorization header', async () => {
    await gateway.openai().chat.completions.create({ model: 'vllm/gpt-4o-mini', messages: HELLO });
    const chat = upstream.lastRequest('/chat/completions');
    assert.equal(chat?.url, '/vllm/v1/chat/completions');
    assert.equal(chat?.headers.authorization, undefined);
    assert.equal(typeof chat?.headers['x-request-id'], 'string');
  });

  it('uses DeepSeek paths without /v1 and embeds through the same adapter', async () => {
    await gateway.openai().embeddings.create({ model: 'deepseek/text-embedding-3-small', input: 'x', encoding_format: 'float' });
    assert.equal(upstream.lastRequest('/embeddings')?.url, '/embeddings');
  });
});

describe('configured model lists', () => {
  it('allowlist mode exposes exactly the configured models and never asks the upstream', async () => {
    const upstream = await startMockUpstream('openai');
    const gateway = await startGateway({
      OPENAI_API_KEY: 'sk',
      OPENAI_BASE_URL: `${upstream.url}/v1`,
      OPENAI_MODELS: 'gpt-4o-mini, my-finetune',
      CONFIGURED_PROVIDER_MODELS_MODE: 'allowlist',
    });
    try {
      const ids = (await gateway.openai().models.list()).data.map((model) => model.id);
      assert.deepEqual(ids, ['openai/gpt-4o-mini', 'openai/my-finetune']);
      assert.equal(upstream.requests.filter((request) => request.url.endsWith('/models')).length, 0);
      await gateway.openai().chat.completions.create({ model: 'my-finetune', messages: HELLO });
      assert.equal((upstream.lastRequest('/chat/completions')?.body as { model: string }).model, 'my-finetune');
    } finally {
      await gateway.close();
      await upstream.close();
    }
  });

  it('fallback mode uses the configured models when the upstream list fails', async () => {
    const upstream = await startMockUpstream('openai');
    upstream.enqueue({ kind: 'error', status: 500, body: { error: { message: 'down' } } }, '/models');
    const gateway = await startGateway({ OPENAI_API_KEY: 'sk', OPENAI_BASE_URL: `${upstream.url}/v1`, OPENAI_MODELS: 'gpt-4o-mini' });
    try {
      const ids = (await gateway.openai().models.list()).data.map((model) => model.id);
      assert.deepEqual(ids, ['openai/gpt-4o-mini']);
      const ready = (await (await fetch(`${gateway.url}/health/ready`)).json()) as {
        details: Record<string, { source: string; lastError: string }>;
      };
      assert.equal(ready.details['provider:openai']?.source, 'configured');
      assert.match(ready.details['provider:openai']?.lastError ?? '', /HTTP 500/);
    } finally {
      await gateway.close();
      await upstream.close();
    }
  });
});

describe('usage read from whichever chunk carries it', () => {
  let upstream: MockUpstream;
  let gateway: RunningGateway;
  before(async () => {
    upstream = await startMockUpstream('groq');
    gateway = await startGateway({ GROQ_API_KEY: 'gsk', GROQ_BASE_URL: `${upstream.url}/openai/v1`, METRICS_ENABLED: 'true' });
  });
  after(async () => {
    await gateway.close();
    await upstream.close();
  });

  it('counts Groq stream usage that arrives beside a non-empty choices array', async () => {
    const stream = await gateway.openai().chat.completions.create({ model: 'llama-3.3-70b-versatile', messages: HELLO, stream: true });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    assert.equal(chunks.at(-1)?.choices[0]?.finish_reason, 'stop');
    assert.equal(chunks.at(-1)?.usage?.prompt_tokens, 38, 'the provider-native usage on a content chunk is left in place');
    await new Promise((resolve) => setTimeout(resolve, 20));
    const text = await (await fetch(`${gateway.url}/metrics`)).text();
    assert.match(
      text,
      /gomodel_tokens_total\{provider="groq",model="llama-3.3-70b-versatile",endpoint="\/v1\/chat\/completions",type="input"\} 38/,
    );
    assert.match(
      text,
      /gomodel_tokens_total\{provider="groq",model="llama-3.3-70b-versatile",endpoint="\/v1\/chat\/completions",type="output"\} 4/,
    );
  });
});
