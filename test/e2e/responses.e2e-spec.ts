// /v1/responses end to end with the official openai client: natively against an OpenAI-wire upstream, translated
// through the chat path against an Anthropic upstream; stored responses, previous_response_id, conversations, usage.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { UsageRow } from '@modelgate/storage';
import {
  readFixtureText,
  readJsonFixture,
  readSseFixture,
  startAnthropicMock,
  startMockUpstream,
  type AnthropicMock,
  type AnthropicMockBehaviour,
  type MockUpstream,
} from '@modelgate/providers/testing';
import OpenAI from 'openai';
import type { FunctionTool, ResponseInputItem, ResponseStreamEvent } from 'openai/resources/responses/responses';
import { startGateway, type RunningGateway } from '../support/gateway.js';
import { readUsageRows } from '../support/usage-rows.js';

/** Codex sends fields the SDK's types do not list (client_metadata): the body is cast, as a raw client would send it. */
type StreamParams = Parameters<OpenAI['responses']['stream']>[0];
type AnthropicMockMessage = Extract<AnthropicMockBehaviour, { kind: 'message' }>['message'];

const CLAUDE = 'anthropic/claude-sonnet-4-20250514';
const GPT = 'openai/gpt-4o-mini';
const WEATHER: FunctionTool = {
  type: 'function',
  name: 'get_weather',
  description: 'Current weather in a city',
  parameters: { type: 'object', properties: { location: { type: 'string' } }, required: ['location'], additionalProperties: false },
  strict: true,
};

/** The event types of the recorded OpenAI stream, in order. */
const RECORDED_EVENT_TYPES = readFixtureText('openai/responses_stream.txt')
  .split('\n')
  .filter((line) => line.startsWith('event: '))
  .map((line) => line.slice('event: '.length));

async function collect(stream: AsyncIterable<ResponseStreamEvent>): Promise<ResponseStreamEvent[]> {
  const events: ResponseStreamEvent[] = [];
  for await (const event of stream) events.push(event);
  return events;
}

