import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GatewayError, type SseFrame } from '@modelgate/core';
import { from, lastValueFrom, toArray } from 'rxjs';
import { SseParser } from '../http/sse-parser.js';
import { anthropicMessageEvents, anthropicSseText } from '../testing/anthropic-mock.js';
import { readFixtureText, readJsonFixture } from '../testing/fixtures.js';
import { anthropicEventsToChunks } from './anthropic-stream.js';
import { fromAnthropicMessage } from './from-anthropic.js';
import type { ChatCompletion, ChatCompletionChunk, ChatMessage, ChatToolCall } from './openai-chat.js';
import type { AnthropicMessage, AnthropicStreamEvent } from './wire.js';

const CREATED = 1_750_000_000;

function frames(text: string): SseFrame[] {
  const parser = new SseParser();
  return [...parser.push(text), ...parser.end()];
}

async function chunksOf(text: string, includeUsage = true): Promise<ChatCompletionChunk[]> {
  const out = await lastValueFrom(
    from(frames(text)).pipe(anthropicEventsToChunks({ provider: 'anthropic', created: CREATED, includeUsage }), toArray()),
  );
  return out.map((frame) => JSON.parse(frame.data) as ChatCompletionChunk);
}

/** What a client gets by concatenating the deltas, shaped as a non-streamed completion. */
function reassemble(chunks: ChatCompletionChunk[]): ChatCompletion {
  const message: ChatMessage = { role: 'assistant', content: null, refusal: null };
  const calls: ChatToolCall[] = [];
  let finish: ChatCompletion['choices'][0]['finish_reason'] = null;
  for (const chunk of chunks) {
    for (const choice of chunk.choices) {
      const { delta } = choice;
      if (delta.content !== undefined) message.content = (message.content ?? '') + delta.content;
      if (delta.reasoning_content !== undefined) message.reasoning_content = (message.reasoning_content ?? '') + delta.reasoning_content;
      for (const call of delta.tool_calls ?? []) {
        const entry = (calls[call.index] ??= { id: '', type: 'function', function: { name: '', arguments: '' } });
        if (call.id !== undefined) entry.id = call.id;
        if (call.function.name !== undefined) entry.function.name = call.function.name;
        entry.function.arguments += call.function.arguments;
      }
      if (delta.extra_content !== undefined) message.extra_content = delta.extra_content;
      finish = choice.finish_reason ?? finish;
    }
  }
  if (calls.length > 0) message.tool_calls = calls;
  const first = chunks[0]!;
  const usage = chunks.at(-1)!.usage!;
  return {
    id: first.id,
    object: 'chat.completion',
    created: first.created,
    model: first.model,
    choices: [{ index: 0, message, logprobs: null, finish_reason: finish }],
    usage,
  };
}

const fixture = (name: string): AnthropicMessage => readJsonFixture<AnthropicMessage>(`anthropic/${name}.json`);

const PARALLEL: AnthropicMessage = {
  ...fixture('messages_with_tools'),
  content: [
    { type: 'thinking', thinking: 'Two cities, two calls.', signature: 'sig-abc' },
    { type: 'redacted_thinking', data: 'EmwKAhgBEgy3va3pzix' },
    { type: 'text', text: 'Checking both cities.' },
    { type: 'tool_use', id: 'toolu_paris', name: 'get_weather', input: { location: 'Paris', unit: 'c' } },
    { type: 'tool_use', id: 'toolu_rome', name: 'get_weather', input: { location: 'Rome' } },
    { type: 'tool_use', id: 'toolu_now', name: 'now', input: {} },
  ],
  usage: { input_tokens: 12, cache_read_input_tokens: 2048, cache_creation_input_tokens: 512, output_tokens: 90 },
};

