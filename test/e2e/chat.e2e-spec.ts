import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { readJsonFixture, readSseFixture, startMockUpstream, type MockUpstream } from '@modelgate/providers/testing';
import OpenAI from 'openai';
import { startGateway, within, type RunningGateway } from '../support/gateway.js';

const HELLO = [{ role: 'user' as const, content: 'Say Hello, World!' }];

describe('chat completions, models and embeddings through the official openai client', () => {
  let openaiMock: MockUpstream;
  let groqMock: MockUpstream;
  let gateway: RunningGateway;
  let client: OpenAI;

  before(async () => {
    openaiMock = await startMockUpstream('openai');
    groqMock = await startMockUpstream('groq');
    gateway = await startGateway({
      // Upstream failures are shown as they come: no retries (test/e2e/resilience.e2e-spec.ts covers them).
      RETRY_MAX_RETRIES: '0',
      OPENAI_API_KEY: 'sk-main',
      OPENAI_BASE_URL: `${openaiMock.url}/v1`,
      OPENAI_EAST_API_KEY: 'sk-east',
      OPENAI_EAST_BASE_URL: `${openaiMock.url}/east/v1`,
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

  describe('models', () => {
    it('lists every model of every instance as instance/model, owned by the instance, sorted', async () => {
      const models = [];
      for await (const model of client.models.list()) models.push(model);
      const ids = models.map((model) => model.id);
      assert.ok(ids.includes('openai/gpt-4o-mini'));
      assert.ok(ids.includes('openai-east/gpt-4o-mini'));
      assert.ok(ids.includes('groq/llama-3.3-70b-versatile'));
      assert.ok(ids.includes('groq/openai/gpt-oss-20b'));
      assert.deepEqual(ids, [...ids].sort());
      const east = models.find((model) => model.id === 'openai-east/gpt-4o-mini');
      assert.equal(east?.owned_by, 'openai-east');
      assert.equal(east?.object, 'model');
      assert.equal(typeof east?.created, 'number');
    });

    it('retrieves one model by qualified and by bare ID', async () => {
      assert.equal((await client.models.retrieve('openai-east/gpt-4o-mini')).owned_by, 'openai-east');
      assert.equal((await client.models.retrieve('gpt-4o-mini')).id, 'openai/gpt-4o-mini');
    });
  });

  describe('routing', () => {
    it('sends a bare model to the first instance by name that serves it, with that instance key', async () => {
      await client.chat.completions.create({ model: 'gpt-4o-mini', messages: HELLO });
      const request = openaiMock.lastRequest('/chat/completions');
      assert.equal(request?.url, '/v1/chat/completions');
      assert.equal(request?.headers.authorization, 'Bearer sk-main');
      assert.equal((request?.body as { model: string }).model, 'gpt-4o-mini');
    });

    it('sends instance/model to that instance with the provider-local model name', async () => {
      await client.chat.completions.create({ model: 'openai-east/gpt-4o-mini', messages: HELLO });
      const request = openaiMock.lastRequest('/chat/completions');
      assert.equal(request?.url, '/east/v1/chat/completions');
      assert.equal(request?.headers.authorization, 'Bearer sk-east');
      assert.equal((request?.body as { model: string }).model, 'gpt-4o-mini');
    });

    it('keeps a slash inside the real model ID when the prefix is the instance', async () => {
      await client.chat.completions.create({ model: 'groq/openai/gpt-oss-20b', messages: HELLO });
      assert.equal((groqMock.lastRequest('/chat/completions')?.body as { model: string }).model, 'openai/gpt-oss-20b');
    });

    it('honours the gateway-only provider field and does not send it upstream', async () => {
      await client.chat.completions.create({ model: 'gpt-4o-mini', messages: HELLO, provider: 'openai-east' } as never);
      const request = openaiMock.lastRequest('/chat/completions');
      assert.equal(request?.headers.authorization, 'Bearer sk-east');
      assert.equal('provider' in (request?.body as object), false);
    });

    it('answers 404 model_not_found for an unknown model, saying how to list models', async () => {
      await assert.rejects(client.chat.completions.create({ model: 'gpt-9000', messages: HELLO }), (err: unknown) => {
        assert.ok(err instanceof OpenAI.NotFoundError);
        assert.equal(err.code, 'model_not_found');
        assert.equal(err.param, 'model');
        assert.match(err.message, /GET \/v1\/models/);
        return true;
      });
      assert.equal(openaiMock.requests.length, 0);
    });
  });

  describe('non-streaming chat', () => {
    it('returns the upstream answer unchanged and forwards the X-Request-ID', async () => {
      const { data, response } = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: HELLO }).withResponse();
      assert.deepEqual(data, readJsonFixture('openai/chat_completion.json'));
      const requestId = response.headers.get('x-request-id');
      assert.ok(requestId);
      assert.equal(openaiMock.lastRequest('/chat/completions')?.headers['x-client-request-id'], requestId);
      assert.match(response.headers.get('server-timing') ?? '', /^gateway;dur=\d+\.\d+, upstream;dur=\d+\.\d+$/);
    });

    it('forwards every field, known or unknown, exactly as sent except the model', async () => {
      const body = {
        model: 'openai-east/gpt-4o-mini',
        messages: [
          { role: 'system', content: 'Be brief.' },
          {
            role: 'user',
            content: [
              { type: 'text', text: 'hi' },
              { type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA' } },
            ],
          },
        ],
        temperature: 0.3,
        logit_bias: { '50256': -100 },
        seed: 7,
        future_field: { nested: [1, 'two', { three: null }] },
        metadata: { team: 'a' },
      };
      await client.chat.completions.create(body as never);
      assert.deepEqual(openaiMock.lastRequest('/chat/completions')?.body, { ...body, model: 'gpt-4o-mini' });
    });

    it('forwards tools and tool_choice and returns the tool calls', async () => {
      const tools = [
        {
          type: 'function' as const,
          function: {
            name: 'get_weather',
            parameters: { type: 'object', properties: { location: { type: 'string' } }, required: ['location'] },
          },
        },
      ];
      const completion = await client.chat.completions.create({
        model: 'gpt-4o-mini',
        messages: [{ role: 'user', content: 'Weather in Paris?' }],
        tools,
        tool_choice: 'auto',
        parallel_tool_calls: true,
      });
      const sent = openaiMock.lastRequest('/chat/completions')?.body as Record<string, unknown>;
      assert.deepEqual(sent.tools, tools);
      assert.equal(sent.tool_choice, 'auto');
      assert.equal(sent.parallel_tool_calls, true);
      assert.deepEqual(completion, readJsonFixture('openai/chat_with_tools.json'));
      assert.equal(completion.choices[0]?.finish_reason, 'tool_calls');
    });
  });

  describe('streaming chat', () => {
    it('streams the recorded chunks, asks the upstream for usage and hides the usage chunk the client did not ask for', async () => {
      const stream = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: HELLO, stream: true });
      const chunks = [];
      for await (const chunk of stream) chunks.push(chunk);
      assert.equal(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join(''), 'Hello, World!');
      assert.equal(chunks[0]?.choices[0]?.delta.role, 'assistant');
      assert.equal(chunks.at(-1)?.choices[0]?.finish_reason, 'stop');
      assert.ok(
        chunks.every((chunk) => !('usage' in chunk)),
        'no usage field reaches a client that did not ask',
      );
      assert.equal(chunks.length, readSseFixture('openai/chat_completion_stream.txt').length - 1);
      const sent = openaiMock.lastRequest('/chat/completions')?.body as Record<string, unknown>;
      assert.deepEqual(sent.stream_options, { include_usage: true });
    });

    it('passes the usage chunk to a client that asked for it', async () => {
      const stream = await client.chat.completions.create({
        model: 'gpt-4o-mini',
        messages: HELLO,
        stream: true,
        stream_options: { include_usage: true },
      });
      const chunks = [];
      for await (const chunk of stream) chunks.push(chunk);
      const last = chunks.at(-1);
      assert.deepEqual(last?.choices, []);
      assert.deepEqual(last?.usage, readJsonFixture('openai/chat_completion.json').usage);
    });

    it('writes server-sent events ending with data: [DONE]', async () => {
      const response = await fetch(`${gateway.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'groq/llama-3.3-70b-versatile', messages: HELLO, stream: true }),
      });
      assert.equal(response.status, 200);
      assert.match(response.headers.get('content-type') ?? '', /^text\/event-stream/);
      const text = await response.text();
      const expected = readSseFixture('groq/chat_completion_stream.txt')
        .map((data) => `data: ${data}\n\n`)
        .join('');
      assert.equal(text, expected, 'the groq stream (usage beside non-empty choices) is relayed byte for byte');
    });

    it('reports an upstream error that happens before the first chunk as an HTTP error', async () => {
      openaiMock.enqueue({
        kind: 'error',
        status: 429,
        body: { error: { message: 'slow down', type: 'rate_limit_error', code: 'rate_limit_exceeded' } },
        headers: { 'retry-after': '7' },
      });
      await assert.rejects(client.chat.completions.create({ model: 'gpt-4o-mini', messages: HELLO, stream: true }), (err: unknown) => {
        assert.ok(err instanceof OpenAI.RateLimitError);
        assert.equal(err.message, '429 slow down');
        assert.equal(err.headers?.get('retry-after'), '7');
        return true;
      });
    });

    it('aborts the upstream request within a second of the client going away', async () => {
      openaiMock.enqueue({ kind: 'slow-stream', intervalMs: 50 });
      const stream = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: HELLO, stream: true });
      let seen = 0;
      for await (const _chunk of stream) {
        seen += 1;
        if (seen === 3) break;
      }
      const upstream = openaiMock.lastRequest('/chat/completions');
      assert.ok(upstream);
      await within(upstream.aborted, 1000, 'upstream abort');
      assert.equal(upstream.wasAborted(), true);
    });
  });

  describe('embeddings', () => {
    it('forwards the request and returns the upstream list', async () => {
      const result = await client.embeddings.create({
        model: 'text-embedding-3-small',
        input: ['alpha', 'beta'],
        encoding_format: 'float',
        dimensions: 4,
      });
      assert.equal(result.object, 'list');
      assert.equal(result.data.length, 2);
      assert.equal(result.data[1]?.index, 1);
      assert.equal(result.data[0]?.embedding.length, 4);
      assert.deepEqual(result.usage, { prompt_tokens: 3, total_tokens: 3 });
      assert.deepEqual(openaiMock.lastRequest('/embeddings')?.body, {
        model: 'text-embedding-3-small',
        input: ['alpha', 'beta'],
        encoding_format: 'float',
        dimensions: 4,
      });
    });

    it('rejects a missing input with 400 naming input', async () => {
      await assert.rejects(client.embeddings.create({ model: 'text-embedding-3-small' } as never), (err: unknown) => {
        assert.ok(err instanceof OpenAI.BadRequestError);
        assert.equal(err.param, 'input');
        return true;
      });
    });
  });
});
