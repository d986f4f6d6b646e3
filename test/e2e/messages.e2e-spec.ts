import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import Anthropic from '@anthropic-ai/sdk';
import {
  COUNTED_INPUT_TOKENS,
  startAnthropicMock,
  startGeminiMock,
  startMockUpstream,
  type AnthropicMock,
  type GeminiMock,
  type MockUpstream,
} from '@modelgate/providers/testing';
import type { UsageRow } from '@modelgate/storage';
import { startGateway, type RunningGateway } from '../support/gateway.js';
import { readUsageRows } from '../support/usage-rows.js';

const MASTER_KEY = 'master-secret';
const CLAUDE = 'anthropic/claude-sonnet-4-20250514';
const GPT = 'openai/gpt-4o-mini';
const HELLO: Anthropic.MessageParam[] = [{ role: 'user', content: 'Say Hello, World!' }];
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
const WEATHER: Anthropic.Tool = {
  name: 'get_weather',
  description: 'Current weather in a city',
  input_schema: { type: 'object', properties: { location: { type: 'string' } }, required: ['location'] },
};
const BETA = 'interleaved-thinking-2025-05-14,context-management-2025-06-27';
/** The thoughtSignature on the first functionCall of the recorded Gemini tool stream (stream_generate_content_tools.txt). */
const TOOL_SIGNATURE =
  'CiIB0e2Kb3Jx8Wc1hH3m2ZJt7cP4q9yR0X2kV5sN8aLfEoYBAdHtim9qPz1w3sBv0mYxQ4R2tH6nZ8cW1dK7eJ3uFl9pT0aGq2Xr5yVb8iN1oM4cS6wE7hU9jK2L0dQ3fP5gR8tA1zY=';

/** Claude Code's shape: system blocks with cache_control, thinking, tools (one deferred), context_management. */
function claudeCodeBody(model: string): Record<string, unknown> {
  return {
    model,
    max_tokens: 32000,
    stream: true,
    system: [
      { type: 'text', text: "You are Claude Code, Anthropic's official CLI for Claude.", cache_control: { type: 'ephemeral' } },
      { type: 'text', text: 'Be brief.', cache_control: { type: 'ephemeral' } },
    ],
    messages: [{ role: 'user', content: [{ type: 'text', text: 'Say Hello, World!', cache_control: { type: 'ephemeral' } }] }],
    tools: [
      { ...WEATHER, cache_control: { type: 'ephemeral' } },
      { name: 'Read', input_schema: { type: 'object', properties: {} }, defer_loading: true },
    ],
    thinking: { type: 'enabled', budget_tokens: 31999 },
    context_management: { edits: [{ type: 'clear_thinking_20251015', keep: 'all' }] },
    metadata: { user_id: 'user_123' },
  };
}

function claudeCodeHeaders(): Record<string, string> {
  return { 'content-type': 'application/json', 'x-api-key': MASTER_KEY, 'anthropic-version': '2023-06-01', 'anthropic-beta': BETA };
}

/** An OpenAI stream with text, then two tool calls whose arguments arrive in pieces, then usage. */
const TOOL_STREAM: Record<string, unknown>[] = [
  { delta: { role: 'assistant', content: 'Checking.' } },
  { delta: { tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '' } }] } },
  { delta: { tool_calls: [{ index: 0, function: { arguments: '{"location":' } }] } },
  { delta: { tool_calls: [{ index: 0, function: { arguments: '"Paris"}' } }] } },
  {
    delta: {
      tool_calls: [{ index: 1, id: 'call_2', type: 'function', function: { name: 'get_weather', arguments: '{"location":"Rome"}' } }],
    },
  },
  { delta: {}, finish_reason: 'tool_calls' },
].map((choice) => ({
  id: 'chatcmpl-tools',
  object: 'chat.completion.chunk',
  created: 1,
  model: 'gpt-4o-mini',
  choices: [{ index: 0, finish_reason: null, ...choice }],
}));

