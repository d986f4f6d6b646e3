import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { readJsonFixture, startAnthropicMock, type AnthropicMock } from '@modelgate/providers/testing';
import OpenAI from 'openai';
import type { ChatCompletionChunk, ChatCompletionMessageParam, ChatCompletionTool } from 'openai/resources/chat/completions';
import { startGateway, type RunningGateway } from '../support/gateway.js';

const MODEL = 'anthropic/claude-sonnet-4-20250514';
const HELLO: ChatCompletionMessageParam[] = [{ role: 'user', content: 'Say Hello, World!' }];
const WEATHER: ChatCompletionTool = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'Current weather in a city',
    parameters: { type: 'object', properties: { location: { type: 'string' } }, required: ['location'] },
  },
};

interface Thinking {
  type: 'thinking';
  thinking: string;
  signature: string;
}

describe('Anthropic through the official openai client', () => {
  let upstream: AnthropicMock;
  let gateway: RunningGateway;
  let client: OpenAI;

  const sent = (): Record<string, unknown> => upstream.lastRequest('/messages')?.body as Record<string, unknown>;

  before(async () => {
    upstream = await startAnthropicMock();
    // Upstream failures are shown as they come: no retries (test/e2e/resilience.e2e-spec.ts covers them).
    gateway = await startGateway({ ANTHROPIC_API_KEY: 'sk-ant-test', ANTHROPIC_BASE_URL: `${upstream.url}/v1`, RETRY_MAX_RETRIES: '0' });
    client = gateway.openai();
  });

  after(async () => {
    await gateway.close();
    await upstream.close();
  });

  beforeEach(() => upstream.reset());

  it('lists Anthropic models with created in unix seconds', async () => {
    const model = await client.models.retrieve(MODEL);
    assert.equal(model.id, MODEL);
    assert.equal(model.created, 1747872000);
  });

  it('answers a chat with the translated message and sends Anthropic headers and body', async () => {
    const { data, response } = await client.chat.completions.create({ model: MODEL, messages: HELLO }).withResponse();
    assert.deepEqual(data, {
      id: 'msg_013LBDy1nvGiRgxiRAWseYRS',
      object: 'chat.completion',
      created: data.created,
      model: 'claude-sonnet-4-20250514',
      choices: [{ index: 0, message: { role: 'assistant', content: 'Hello World', refusal: null }, logprobs: null, finish_reason: 'stop' }],
      usage: { prompt_tokens: 14, completion_tokens: 5, total_tokens: 19, prompt_tokens_details: { cached_tokens: 0 } },
    });
    assert.ok(Math.abs(data.created - Date.now() / 1000) < 60);
    const request = upstream.lastRequest('/messages');
    assert.equal(request?.url, '/v1/messages');
    assert.equal(request?.headers['x-api-key'], 'sk-ant-test');
    assert.equal(request?.headers['anthropic-version'], '2023-06-01');
    assert.equal(request?.headers['content-type'], 'application/json');
    assert.equal(request?.headers['x-request-id'], response.headers.get('x-request-id'));
    assert.equal(request?.headers.authorization, undefined);
    assert.deepEqual(request?.body, { model: 'claude-sonnet-4-20250514', max_tokens: 4096, messages: HELLO });
  });

  it('hoists system and developer messages into system, in order, and maps sampling fields', async () => {
    await client.chat.completions.create({
      model: MODEL,
      messages: [{ role: 'system', content: 'Count.' }, { role: 'developer', content: 'Stop at 3.' }, ...HELLO],
      max_completion_tokens: 50,
      temperature: 0,
      stop: '3',
      user: 'alice',
    });
    assert.deepEqual(sent(), {
      model: 'claude-sonnet-4-20250514',
      max_tokens: 50,
      messages: HELLO,
      system: [
        { type: 'text', text: 'Count.' },
        { type: 'text', text: 'Stop at 3.' },
      ],
      stop_sequences: ['3'],
      temperature: 0,
      metadata: { user_id: 'alice' },
    });
  });

  it('sends response_format json_schema as structured outputs and strict tools as strict', async () => {
    const schema = { type: 'object', properties: { n: { type: 'integer' } }, required: ['n'], additionalProperties: false };
    await client.chat.completions.create({
      model: MODEL,
      messages: HELLO,
      response_format: { type: 'json_schema', json_schema: { name: 'count', strict: true, schema } },
      tools: [{ ...WEATHER, function: { ...WEATHER.function, strict: true } }],
    });
    assert.deepEqual(sent().output_config, { format: { type: 'json_schema', schema } });
    assert.equal((sent().tools as { strict?: boolean }[])[0]?.strict, true);
  });

  describe('streaming', () => {
    async function collect(stream: AsyncIterable<ChatCompletionChunk>): Promise<ChatCompletionChunk[]> {
      const chunks: ChatCompletionChunk[] = [];
      for await (const chunk of stream) chunks.push(chunk);
      return chunks;
    }

    it('streams role first, the text, the finish reason and usage when asked', async () => {
      const chunks = await collect(
        await client.chat.completions.create({ model: MODEL, messages: HELLO, stream: true, stream_options: { include_usage: true } }),
      );
      assert.deepEqual(chunks[0]?.choices[0]?.delta, { role: 'assistant' });
      assert.equal(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join(''), 'Hello World');
      assert.equal(chunks.at(-2)?.choices[0]?.finish_reason, 'stop');
      assert.deepEqual(chunks.at(-1)?.choices, []);
      assert.deepEqual(chunks.at(-1)?.usage, {
        prompt_tokens: 10,
        completion_tokens: 5,
        total_tokens: 15,
        prompt_tokens_details: { cached_tokens: 0 },
        cache_read_input_tokens: 0,
        cache_creation_input_tokens: 0,
      });
      assert.ok(chunks.every((chunk) => chunk.id === 'msg_01SJmPi7XXP8qscFQiHPR9oy' && chunk.created === chunks[0]?.created));
      assert.equal(sent().stream, true);
    });

    it('sends no usage chunk when the client did not ask', async () => {
      const chunks = await collect(await client.chat.completions.create({ model: MODEL, messages: HELLO, stream: true }));
      assert.ok(chunks.every((chunk) => chunk.choices.length === 1 && chunk.usage == null));
    });

    it('streams a tool call that reassembles into name and arguments', async () => {
      const chunks = await collect(await client.chat.completions.create({ model: MODEL, messages: HELLO, tools: [WEATHER], stream: true }));
      const calls = chunks.flatMap((chunk) => chunk.choices[0]?.delta.tool_calls ?? []);
      assert.deepEqual(
        { id: calls[0]?.id, name: calls[0]?.function?.name, arguments: calls.map((call) => call.function?.arguments ?? '').join('') },
        { id: 'toolu_01Dq95J3WcnLmvSvBpAuaXwi', name: 'get_weather', arguments: '{"location":"Paris"}' },
      );
      assert.ok(calls.every((call) => call.index === 0));
      assert.equal(chunks.at(-1)?.choices[0]?.finish_reason, 'tool_calls');
    });

    it('surfaces an upstream error event as a stream error', async () => {
      upstream.enqueue({
        kind: 'events',
        events: [
          {
            type: 'message_start',
            message: { ...readJsonFixture<Record<string, unknown>>('anthropic/messages.json'), content: [] } as never,
          },
          { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } },
        ],
      });
      await assert.rejects(
        collect(await client.chat.completions.create({ model: MODEL, messages: HELLO, stream: true })),
        (err: unknown) => err instanceof Error && /Overloaded/.test(err.message),
      );
    });
  });

  it('runs a two-turn tool conversation: tool_calls out, tool results back as one user turn', async () => {
    const first = await client.chat.completions.create({
      model: MODEL,
      messages: [{ role: 'user', content: 'Weather in Paris?' }],
      tools: [WEATHER],
    });
    const message = first.choices[0]!.message;
    assert.equal(first.choices[0]?.finish_reason, 'tool_calls');
    assert.deepEqual(message.tool_calls, [
      { id: 'toolu_01Dq95J3WcnLmvSvBpAuaXwi', type: 'function', function: { name: 'get_weather', arguments: '{"location":"Paris"}' } },
    ]);
    assert.deepEqual(sent().tools, [
      { name: 'get_weather', description: 'Current weather in a city', input_schema: WEATHER.function.parameters },
    ]);
    const second = await client.chat.completions.create({
      model: MODEL,
      messages: [
        { role: 'user', content: 'Weather in Paris?' },
        message,
        { role: 'tool', tool_call_id: 'toolu_01Dq95J3WcnLmvSvBpAuaXwi', content: '18C and sunny' },
      ],
      tools: [WEATHER],
      tool_choice: 'auto',
      parallel_tool_calls: false,
    });
    assert.equal(second.choices[0]?.message.content, '16');
    const body = sent();
    assert.deepEqual(body.messages, [
      { role: 'user', content: 'Weather in Paris?' },
      {
        role: 'assistant',
        content: [
          { type: 'text', text: "I'll check the current weather in Paris for you." },
          { type: 'tool_use', id: 'toolu_01Dq95J3WcnLmvSvBpAuaXwi', name: 'get_weather', input: { location: 'Paris' } },
        ],
      },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_01Dq95J3WcnLmvSvBpAuaXwi', content: '18C and sunny' }] },
    ]);
    assert.deepEqual(body.tool_choice, { type: 'auto', disable_parallel_tool_use: true });
  });

  it('sends data-URL images as base64 and http URLs as url sources', async () => {
    const completion = await client.chat.completions.create({
      model: MODEL,
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What colours?' },
            { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } },
            { type: 'image_url', image_url: { url: 'https://example.test/logo.png' } },
          ],
        },
      ],
    });
    assert.match(completion.choices[0]?.message.content ?? '', /Google logo/);
    assert.deepEqual((sent().messages as unknown[])[0], {
      role: 'user',
      content: [
        { type: 'text', text: 'What colours?' },
        { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' } },
        { type: 'image', source: { type: 'url', url: 'https://example.test/logo.png' } },
      ],
    });
  });

  describe('reasoning', () => {
    const recorded = readJsonFixture<{ content: [Thinking, { text: string }] }>('anthropic/messages_extended_thinking.json');

    it('maps reasoning_effort to thinking and returns reasoning_content and the signed blocks, which round-trip unchanged', async () => {
      const first = await client.chat.completions.create({
        model: MODEL,
        messages: [{ role: 'user', content: 'Solve x + 5 = 12' }],
        reasoning_effort: 'low',
        max_tokens: 8000,
      });
      assert.deepEqual(sent().thinking, { type: 'enabled', budget_tokens: 5000 });
      assert.equal(sent().max_tokens, 8000);
      const message = first.choices[0]!.message as (typeof first.choices)[0]['message'] & {
        reasoning_content?: string;
        extra_content?: unknown;
      };
      assert.equal(message.reasoning_content, recorded.content[0].thinking);
      assert.equal(message.content, recorded.content[1].text);
      assert.deepEqual(message.extra_content, { anthropic: { thinking_blocks: [recorded.content[0]] } });

      await client.chat.completions.create({
        model: MODEL,
        messages: [
          { role: 'user', content: 'Solve x + 5 = 12' },
          message as ChatCompletionMessageParam,
          { role: 'user', content: 'And x + 6 = 12?' },
        ],
        reasoning_effort: 'low',
        max_tokens: 8000,
      });
      const replayed = (sent().messages as { content: unknown[] }[])[1]!;
      assert.equal(JSON.stringify(replayed.content[0]), JSON.stringify(recorded.content[0]));
      assert.deepEqual(replayed.content.slice(1), [{ type: 'text', text: recorded.content[1].text }]);
    });

    it('answers reasoning with a small max_tokens, raising it above the budget and dropping what Anthropic refuses with thinking', async () => {
      const completion = await client.chat.completions.create({
        model: MODEL,
        messages: [{ role: 'user', content: 'Solve x + 5 = 12' }],
        reasoning_effort: 'high',
        max_tokens: 128,
        temperature: 0.2,
        top_p: 0.5,
      });
      assert.equal(completion.choices[0]!.message.content, recorded.content[1].text);
      const body = sent();
      assert.deepEqual(
        [body.thinking, body.max_tokens, body.temperature, body.top_p],
        [{ type: 'enabled', budget_tokens: 20000 }, 21024, undefined, 0.95],
      );

      const response = await client.responses.create({
        model: MODEL,
        input: 'Solve x + 5 = 12',
        reasoning: { effort: 'high' },
        max_output_tokens: 128,
        temperature: 0.2,
      });
      assert.equal(response.status, 'completed');
      assert.deepEqual(
        [sent().thinking, sent().max_tokens, sent().temperature],
        [{ type: 'enabled', budget_tokens: 20000 }, 21024, undefined],
      );
    });

    it('refuses a forced tool_choice with reasoning with a 400 naming tool_choice, before calling Anthropic', async () => {
      const before = upstream.requests.length;
      await assert.rejects(
        client.chat.completions.create({
          model: MODEL,
          messages: HELLO,
          tools: [WEATHER],
          tool_choice: 'required',
          reasoning_effort: 'low',
        }),
        (err: unknown) => {
          assert.ok(err instanceof OpenAI.BadRequestError);
          assert.equal((err.error as { param?: string }).param, 'tool_choice');
          assert.match(err.message, /cannot be combined with reasoning on provider 'anthropic'/);
          return true;
        },
      );
      assert.equal(upstream.requests.length, before);
    });

    it('streams reasoning_content deltas and the signed blocks on the final chunk', async () => {
      const stream = await client.chat.completions.create({ model: MODEL, messages: HELLO, reasoning_effort: 'medium', stream: true });
      const deltas: Record<string, unknown>[] = [];
      for await (const chunk of stream) if (chunk.choices[0]) deltas.push(chunk.choices[0].delta as Record<string, unknown>);
      assert.equal(deltas.map((delta) => delta.reasoning_content ?? '').join(''), recorded.content[0].thinking);
      assert.deepEqual(deltas.at(-1), { extra_content: { anthropic: { thinking_blocks: [recorded.content[0]] } } });
      assert.deepEqual(sent().thinking, { type: 'enabled', budget_tokens: 10000 });
      assert.equal(sent().max_tokens, 14096);
    });
  });

  it('counts cache reads and writes in prompt_tokens and reports cached_tokens', async () => {
    const message = readJsonFixture<Record<string, unknown>>('anthropic/messages.json');
    upstream.enqueue({
      kind: 'message',
      message: {
        ...message,
        usage: { input_tokens: 20, cache_read_input_tokens: 1000, cache_creation_input_tokens: 300, output_tokens: 7 },
      } as never,
    });
    const completion = await client.chat.completions.create({ model: MODEL, messages: HELLO });
    assert.deepEqual(completion.usage, {
      prompt_tokens: 1320,
      completion_tokens: 7,
      total_tokens: 1327,
      prompt_tokens_details: { cached_tokens: 1000 },
      cache_read_input_tokens: 1000,
      cache_creation_input_tokens: 300,
    });
  });

  describe('errors', () => {
    const anthropicError = (type: string, message: string): unknown => ({ type: 'error', error: { type, message } });

    it('keeps a 401 with its message', async () => {
      upstream.enqueue({ kind: 'error', status: 401, body: anthropicError('authentication_error', 'invalid x-api-key') });
      await assert.rejects(client.chat.completions.create({ model: MODEL, messages: HELLO }), (err: unknown) => {
        assert.ok(err instanceof OpenAI.AuthenticationError);
        assert.equal(err.message, '401 invalid x-api-key');
        return true;
      });
    });

    it('keeps a 429 with retry-after', async () => {
      upstream.enqueue({
        kind: 'error',
        status: 429,
        body: anthropicError('rate_limit_error', 'slow down'),
        headers: { 'retry-after': '7' },
      });
      await assert.rejects(client.chat.completions.create({ model: MODEL, messages: HELLO }), (err: unknown) => {
        assert.ok(err instanceof OpenAI.RateLimitError);
        assert.equal(err.headers?.get('retry-after'), '7');
        return true;
      });
    });

    it('turns 529 overloaded into 502', async () => {
      upstream.enqueue({ kind: 'error', status: 529, body: anthropicError('overloaded_error', 'Overloaded') });
      await assert.rejects(client.chat.completions.create({ model: MODEL, messages: HELLO, stream: true }), (err: unknown) => {
        assert.ok(err instanceof OpenAI.APIError);
        assert.equal(err.status, 502);
        assert.match(err.message, /Overloaded/);
        return true;
      });
    });

    it('answers 400 naming an unsupported field, without calling Anthropic', async () => {
      for (const [field, value] of [
        ['seed', 7],
        ['n', 2],
        ['logit_bias', { '50256': -100 }],
      ] as const) {
        await assert.rejects(client.chat.completions.create({ model: MODEL, messages: HELLO, [field]: value }), (err: unknown) => {
          assert.ok(err instanceof OpenAI.BadRequestError);
          assert.equal(err.param, field);
          assert.match(err.message, new RegExp(`${field} is not supported by provider 'anthropic'`));
          return true;
        });
      }
      await assert.rejects(
        client.chat.completions.create({ model: MODEL, messages: HELLO, stream: true, response_format: { type: 'json_object' } }),
        (err: unknown) => err instanceof OpenAI.BadRequestError && err.param === 'response_format',
      );
      assert.equal(upstream.lastRequest('/messages'), undefined);
    });
  });
});