describe('anthropicEventsToChunks', () => {
  it('translates the recorded stream chunk by chunk: role first, text, finish reason, then usage', async () => {
    const base = {
      id: 'msg_01SJmPi7XXP8qscFQiHPR9oy',
      object: 'chat.completion.chunk',
      created: CREATED,
      model: 'claude-sonnet-4-20250514',
    };
    assert.deepEqual(await chunksOf(readFixtureText('anthropic/messages_stream.txt')), [
      { ...base, choices: [{ index: 0, delta: { role: 'assistant' }, logprobs: null, finish_reason: null }] },
      { ...base, choices: [{ index: 0, delta: { content: 'Hello World' }, logprobs: null, finish_reason: null }] },
      { ...base, choices: [{ index: 0, delta: {}, logprobs: null, finish_reason: 'stop' }] },
      {
        ...base,
        choices: [],
        usage: {
          prompt_tokens: 10,
          completion_tokens: 5,
          total_tokens: 15,
          prompt_tokens_details: { cached_tokens: 0 },
          cache_read_input_tokens: 0,
          cache_creation_input_tokens: 0,
        },
      },
    ]);
  });

  it('sends no usage chunk unless the request asked for it', async () => {
    const chunks = await chunksOf(readFixtureText('anthropic/messages_stream.txt'), false);
    assert.equal(chunks.length, 3);
    assert.ok(chunks.every((chunk) => chunk.usage === undefined && chunk.choices.length === 1));
  });

  it('reassembles the recorded stream into the non-streamed translation of the same message', async () => {
    const recorded = frames(readFixtureText('anthropic/messages_stream.txt')).map(
      (frame) => JSON.parse(frame.data) as AnthropicStreamEvent,
    );
    const start = recorded[0] as AnthropicStreamEvent & { type: 'message_start' };
    const final = recorded.find((event) => event.type === 'message_delta') as AnthropicStreamEvent & { type: 'message_delta' };
    const message: AnthropicMessage = {
      ...start.message,
      content: [{ type: 'text', text: 'Hello World' }],
      stop_reason: 'end_turn',
      usage: { ...start.message.usage, output_tokens: 5 },
    };
    assert.deepEqual(final.usage?.output_tokens, 5);
    assert.deepEqual(reassemble(await chunksOf(readFixtureText('anthropic/messages_stream.txt'))), fromAnthropicMessage(message, CREATED));
  });

  for (const [name, message] of [
    ['text', fixture('messages')],
    ['a tool call', fixture('messages_with_tools')],
    ['extended thinking', fixture('messages_extended_thinking')],
    ['parallel tool calls, redacted thinking and cache usage', PARALLEL],
  ] as const) {
    it(`streams ${name} so that the concatenated deltas equal the non-streamed translation`, async () => {
      const chunks = await chunksOf(anthropicSseText(anthropicMessageEvents(message)));
      assert.deepEqual(reassemble(chunks), fromAnthropicMessage(message, CREATED));
      assert.deepEqual(chunks[0]!.choices[0]!.delta, { role: 'assistant' });
      assert.ok(chunks.every((chunk) => chunk.id === message.id && chunk.created === CREATED && chunk.object === 'chat.completion.chunk'));
    });
  }

  it('gives parallel tool calls stable indexes 0, 1, 2 counting tool calls only', async () => {
    const chunks = await chunksOf(anthropicSseText(anthropicMessageEvents(PARALLEL)));
    const calls = chunks.flatMap((chunk) => chunk.choices.flatMap((choice) => choice.delta.tool_calls ?? []));
    assert.deepEqual(calls, [
      { index: 0, id: 'toolu_paris', type: 'function', function: { name: 'get_weather', arguments: '' } },
      { index: 0, function: { arguments: '{"location":"Par' } },
      { index: 0, function: { arguments: 'is","unit":"c"}' } },
      { index: 1, id: 'toolu_rome', type: 'function', function: { name: 'get_weather', arguments: '' } },
      { index: 1, function: { arguments: '{"location' } },
      { index: 1, function: { arguments: '":"Rome"}' } },
      { index: 2, id: 'toolu_now', type: 'function', function: { name: 'now', arguments: '' } },
      { index: 2, function: { arguments: '{}' } },
    ]);
  });

  it('hands out the signed thinking blocks as each one ends, before the text and tool calls that follow, and on the final chunk', async () => {
    const chunks = await chunksOf(anthropicSseText(anthropicMessageEvents(PARALLEL)));
    const deltas = chunks.flatMap((chunk) => chunk.choices.map((choice) => choice.delta));
    const firstAnswer = deltas.findIndex((delta) => delta.content !== undefined || delta.tool_calls !== undefined);
    const [thinking, redacted] = PARALLEL.content;
    assert.deepEqual(
      deltas.flatMap((delta, index) => (delta.extra_content === undefined ? [] : [{ index, extra: delta.extra_content }])),
      [
        { index: 3, extra: { anthropic: { thinking_blocks: [thinking] } } },
        { index: 4, extra: { anthropic: { thinking_blocks: [thinking, redacted] } } },
        { index: deltas.length - 1, extra: { anthropic: { thinking_blocks: [thinking, redacted] } } },
      ],
    );
    assert.equal(firstAnswer, 5);
  });

  it('fails with a GatewayError on an upstream error event', async () => {
    const failure: AnthropicStreamEvent = { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } };
    const events = [...anthropicMessageEvents(fixture('messages')).slice(0, 3), failure];
    await assert.rejects(chunksOf(anthropicSseText(events)), (err: unknown) => {
      assert.ok(err instanceof GatewayError);
      assert.equal(err.status, 502);
      assert.equal(err.code, 'overloaded_error');
      assert.match(err.message, /provider 'anthropic' failed mid-stream: Overloaded/);
      return true;
    });
  });

  it('fails with 502 when the stream ends before message_stop', async () => {
    const cut = anthropicMessageEvents(fixture('messages')).slice(0, 4);
    await assert.rejects(chunksOf(anthropicSseText(cut)), (err: unknown) => {
      assert.ok(err instanceof GatewayError);
      assert.equal(err.status, 502);
      assert.equal(err.code, 'upstream_incomplete_stream');
      return true;
    });
  });

  it('fails with 502 on an event that is not JSON', async () => {
    await assert.rejects(
      chunksOf('event: message_start\ndata: {nope\n\n'),
      (err: unknown) => err instanceof GatewayError && err.status === 502,
    );
  });
});