function sseOf(chunks: Record<string, unknown>[]): string {
  const usage = {
    id: 'chatcmpl-tools',
    object: 'chat.completion.chunk',
    created: 1,
    model: 'gpt-4o-mini',
    choices: [],
    usage: { prompt_tokens: 50, completion_tokens: 20, total_tokens: 70 },
  };
  const all = chunks.length === TOOL_STREAM.length ? [...chunks, usage] : chunks;
  return `${all.map((chunk) => `data: ${JSON.stringify(chunk)}\n\n`).join('')}${chunks.length === TOOL_STREAM.length ? 'data: [DONE]\n\n' : ''}`;
}

/** The `event:` names of an SSE body, in order. */
function eventNames(text: string): string[] {
  return [...text.matchAll(/^event: (.+)$/gm)].map((match) => match[1]!);
}

describe('/v1/messages through the official @anthropic-ai/sdk client', () => {
  let anthropicMock: AnthropicMock;
  let openaiMock: MockUpstream;
  let gateway: RunningGateway;
  let client: Anthropic;

  const openaiSent = (): Record<string, unknown> => openaiMock.lastRequest('/chat/completions')?.body as Record<string, unknown>;

  before(async () => {
    anthropicMock = await startAnthropicMock();
    openaiMock = await startMockUpstream('openai');
    gateway = await startGateway({
      // Upstream failures are shown as they come: no retries (test/e2e/resilience.e2e-spec.ts covers them).
      RETRY_MAX_RETRIES: '0',
      GOMODEL_MASTER_KEY: MASTER_KEY,
      ANTHROPIC_API_KEY: 'sk-ant-upstream',
      ANTHROPIC_BASE_URL: `${anthropicMock.url}/v1`,
      OPENAI_API_KEY: 'sk-openai-upstream',
      OPENAI_BASE_URL: `${openaiMock.url}/v1`,
    });
    client = new Anthropic({ baseURL: gateway.url, apiKey: MASTER_KEY, maxRetries: 0, timeout: 10_000 });
  });

  after(async () => {
    await gateway.close();
    await anthropicMock.close();
    await openaiMock.close();
  });

  beforeEach(() => {
    anthropicMock.reset();
    openaiMock.reset();
  });

  describe('native: an Anthropic upstream', () => {
    it('forwards the body and the anthropic-beta header unchanged and answers the upstream message', async () => {
      const message = await client.messages.create(
        { model: CLAUDE, max_tokens: 100, messages: HELLO },
        { headers: { 'anthropic-beta': BETA, 'anthropic-version': '2023-06-01' } },
      );
      assert.equal(message.id, 'msg_013LBDy1nvGiRgxiRAWseYRS');
      assert.deepEqual(message.content, [{ type: 'text', text: 'Hello World' }]);
      const sent = anthropicMock.lastRequest('/messages');
      assert.deepEqual(sent?.body, { model: 'claude-sonnet-4-20250514', max_tokens: 100, messages: HELLO });
      assert.equal(sent?.headers['anthropic-beta'], BETA);
      assert.equal(sent?.headers['anthropic-version'], '2023-06-01');
      assert.equal(sent?.headers['x-api-key'], 'sk-ant-upstream', 'the upstream gets its own key, never the client key');
    });

    it('relays the upstream stream so messages.stream().finalMessage() assembles it', async () => {
      const message = await client.messages.stream({ model: CLAUDE, max_tokens: 100, messages: HELLO }).finalMessage();
      assert.deepEqual(message.content, [{ type: 'text', text: 'Hello World' }]);
      assert.equal(message.stop_reason, 'end_turn');
      assert.equal(message.usage.output_tokens, 5);
    });

    it('round-trips signed thinking blocks and tool_use/tool_result byte for byte', async () => {
      const first = await client.messages.create({
        model: CLAUDE,
        max_tokens: 16000,
        thinking: { type: 'enabled', budget_tokens: 10000 },
        messages: [{ role: 'user', content: 'What is 27 * 453?' }],
      });
      const thinking = first.content.find((block) => block.type === 'thinking');
      assert.ok(thinking && thinking.type === 'thinking' && thinking.signature.length > 0);
      await client.messages.create({
        model: CLAUDE,
        max_tokens: 16000,
        thinking: { type: 'enabled', budget_tokens: 10000 },
        messages: [
          { role: 'user', content: 'What is 27 * 453?' },
          { role: 'assistant', content: first.content },
          { role: 'user', content: 'And times 2?' },
        ],
      });
      const replayed = (anthropicMock.lastRequest('/messages')?.body as { messages: { content: unknown }[] }).messages[1]!.content;
      assert.deepEqual(replayed, JSON.parse(JSON.stringify(first.content)));
    });

    it('relays a streamed thinking answer whose signature the SDK assembles', async () => {
      const message = await client.messages
        .stream({ model: CLAUDE, max_tokens: 16000, thinking: { type: 'enabled', budget_tokens: 10000 }, messages: HELLO })
        .finalMessage();
      const thinking = message.content.find((block) => block.type === 'thinking');
      assert.ok(thinking && thinking.type === 'thinking' && thinking.signature.length > 0 && thinking.thinking.length > 0);
    });

    it('forwards count_tokens to Anthropic', async () => {
      const counted = await client.messages.countTokens({ model: CLAUDE, messages: HELLO });
      assert.deepEqual(counted, { input_tokens: COUNTED_INPUT_TOKENS });
      assert.deepEqual(anthropicMock.lastRequest('/messages/count_tokens')?.body, { model: 'claude-sonnet-4-20250514', messages: HELLO });
    });

    it('serves a Claude-Code-shaped request (?beta=true, betas, cache_control, thinking, stream) end to end', async () => {
      const body = claudeCodeBody(CLAUDE);
      const response = await fetch(`${gateway.url}/v1/messages?beta=true`, {
        method: 'POST',
        headers: claudeCodeHeaders(),
        body: JSON.stringify(body),
      });
      assert.equal(response.status, 200);
      assert.match(response.headers.get('content-type') ?? '', /^text\/event-stream/);
      const names = eventNames(await response.text());
      assert.equal(names[0], 'message_start');
      assert.equal(names.at(-1), 'message_stop');
      const sent = anthropicMock.lastRequest('/messages');
      assert.deepEqual(sent?.body, { ...body, model: 'claude-sonnet-4-20250514' });
      assert.equal(sent?.headers['anthropic-beta'], BETA);
    });

    it('passes an upstream error through as Anthropic error JSON with its status', async () => {
      anthropicMock.enqueue({
        kind: 'error',
        status: 429,
        body: { type: 'error', error: { type: 'rate_limit_error', message: 'slow down' } },
      });
      await assert.rejects(client.messages.create({ model: CLAUDE, max_tokens: 10, messages: HELLO }), (err: unknown) => {
        assert.ok(err instanceof Anthropic.RateLimitError);
        assert.deepEqual(err.error, { type: 'error', error: { type: 'rate_limit_error', message: 'slow down' } });
        return true;
      });
    });
  });

  describe('translated: an OpenAI-wire upstream', () => {
    it('answers text as an Anthropic message and never sends Anthropic headers or credentials upstream', async () => {
      const message = await client.messages.create(
        {
          model: GPT,
          max_tokens: 100,
          system: [{ type: 'text', text: 'Be brief.', cache_control: { type: 'ephemeral' } }],
          messages: HELLO,
        },
        { headers: { 'anthropic-beta': BETA } },
      );
      assert.deepEqual(message, {
        id: 'chatcmpl-D0q7lRI0Z2q8190Q0ue3JnnWtqLrd',
        type: 'message',
        role: 'assistant',
        model: GPT,
        content: [{ type: 'text', text: 'Hello, World!' }],
        stop_reason: 'end_turn',
        stop_sequence: null,
        usage: { input_tokens: 17, output_tokens: 4, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
      });
      assert.deepEqual(openaiSent(), {
        model: 'gpt-4o-mini',
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'Say Hello, World!' },
        ],
        max_completion_tokens: 100,
      });
      const headers = openaiMock.lastRequest('/chat/completions')?.headers ?? {};
      assert.equal(headers['anthropic-beta'], undefined);
      assert.equal(headers.authorization, 'Bearer sk-openai-upstream');
      assert.equal(anthropicMock.requests.length, 0);
    });

    it('maps tools and a tool_result turn both ways', async () => {
      const first = await client.messages.create({
        model: GPT,
        max_tokens: 100,
        tools: [WEATHER],
        messages: [{ role: 'user', content: 'Weather in Paris?' }],
      });
      assert.equal(first.stop_reason, 'tool_use');
      assert.deepEqual(first.content, [
        { type: 'tool_use', id: 'call_X8zi23yeE70r4qiZ2lhIuRNK', name: 'get_weather', input: { location: 'Paris' } },
      ]);
      await client.messages.create({
        model: GPT,
        max_tokens: 100,
        tools: [WEATHER],
        messages: [
          { role: 'user', content: 'Weather in Paris?' },
          { role: 'assistant', content: first.content },
          { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'call_X8zi23yeE70r4qiZ2lhIuRNK', content: '15 degrees' }] },
        ],
      });
      assert.deepEqual((openaiSent().messages as unknown[]).slice(1), [
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            { id: 'call_X8zi23yeE70r4qiZ2lhIuRNK', type: 'function', function: { name: 'get_weather', arguments: '{"location":"Paris"}' } },
          ],
        },
        { role: 'tool', tool_call_id: 'call_X8zi23yeE70r4qiZ2lhIuRNK', content: '15 degrees' },
      ]);
      assert.deepEqual(openaiSent().tools, [
        { type: 'function', function: { name: 'get_weather', parameters: WEATHER.input_schema, description: 'Current weather in a city' } },
      ]);
    });

    it('sends images as image_url parts', async () => {
      await client.messages.create({
        model: GPT,
        max_tokens: 100,
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'What is this?' },
              { type: 'image', source: { type: 'base64', media_type: 'image/png', data: PNG } },
            ],
          },
        ],
      });
      assert.deepEqual(openaiSent().messages, [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is this?' },
            { type: 'image_url', image_url: { url: `data:image/png;base64,${PNG}` } },
          ],
        },
      ]);
    });

    it('maps thinking to reasoning_effort, and retries without it when the model refuses reasoning', async () => {
      await client.messages.create({ model: GPT, max_tokens: 20000, thinking: { type: 'enabled', budget_tokens: 4000 }, messages: HELLO });
      assert.equal(openaiSent().reasoning_effort, 'low');
      openaiMock.enqueue(
        {
          kind: 'error',
          status: 400,
          body: {
            error: {
              message: "Unsupported parameter: 'reasoning_effort' is not supported with this model.",
              type: 'invalid_request_error',
            },
          },
        },
        '/chat/completions',
      );
      const message = await client.messages.create({
        model: GPT,
        max_tokens: 20000,
        thinking: { type: 'adaptive' } as never,
        messages: HELLO,
      });
      assert.deepEqual(message.content, [{ type: 'text', text: 'Hello, World!' }]);
      assert.equal(openaiSent().reasoning_effort, undefined);
    });

    it('retries once per refused field when the model refuses reasoning_effort, then the 32000 max tokens Claude Code asks', async () => {
      const refusals = [
        ["Unsupported parameter: 'reasoning_effort' is not supported with this model.", 'reasoning_effort'],
        ['max_tokens is too large: 32000. This model supports at most 16384 completion tokens, whereas you provided 32000.', 'max_tokens'],
      ];
      for (const [message, param] of refusals) {
        openaiMock.enqueue(
          { kind: 'error', status: 400, body: { error: { message, type: 'invalid_request_error', param } } },
          '/chat/completions',
        );
      }
      const message = await client.messages
        .stream({ model: GPT, max_tokens: 32000, thinking: { type: 'enabled', budget_tokens: 31999 }, messages: HELLO })
        .finalMessage();
      assert.deepEqual(message.content, [{ type: 'text', text: 'Hello, World!' }]);
      const attempts = openaiMock.requests.map((request) => request.body as Record<string, unknown>);
      assert.deepEqual(
        attempts.map((body) => [body.reasoning_effort, body.max_completion_tokens]),
        [
          ['high', 32000],
          [undefined, 32000],
          [undefined, undefined],
        ],
      );
    });

    it('streams the Anthropic grammar that messages.stream().finalMessage() assembles, with authoritative usage', async () => {
      const stream = client.messages.stream({ model: GPT, max_tokens: 100, messages: HELLO });
      const types: string[] = [];
      stream.on('streamEvent', (event) => types.push(event.type));
      const message = await stream.finalMessage();
      assert.deepEqual(message.content, [{ type: 'text', text: 'Hello, World!' }]);
      assert.equal(message.stop_reason, 'end_turn');
      assert.deepEqual(message.usage, { input_tokens: 17, output_tokens: 4, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 });
      // The SDK does not surface ping events; the raw grammar, pings included, is checked in the Claude Code case.
      assert.deepEqual(types, [
        'message_start',
        'content_block_start',
        'content_block_delta',
        'content_block_delta',
        'content_block_delta',
        'content_block_delta',
        'content_block_stop',
        'message_delta',
        'message_stop',
      ]);
      assert.deepEqual(openaiSent().stream_options, { include_usage: true });
    });

    it('serves a Claude-Code-shaped request for a GPT model: betas ignored, server fields dropped, stream assembled', async () => {
      const response = await fetch(`${gateway.url}/v1/messages?beta=true`, {
        method: 'POST',
        headers: claudeCodeHeaders(),
        body: JSON.stringify(claudeCodeBody(GPT)),
      });
      assert.equal(response.status, 200);
      const text = await response.text();
      const names = eventNames(text);
      assert.deepEqual(names, [
        'message_start',
        'ping',
        'content_block_start',
        'content_block_delta',
        'content_block_delta',
        'content_block_delta',
        'content_block_delta',
        'content_block_stop',
        'message_delta',
        'message_stop',
      ]);
      const start = JSON.parse(/^data: (.+)$/m.exec(text)![1]!) as { message: { usage: { input_tokens: number } } };
      assert.ok(start.message.usage.input_tokens > 20, 'message_start carries a tokenizer estimate of the prompt');
      const sent = openaiSent();
      assert.deepEqual(sent.messages, [
        { role: 'system', content: "You are Claude Code, Anthropic's official CLI for Claude.\n\nBe brief." },
        { role: 'user', content: 'Say Hello, World!' },
      ]);
      assert.equal(sent.reasoning_effort, 'high');
      assert.equal(sent.user, 'user_123');
      assert.equal('context_management' in sent, false);
      assert.deepEqual(
        (sent.tools as { function: { name: string } }[]).map((tool) => tool.function.name),
        ['get_weather', 'Read'],
      );
    });

    it('streams tool calls as tool_use blocks the SDK assembles into parsed input', async () => {
      openaiMock.enqueue({ kind: 'raw', status: 200, contentType: 'text/event-stream', body: sseOf(TOOL_STREAM) }, '/chat/completions');
      const stream = client.messages.stream({
        model: GPT,
        max_tokens: 100,
        tools: [WEATHER],
        messages: [{ role: 'user', content: 'Weather?' }],
      });
      const message = await stream.finalMessage();
      assert.deepEqual(message.content, [
        { type: 'text', text: 'Checking.' },
        { type: 'tool_use', id: 'call_1', name: 'get_weather', input: { location: 'Paris' } },
        { type: 'tool_use', id: 'call_2', name: 'get_weather', input: { location: 'Rome' } },
      ]);
      assert.equal(message.stop_reason, 'tool_use');
      assert.deepEqual(message.usage, { input_tokens: 50, output_tokens: 20, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 });
    });

    it('ends a stream that fails upstream mid-way with an Anthropic error event', async () => {
      const broken = `${sseOf(TOOL_STREAM.slice(0, 1))}data: {"error":{"message":"upstream overloaded","type":"server_error"}}\n\n`;
      openaiMock.enqueue({ kind: 'raw', status: 200, contentType: 'text/event-stream', body: broken }, '/chat/completions');
      const response = await fetch(`${gateway.url}/v1/messages`, {
        method: 'POST',
        headers: claudeCodeHeaders(),
        body: JSON.stringify({ model: GPT, max_tokens: 100, stream: true, messages: HELLO }),
      });
      const text = await response.text();
      assert.equal(response.status, 200);
      assert.deepEqual(eventNames(text), ['message_start', 'ping', 'content_block_start', 'content_block_delta', 'error']);
      assert.ok(
        text.endsWith(
          `event: error\ndata: ${JSON.stringify({ type: 'error', error: { type: 'api_error', message: 'the provider failed mid-stream: upstream overloaded' } })}\n\n`,
        ),
      );
    });

    it('retries a stream without max_tokens when the model refuses a Claude-sized limit', async () => {
      openaiMock.enqueue(
        {
          kind: 'error',
          status: 400,
          body: {
            error: {
              message: 'max_tokens is too large: 32000. This model supports at most 16384 completion tokens, whereas you provided 32000.',
              type: 'invalid_request_error',
              param: 'max_tokens',
            },
          },
        },
        '/chat/completions',
      );
      const message = await client.messages.stream({ model: GPT, max_tokens: 32000, messages: HELLO }).finalMessage();
      assert.deepEqual(message.content, [{ type: 'text', text: 'Hello, World!' }]);
      assert.equal(openaiMock.requests.length, 2);
      assert.equal(openaiSent().max_completion_tokens, undefined);
    });

    it('estimates count_tokens with a tokenizer over the translated prompt', async () => {
      const small = await client.messages.countTokens({ model: GPT, messages: HELLO });
      const large = await client.messages.countTokens({
        model: GPT,
        messages: HELLO,
        tools: [WEATHER],
        system: 'You are a helpful assistant.',
      });
      // "Say Hello, World!" is 5 o200k tokens, "user" 1, plus 3 framing tokens per message and 3 for the reply.
      assert.deepEqual(small, { input_tokens: 12 });
      assert.ok(large.input_tokens > small.input_tokens + 20);
      assert.equal(openaiMock.requests.length, 0, 'nothing is sent upstream to count');
    });
  });

  describe('models', () => {
    it('lists models in Anthropic shape for the Anthropic SDK (anthropic-version header)', async () => {
      const ids: string[] = [];
      for await (const model of client.models.list()) {
        assert.equal(model.type, 'model');
        assert.match(model.created_at, /^\d{4}-\d{2}-\d{2}T/);
        ids.push(model.id);
      }
      assert.ok(ids.includes(CLAUDE) && ids.includes(GPT), ids.join(', '));
      const one = await client.models.retrieve(CLAUDE);
      assert.deepEqual(one, { type: 'model', id: CLAUDE, display_name: CLAUDE, created_at: '2025-05-22T00:00:00.000Z' });
    });

    it('keeps the OpenAI list for clients without anthropic-version', async () => {
      const list = await gateway.openai(MASTER_KEY).models.list();
      assert.equal(list.data[0]?.object, 'model');
    });
  });

  describe('auth and errors', () => {
    it('refuses a wrong x-api-key with Anthropic error JSON', async () => {
      const stranger = new Anthropic({ baseURL: gateway.url, apiKey: 'wrong', maxRetries: 0 });
      await assert.rejects(stranger.messages.create({ model: GPT, max_tokens: 10, messages: HELLO }), (err: unknown) => {
        assert.ok(err instanceof Anthropic.AuthenticationError);
        assert.equal((err.error as { type: string; error: { type: string } }).error.type, 'authentication_error');
        return true;
      });
    });

    it('accepts the key as Authorization: Bearer too', async () => {
      const bearer = new Anthropic({ baseURL: gateway.url, authToken: MASTER_KEY, apiKey: null, maxRetries: 0 });
      const message = await bearer.messages.create({ model: GPT, max_tokens: 10, messages: HELLO });
      assert.equal(message.type, 'message');
    });

    it('answers an unknown model with 404 not_found_error in Anthropic error JSON', async () => {
      const response = await fetch(`${gateway.url}/v1/messages`, {
        method: 'POST',
        headers: claudeCodeHeaders(),
        body: JSON.stringify({ model: 'gpt-9000', max_tokens: 10, messages: HELLO }),
      });
      assert.equal(response.status, 404);
      assert.deepEqual(await response.json(), {
        type: 'error',
        error: {
          type: 'not_found_error',
          message: "model 'gpt-9000' is not served by any configured provider; GET /v1/models lists the models you can use",
        },
      });
    });

    it('refuses a tool_use without its tool_result with 400 invalid_request_error', async () => {
      await assert.rejects(
        client.messages.create({
          model: GPT,
          max_tokens: 10,
          messages: [
            { role: 'user', content: 'Weather?' },
            { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_9', name: 'get_weather', input: {} }] },
            { role: 'user', content: 'never mind' },
          ],
        }),
        (err: unknown) => err instanceof Anthropic.BadRequestError && /toolu_9/.test(err.message),
      );
    });
  });
});