describe('/v1/responses through the official openai client', () => {
  let openaiMock: MockUpstream;
  let anthropicMock: AnthropicMock;
  let groqMock: MockUpstream;
  let gateway: RunningGateway;
  let client: OpenAI;

  const anthropicSent = (): Record<string, unknown> => anthropicMock.lastRequest('/messages')?.body as Record<string, unknown>;
  const openaiSent = (): Record<string, unknown> => openaiMock.lastRequest('/responses')?.body as Record<string, unknown>;

  before(async () => {
    openaiMock = await startMockUpstream('openai');
    anthropicMock = await startAnthropicMock();
    groqMock = await startMockUpstream('groq');
    gateway = await startGateway({
      // Upstream failures are shown as they come: no retries (test/e2e/resilience.e2e-spec.ts covers them).
      RETRY_MAX_RETRIES: '0',
      OPENAI_API_KEY: 'sk-openai',
      OPENAI_BASE_URL: `${openaiMock.url}/v1`,
      ANTHROPIC_API_KEY: 'sk-ant-test',
      ANTHROPIC_BASE_URL: `${anthropicMock.url}/v1`,
      GROQ_API_KEY: 'gsk-test',
      GROQ_BASE_URL: `${groqMock.url}/openai/v1`,
    });
    client = gateway.openai();
  });

  after(async () => {
    await gateway.close();
    await openaiMock.close();
    await anthropicMock.close();
    await groqMock.close();
  });

  beforeEach(() => {
    openaiMock.reset();
    anthropicMock.reset();
    groqMock.reset();
  });

  describe('native (OpenAI upstream)', () => {
    it('forwards the body as the client sent it and relays the recorded response unchanged', async () => {
      const response = await client.responses.create({ model: GPT, input: 'Say Hello, World!', metadata: { run: '1' } });
      const { output_text: outputText, ...body } = response;
      assert.deepEqual(body, readJsonFixture('openai/responses.json'));
      assert.equal(outputText, 'Hello, World!');
      const request = openaiMock.lastRequest('/responses');
      assert.equal(request?.url, '/v1/responses');
      assert.equal(request?.headers.authorization, 'Bearer sk-openai');
      assert.deepEqual(request?.body, { model: 'gpt-4o-mini', input: 'Say Hello, World!', metadata: { run: '1' } });
    });

    it('relays the recorded event stream, which the client assembles into the final response', async () => {
      const stream = client.responses.stream({ model: GPT, input: 'Say Hello, World!' });
      const events = await collect(stream);
      const final = await stream.finalResponse();
      assert.deepEqual(
        events.map((event) => event.type),
        RECORDED_EVENT_TYPES,
      );
      assert.equal(final.output_text, 'Hello, World!');
      assert.equal(final.usage?.total_tokens, 22);
      assert.equal(openaiSent().stream, true);
    });

    it('forwards function tools and a function_call_output turn, and previous_response_id as it is', async () => {
      const first = await client.responses.create({ model: GPT, input: 'Weather in Paris?', tools: [WEATHER] });
      const call = first.output.find((item) => item.type === 'function_call');
      assert.equal(call?.name, 'get_weather');
      const output: ResponseInputItem = { type: 'function_call_output', call_id: call!.call_id, output: '{"temp":21}' };
      const second = await client.responses.create({ model: GPT, previous_response_id: first.id, input: [output], tools: [WEATHER] });
      assert.equal(second.output_text, 'Hello, World!');
      assert.deepEqual(openaiSent(), { model: 'gpt-4o-mini', previous_response_id: first.id, input: [output], tools: [WEATHER] });
    });

    it('keeps a native answer for GET, input_items and DELETE', async () => {
      const created = await client.responses.create({ model: GPT, input: 'Say Hello, World!' });
      const fetched = await client.responses.retrieve(created.id);
      assert.equal(fetched.id, created.id);
      assert.equal(fetched.output_text, 'Hello, World!');
      const items = await client.responses.inputItems.list(created.id);
      assert.equal(items.data.length, 1);
      assert.deepEqual(
        { ...items.data[0], id: undefined },
        {
          id: undefined,
          type: 'message',
          role: 'user',
          content: [{ type: 'input_text', text: 'Say Hello, World!' }],
        },
      );
      await client.responses.delete(created.id);
      await assert.rejects(client.responses.retrieve(created.id), OpenAI.NotFoundError);
    });

    it('does not keep a response created with store: false', async () => {
      const created = await client.responses.create({ model: GPT, input: 'Say Hello, World!', store: false });
      await assert.rejects(client.responses.retrieve(created.id), OpenAI.NotFoundError);
    });
  });

  describe('translated (Anthropic upstream)', () => {
    it('answers with a response built from the Anthropic message, sending Anthropic the translated request', async () => {
      const response = await client.responses.create({
        model: CLAUDE,
        instructions: 'Be brief.',
        input: 'Say Hello, World!',
        max_output_tokens: 64,
      });
      assert.match(response.id, /^resp_[0-9a-f]{32}$/);
      assert.equal(response.object, 'response');
      assert.equal(response.status, 'completed');
      assert.equal(response.output_text, 'Hello World');
      assert.deepEqual(response.usage, {
        input_tokens: 14,
        input_tokens_details: { cached_tokens: 0 },
        output_tokens: 5,
        output_tokens_details: { reasoning_tokens: 0 },
        total_tokens: 19,
      });
      assert.deepEqual(anthropicSent(), {
        model: 'claude-sonnet-4-20250514',
        max_tokens: 64,
        system: [{ type: 'text', text: 'Be brief.' }],
        messages: [{ role: 'user', content: 'Say Hello, World!' }],
      });
    });

    it('streams the full event sequence, numbered, which the client assembles into the final response', async () => {
      const stream = client.responses.stream({ model: CLAUDE, input: 'Say Hello, World!' });
      const events = await collect(stream);
      const final = await stream.finalResponse();
      assert.deepEqual(
        events.map((event) => event.type),
        [
          'response.created',
          'response.in_progress',
          'response.output_item.added',
          'response.content_part.added',
          'response.output_text.delta',
          'response.output_text.done',
          'response.content_part.done',
          'response.output_item.done',
          'response.completed',
        ],
      );
      assert.deepEqual(
        events.map((event) => event.sequence_number),
        events.map((_, index) => index),
      );
      assert.equal(final.output_text, 'Hello World');
      assert.equal(final.usage?.input_tokens, 10);
      assert.equal(final.usage?.output_tokens, 5);
      assert.equal(anthropicSent().stream, true);
      const completed = events.at(-1);
      assert.equal(completed?.type, 'response.completed');
      if (completed?.type === 'response.completed')
        assert.deepEqual((await client.responses.retrieve(final.id)).output, completed.response.output);
    });

    it('sends an input_image as an Anthropic image block', async () => {
      const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
      const response = await client.responses.create({
        model: CLAUDE,
        input: [
          {
            role: 'user',
            content: [
              { type: 'input_text', text: 'What is in this image?' },
              { type: 'input_image', image_url: `data:image/png;base64,${png}`, detail: 'auto' },
            ],
          },
        ],
      });
      assert.equal(response.status, 'completed');
      assert.deepEqual(anthropicSent().messages, [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is in this image?' },
            { type: 'image', source: { type: 'base64', media_type: 'image/png', data: png } },
          ],
        },
      ]);
    });

    it('runs a tool turn: function_call out, function_call_output back as an Anthropic tool_result', async () => {
      const first = await client.responses.create({ model: CLAUDE, input: 'Weather in Paris?', tools: [WEATHER] });
      const call = first.output.find((item) => item.type === 'function_call');
      assert.deepEqual(call, {
        id: 'fc_toolu_01Dq95J3WcnLmvSvBpAuaXwi',
        type: 'function_call',
        status: 'completed',
        arguments: '{"location":"Paris"}',
        call_id: 'toolu_01Dq95J3WcnLmvSvBpAuaXwi',
        name: 'get_weather',
      });
      assert.deepEqual((anthropicSent().tools as unknown[])[0], {
        name: 'get_weather',
        description: 'Current weather in a city',
        input_schema: WEATHER.parameters,
        strict: true,
      });
      const input: ResponseInputItem[] = [
        { role: 'user', content: 'Weather in Paris?' },
        ...(first.output as ResponseInputItem[]),
        { type: 'function_call_output', call_id: call!.call_id, output: '{"temp":21}' },
      ];
      const second = await client.responses.create({ model: CLAUDE, input, tools: [WEATHER] });
      assert.equal(second.status, 'completed');
      const messages = anthropicSent().messages as { role: string; content: unknown }[];
      assert.deepEqual(messages.slice(1), [
        {
          role: 'assistant',
          content: [
            { type: 'text', text: "I'll check the current weather in Paris for you." },
            { type: 'tool_use', id: 'toolu_01Dq95J3WcnLmvSvBpAuaXwi', name: 'get_weather', input: { location: 'Paris' } },
          ],
        },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_01Dq95J3WcnLmvSvBpAuaXwi', content: '{"temp":21}' }] },
      ]);
    });

    it('serves a Codex-shaped turn: streamed thinking and a tool call out, the items as their done events carry them replayed back with the signature byte-exact', async () => {
      const recorded = readJsonFixture<AnthropicMockMessage>('anthropic/messages_extended_thinking.json');
      const thinking = recorded.content[0]!;
      const shell: FunctionTool = {
        type: 'function',
        name: 'shell',
        description: 'Runs a shell command',
        strict: false,
        parameters: { type: 'object', properties: { command: { type: 'array', items: { type: 'string' } } }, required: ['command'] },
      };
      const codex = {
        model: CLAUDE,
        instructions: 'You are Codex.',
        tools: [shell, { type: 'web_search' }, { type: 'namespace', name: 'mcp__docs', description: 'Docs', tools: [] }],
        tool_choice: 'auto',
        parallel_tool_calls: false,
        reasoning: { effort: 'low', summary: 'auto' },
        store: false,
        include: ['reasoning.encrypted_content'],
        prompt_cache_key: '0199a1b2-c3d4',
        client_metadata: { originator: 'codex_exec' },
      } as const;
      const user: ResponseInputItem = { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'List the files.' }] };
      anthropicMock.enqueue({
        kind: 'message',
        message: {
          ...recorded,
          content: [thinking, { type: 'tool_use', id: 'toolu_shell_1', name: 'shell', input: { command: ['ls'] } }],
          stop_reason: 'tool_use',
        },
      });
      const stream = client.responses.stream({ ...codex, input: [user] } as unknown as StreamParams);
      const events = await collect(stream);
      const first = await stream.finalResponse();
      const types = new Set(events.map((event) => event.type));
      for (const type of ['response.reasoning_summary_text.delta', 'response.function_call_arguments.delta', 'response.completed']) {
        assert.ok(types.has(type as ResponseStreamEvent['type']), type);
      }
      assert.deepEqual(
        first.output.map((item) => item.type),
        ['reasoning', 'function_call'],
      );
      const firstSent = anthropicSent();
      assert.deepEqual(
        (firstSent.tools as { name: string }[]).map((tool) => tool.name),
        ['shell'],
      );
      assert.equal((firstSent.thinking as { type: string }).type, 'enabled');
      for (const field of ['store', 'include', 'prompt_cache_key', 'client_metadata', 'reasoning'])
        assert.equal(field in firstSent, false, field);
      await assert.rejects(client.responses.retrieve(first.id), OpenAI.NotFoundError);

      // Codex keeps each item as its output_item.done event carries it (not response.completed's output): the signed
      // thinking must already be on the reasoning item's done event.
      const doneItems = events.flatMap((event) => (event.type === 'response.output_item.done' ? [event.item] : []));
      const completed = events.find((event) => event.type === 'response.completed');
      assert.deepEqual(doneItems, completed?.response.output);
      const input = [
        user,
        ...(doneItems as ResponseInputItem[]),
        { type: 'function_call_output', call_id: 'toolu_shell_1', output: 'README.md' },
      ];
      await client.responses.stream({ ...codex, input } as unknown as StreamParams).finalResponse();
      const messages = anthropicSent().messages as { role: string; content: unknown }[];
      assert.deepEqual(messages.slice(1), [
        { role: 'assistant', content: [thinking, { type: 'tool_use', id: 'toolu_shell_1', name: 'shell', input: { command: ['ls'] } }] },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_shell_1', content: 'README.md' }] },
      ]);
    });

    it('ends a stream that breaks after it started with response.failed', async () => {
      anthropicMock.enqueue({
        kind: 'events',
        events: [
          {
            type: 'message_start',
            message: {
              id: 'msg_x',
              type: 'message',
              role: 'assistant',
              model: 'claude-sonnet-4-20250514',
              content: [],
              usage: { input_tokens: 3, output_tokens: 1 },
            },
          },
          { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
          { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Hel' } },
          { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } },
        ],
      });
      const response = await fetch(`${gateway.url}/v1/responses`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: CLAUDE, input: 'hi', stream: true }),
      });
      assert.equal(response.status, 200);
      const text = await response.text();
      const types = [...text.matchAll(/^event: (.+)$/gm)].map((match) => match[1]);
      assert.equal(types.at(-1), 'response.failed');
      assert.ok(types.includes('response.output_text.delta'));
      assert.match(text, /"status":"failed"/);
    });

    it('answers an upstream error before the stream started with its status as JSON', async () => {
      anthropicMock.enqueue({
        kind: 'error',
        status: 429,
        body: { type: 'error', error: { type: 'rate_limit_error', message: 'Slow down' } },
      });
      const error = await client.responses.create({ model: CLAUDE, input: 'hi', stream: true }).catch((err: unknown) => err);
      assert.ok(error instanceof OpenAI.RateLimitError);
    });

    it('rebuilds the history of previous_response_id from the stored responses', async () => {
      const first = await client.responses.create({ model: CLAUDE, input: 'Say Hello, World!' });
      const second = await client.responses.create({ model: CLAUDE, previous_response_id: first.id, input: 'And 4 squared?' });
      assert.equal(second.previous_response_id, first.id);
      assert.deepEqual(anthropicSent().messages, [
        { role: 'user', content: 'Say Hello, World!' },
        { role: 'assistant', content: 'Hello World' },
        { role: 'user', content: 'And 4 squared?' },
      ]);
      const third = await client.responses.create({ model: CLAUDE, previous_response_id: second.id, input: 'Thanks' });
      assert.equal(third.status, 'completed');
      assert.equal((anthropicSent().messages as unknown[]).length, 5);
    });

    it('sends a native model the history of a response the gateway answered through another provider', async () => {
      const first = await client.responses.create({ model: CLAUDE, input: 'Say Hello, World!' });
      await client.responses.create({ model: GPT, previous_response_id: first.id, input: 'Again' });
      assert.deepEqual(openaiSent(), {
        model: 'gpt-4o-mini',
        input: [
          { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Say Hello, World!' }] },
          { type: 'message', role: 'assistant', content: [{ type: 'output_text', annotations: [], logprobs: [], text: 'Hello World' }] },
          { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Again' }] },
        ],
      });
    });

    it('answers 404 naming previous_response_id when the gateway does not know it', async () => {
      const error = await client.responses
        .create({ model: CLAUDE, previous_response_id: 'resp_unknown', input: 'x' })
        .catch((err: unknown) => err);
      assert.ok(error instanceof OpenAI.NotFoundError);
      assert.equal(error.param, 'previous_response_id');
      assert.equal(anthropicMock.requests.length, 0);
    });

    it('keeps a translated answer for GET, input_items (paged) and DELETE', async () => {
      const created = await client.responses.create({
        model: CLAUDE,
        input: [
          { role: 'user', content: 'one' },
          { role: 'user', content: 'two' },
          { role: 'user', content: 'three' },
        ],
      });
      assert.deepEqual(await client.responses.retrieve(created.id), { ...created });
      const page = await client.responses.inputItems.list(created.id, { limit: 2, order: 'asc' });
      assert.deepEqual(
        page.data.map((item) => (item.type === 'message' ? item.content : undefined)),
        ['one', 'two'],
      );
      assert.equal(page.has_more, true);
      const rest = await client.responses.inputItems.list(created.id, { order: 'asc', after: page.data[1]!.id });
      assert.deepEqual(
        rest.data.map((item) => (item.type === 'message' ? item.content : undefined)),
        ['three'],
      );
      const deleted = await fetch(`${gateway.url}/v1/responses/${created.id}`, { method: 'DELETE' });
      assert.deepEqual(await deleted.json(), { id: created.id, object: 'response', deleted: true });
      await assert.rejects(client.responses.delete(created.id), OpenAI.NotFoundError);
    });
  });

  describe('translated (OpenAI-wire chat upstream without the Responses API: Groq)', () => {
    const LLAMA = 'groq/llama-3.3-70b-versatile';

    it('sends Groq a chat completion built from the request, never the Responses body', async () => {
      const response = await client.responses.create({ model: LLAMA, input: 'Say Hello, World!', store: false, metadata: { a: 'b' } });
      assert.equal(response.output_text, 'Hello World!');
      assert.equal(response.usage?.input_tokens, 38);
      const request = groqMock.lastRequest('/chat/completions');
      assert.equal(request?.url, '/openai/v1/chat/completions');
      assert.deepEqual(request?.body, { model: 'llama-3.3-70b-versatile', messages: [{ role: 'user', content: 'Say Hello, World!' }] });
    });

    it('streams the recorded Groq chat stream as Responses events', async () => {
      const recorded = readSseFixture('groq/chat_completion_stream.txt')
        .filter((data) => data !== '[DONE]')
        .map((data) => (JSON.parse(data) as { choices: { delta: { content?: string } }[] }).choices[0]?.delta.content ?? '')
        .join('');
      const final = await client.responses.stream({ model: LLAMA, input: 'Say Hello, World!' }).finalResponse();
      assert.equal(final.output_text, recorded);
      assert.equal(final.usage?.total_tokens, 42);
      assert.deepEqual(groqMock.lastRequest('/chat/completions')?.body, {
        model: 'llama-3.3-70b-versatile',
        messages: [{ role: 'user', content: 'Say Hello, World!' }],
        stream: true,
        stream_options: { include_usage: true },
      });
    });
  });

  describe('conversations', () => {
    it('puts the conversation before the input and appends each turn to it, for translated and native providers', async () => {
      const conversation = await client.conversations.create({ items: [{ type: 'message', role: 'user', content: 'My name is Ada.' }] });
      const first = await client.responses.create({ model: CLAUDE, conversation: conversation.id, input: 'Say Hello, World!' });
      assert.deepEqual(anthropicSent().messages, [
        { role: 'user', content: 'My name is Ada.' },
        { role: 'user', content: 'Say Hello, World!' },
      ]);
      await client.responses.create({ model: GPT, conversation: { id: conversation.id }, input: 'What is my name?' });
      const sent = openaiSent();
      assert.equal('conversation' in sent, false);
      assert.deepEqual(
        (sent.input as { role: string }[]).map((item) => item.role),
        ['user', 'user', 'assistant', 'user'],
      );
      const items = await client.conversations.items.list(conversation.id, { order: 'asc' });
      assert.deepEqual(
        items.data.map((item) => (item.type === 'message' ? item.role : item.type)),
        ['user', 'user', 'assistant', 'user', 'assistant'],
      );
      assert.equal(items.data[2]?.id, first.output[0]?.id);
    });

    it('answers 404 for an unknown conversation without calling the upstream', async () => {
      await assert.rejects(client.responses.create({ model: CLAUDE, conversation: 'conv_unknown', input: 'x' }), OpenAI.NotFoundError);
      assert.equal(anthropicMock.requests.length, 0);
    });
  });
});