describe('/v1/messages translated to Gemini (Claude Code pointed at a Gemini model)', () => {
  let gemini: GeminiMock;
  let gateway: RunningGateway;
  let client: Anthropic;

  before(async () => {
    gemini = await startGeminiMock();
    gateway = await startGateway({ GEMINI_API_KEY: 'gm-key', GEMINI_BASE_URL: `${gemini.url}/v1beta` });
    client = new Anthropic({ baseURL: gateway.url, apiKey: 'unused', maxRetries: 0, timeout: 10_000 });
  });

  after(async () => {
    await gateway.close();
    await gemini.close();
  });

  it('streams a Gemini answer that messages.stream().finalMessage() assembles, with Gemini usage', async () => {
    const message = await client.messages.stream({ model: 'gemini/gemini-2.5-flash', max_tokens: 100, messages: HELLO }).finalMessage();
    assert.deepEqual(message.content, [
      { type: 'thinking', thinking: '**Greeting the world**\n\nThe user wants a classic greeting.', signature: '' },
      { type: 'text', text: 'Hello, World! How can I help you today?' },
    ]);
    assert.equal(message.stop_reason, 'end_turn');
    assert.equal(message.usage.input_tokens, 9);
    assert.equal(message.usage.output_tokens, 59);
  });

  it("keeps a Gemini tool call's thought signature through the client's tool_result turn, and sends free-form schemas as parametersJsonSchema", async () => {
    // Claude Code's TaskCreate tool has a free-form `metadata` map, which Gemini's OpenAPI schema subset cannot list.
    const task: Anthropic.Tool = {
      name: 'TaskCreate',
      description: 'Create a task',
      input_schema: {
        type: 'object',
        properties: { subject: { type: 'string' }, metadata: { type: 'object', additionalProperties: {} } },
        required: ['subject'],
      },
    };
    const tools = [WEATHER, task];
    const first = await client.messages
      .stream({ model: 'gemini/gemini-2.5-flash', max_tokens: 100, tools, messages: HELLO })
      .finalMessage();
    const declarations = (
      gemini.lastRequest(':streamGenerateContent')?.body as { tools: { functionDeclarations: Record<string, unknown>[] }[] }
    ).tools[0]!.functionDeclarations;
    assert.deepEqual(declarations[1], { name: 'TaskCreate', description: 'Create a task', parametersJsonSchema: task.input_schema });
    const calls = first.content.filter((block) => block.type === 'tool_use');
    assert.equal(calls.length, 2);
    await client.messages
      .stream({
        model: 'gemini/gemini-2.5-flash',
        max_tokens: 100,
        tools,
        messages: [
          ...HELLO,
          { role: 'assistant', content: first.content },
          { role: 'user', content: calls.map((call) => ({ type: 'tool_result' as const, tool_use_id: call.id, content: '18°C' })) },
        ],
      })
      .finalMessage();
    const contents = (
      gemini.lastRequest(':streamGenerateContent')?.body as { contents: { role: string; parts: Record<string, unknown>[] }[] }
    ).contents;
    assert.deepEqual(contents[1], {
      role: 'model',
      parts: [
        { functionCall: { name: 'get_weather', args: { location: 'Tokyo', unit: 'celsius' } }, thoughtSignature: TOOL_SIGNATURE },
        { functionCall: { name: 'get_weather', args: { location: 'Paris', unit: 'celsius' } } },
      ],
    });
  });

  it('serves a Claude-Code-shaped request (betas, cache_control, deferred tools, ?beta=true) for a Gemini model', async () => {
    const response = await fetch(`${gateway.url}/v1/messages?beta=true`, {
      method: 'POST',
      headers: { ...claudeCodeHeaders(), 'x-api-key': 'unused' },
      body: JSON.stringify(claudeCodeBody('gemini/gemini-2.5-flash')),
    });
    assert.equal(response.status, 200, await response.clone().text());
    const names = eventNames(await response.text());
    assert.deepEqual([names[0], names.at(-2), names.at(-1)], ['message_start', 'message_delta', 'message_stop']);
    const sent = gemini.lastRequest(':streamGenerateContent')?.body as { tools?: { functionDeclarations: { name: string }[] }[] };
    assert.deepEqual(
      sent.tools?.flatMap((tool) => tool.functionDeclarations.map((fn) => fn.name)),
      ['get_weather', 'Read'],
    );
  });
});