describe('/v1/responses usage rows', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'modelgate-responses-usage-'));
  const sqlitePath = join(dataDir, 'usage.db');
  let rows: UsageRow[];
  let openaiMock: MockUpstream;
  let anthropicMock: AnthropicMock;

  before(async () => {
    openaiMock = await startMockUpstream('openai');
    anthropicMock = await startAnthropicMock();
    const gateway = await startGateway({
      OPENAI_API_KEY: 'sk-openai',
      OPENAI_BASE_URL: `${openaiMock.url}/v1`,
      ANTHROPIC_API_KEY: 'sk-ant-test',
      ANTHROPIC_BASE_URL: `${anthropicMock.url}/v1`,
      SQLITE_PATH: sqlitePath,
      USAGE_FLUSH_INTERVAL: '10m',
    });
    const client = gateway.openai();
    const send = async (id: string, body: { model: string; stream?: boolean }): Promise<void> => {
      const options = { headers: { 'X-Request-ID': id } };
      if (body.stream) await client.responses.stream({ model: body.model, input: 'Say Hello, World!' }, options).finalResponse();
      else await client.responses.create({ model: body.model, input: 'Say Hello, World!' }, options);
    };
    try {
      await send('native-json', { model: GPT });
      await send('native-stream', { model: GPT, stream: true });
      await send('translated-json', { model: CLAUDE });
      await send('translated-stream', { model: CLAUDE, stream: true });
    } finally {
      await gateway.close();
    }
    rows = await readUsageRows(sqlitePath);
  });

  after(async () => {
    await openaiMock.close();
    await anthropicMock.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('writes one row per request, on /v1/responses, with the exact token counts', () => {
    const summary = rows
      .map((row) => ({
        requestId: row.requestId,
        endpoint: row.endpoint,
        providerType: row.providerType,
        stream: row.stream,
        inputTokens: row.inputTokens,
        outputTokens: row.outputTokens,
      }))
      .sort((a, b) => a.requestId.localeCompare(b.requestId));
    assert.deepEqual(summary, [
      { requestId: 'native-json', endpoint: '/v1/responses', providerType: 'openai', stream: false, inputTokens: 17, outputTokens: 5 },
      { requestId: 'native-stream', endpoint: '/v1/responses', providerType: 'openai', stream: true, inputTokens: 17, outputTokens: 5 },
      {
        requestId: 'translated-json',
        endpoint: '/v1/responses',
        providerType: 'anthropic',
        stream: false,
        inputTokens: 14,
        outputTokens: 5,
      },
      {
        requestId: 'translated-stream',
        endpoint: '/v1/responses',
        providerType: 'anthropic',
        stream: true,
        inputTokens: 10,
        outputTokens: 5,
      },
    ]);
  });
});