describe('/v1/messages usage rows', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'modelgate-messages-usage-'));
  const sqlitePath = join(dataDir, 'usage.db');
  let rows: UsageRow[];

  before(async () => {
    const anthropicMock = await startAnthropicMock();
    const openaiMock = await startMockUpstream('openai');
    const gateway = await startGateway({
      ANTHROPIC_API_KEY: 'sk-ant-upstream',
      ANTHROPIC_BASE_URL: `${anthropicMock.url}/v1`,
      OPENAI_API_KEY: 'sk-openai-upstream',
      OPENAI_BASE_URL: `${openaiMock.url}/v1`,
      SQLITE_PATH: sqlitePath,
      USAGE_FLUSH_INTERVAL: '10m',
    });
    const client = new Anthropic({ baseURL: gateway.url, apiKey: 'unused', maxRetries: 0 });
    try {
      await client.messages
        .stream({ model: CLAUDE, max_tokens: 100, messages: HELLO }, { headers: { 'X-Request-ID': 'native-stream' } })
        .finalMessage();
      await client.messages.create({ model: GPT, max_tokens: 100, messages: HELLO }, { headers: { 'X-Request-ID': 'translated' } });
      await client.messages
        .stream({ model: GPT, max_tokens: 100, messages: HELLO }, { headers: { 'X-Request-ID': 'translated-stream' } })
        .finalMessage();
    } finally {
      await gateway.close();
      await anthropicMock.close();
      await openaiMock.close();
    }
    rows = await readUsageRows(sqlitePath);
  });

  after(() => rmSync(dataDir, { recursive: true, force: true }));

  const row = (requestId: string): UsageRow => {
    const found = rows.find((candidate) => candidate.requestId === requestId);
    assert.ok(found, `a usage row for ${requestId}`);
    return found;
  };

  it('records endpoint /v1/messages with the tokens of native and translated answers', () => {
    const pick = (r: UsageRow) => ({
      endpoint: r.endpoint,
      providerType: r.providerType,
      model: r.model,
      stream: r.stream,
      inputTokens: r.inputTokens,
      outputTokens: r.outputTokens,
    });
    assert.deepEqual(pick(row('native-stream')), {
      endpoint: '/v1/messages',
      providerType: 'anthropic',
      model: 'claude-sonnet-4-20250514',
      stream: true,
      inputTokens: 10,
      outputTokens: 5,
    });
    assert.deepEqual(pick(row('translated')), {
      endpoint: '/v1/messages',
      providerType: 'openai',
      model: 'gpt-4o-mini',
      stream: false,
      inputTokens: 17,
      outputTokens: 4,
    });
    assert.deepEqual(pick(row('translated-stream')), { ...pick(row('translated')), stream: true });
  });
});
