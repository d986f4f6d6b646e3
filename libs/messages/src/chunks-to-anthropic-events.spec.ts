import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GatewayError, RequestContext, type SseFrame } from '@modelgate/core';
import { readSseFixture } from '@modelgate/providers/testing';
import { concat, from, lastValueFrom, throwError, toArray } from 'rxjs';
import { anthropicStreamErrors } from './anthropic-stream-errors.js';
import { chunksToAnthropicEvents } from './chunks-to-anthropic-events.js';

const OPTIONS = { model: 'openai/gpt-4o-mini', estimatedInputTokens: 12 };

function chunk(delta: Record<string, unknown>, finish: string | null = null, extra: Record<string, unknown> = {}): SseFrame {
  return {
    data: JSON.stringify({
      id: 'c1',
      object: 'chat.completion.chunk',
      created: 1,
      model: 'm',
      choices: [{ index: 0, delta, finish_reason: finish }],
      ...extra,
    }),
  };
}

async function events(frames: SseFrame[]): Promise<Record<string, unknown>[]> {
  const out = await lastValueFrom(from(frames).pipe(chunksToAnthropicEvents(OPTIONS), toArray()));
  for (const frame of out) assert.equal(frame.event, (JSON.parse(frame.data) as { type: string }).type, 'event name is the data type');
  return out.map((frame) => JSON.parse(frame.data) as Record<string, unknown>);
}

describe('chunksToAnthropicEvents', () => {
  it('turns the recorded OpenAI text stream (no usage chunk) into the full Anthropic event grammar, keeping the input estimate', async () => {
    const frames = readSseFixture('openai/chat_completion_stream.txt').map((data) => ({ data }));
    assert.deepEqual(await events(frames), [
      {
        type: 'message_start',
        message: {
          id: 'chatcmpl-D0q8CZXN1uEzngZGkU7FuV92lnXWq',
          type: 'message',
          role: 'assistant',
          model: 'openai/gpt-4o-mini',
          content: [],
          stop_reason: null,
          stop_sequence: null,
          usage: { input_tokens: 12, output_tokens: 0 },
        },
      },
      { type: 'ping' },
      { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Hello' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: ',' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: ' World' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: '!' } },
      { type: 'content_block_stop', index: 0 },
      {
        type: 'message_delta',
        delta: { stop_reason: 'end_turn', stop_sequence: null },
        usage: { output_tokens: 0 },
      },
      { type: 'message_stop' },
    ]);
  });

  it('numbers thinking, text and each tool_use block in order and reports the final usage in message_delta', async () => {
    const frames = [
      chunk({ role: 'assistant', reasoning_content: 'Think' }),
      chunk({ reasoning: ' more' }),
      chunk({ content: 'Calling.' }),
      chunk({ tool_calls: [{ index: 0, id: 'call_a', type: 'function', function: { name: 'get_weather', arguments: '' } }] }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: '{"location":' } }] }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: '"Paris"}' } }] }),
      chunk({ tool_calls: [{ index: 1, id: 'call_b', type: 'function', function: { name: 'get_time', arguments: '{}' } }] }),
      chunk({}, 'tool_calls'),
      {
        data: JSON.stringify({
          id: 'c1',
          choices: [],
          usage: { prompt_tokens: 30, completion_tokens: 9, prompt_tokens_details: { cached_tokens: 10 } },
        }),
      },
      { data: '[DONE]' },
    ];
    const out = await events(frames);
    assert.deepEqual(out.slice(2), [
      { type: 'content_block_start', index: 0, content_block: { type: 'thinking', thinking: '', signature: '' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'Think' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: ' more' } },
      { type: 'content_block_stop', index: 0 },
      { type: 'content_block_start', index: 1, content_block: { type: 'text', text: '' } },
      { type: 'content_block_delta', index: 1, delta: { type: 'text_delta', text: 'Calling.' } },
      { type: 'content_block_stop', index: 1 },
      { type: 'content_block_start', index: 2, content_block: { type: 'tool_use', id: 'call_a', name: 'get_weather', input: {} } },
      { type: 'content_block_delta', index: 2, delta: { type: 'input_json_delta', partial_json: '{"location":' } },
      { type: 'content_block_delta', index: 2, delta: { type: 'input_json_delta', partial_json: '"Paris"}' } },
      { type: 'content_block_stop', index: 2 },
      { type: 'content_block_start', index: 3, content_block: { type: 'tool_use', id: 'call_b', name: 'get_time', input: {} } },
      { type: 'content_block_delta', index: 3, delta: { type: 'input_json_delta', partial_json: '{}' } },
      { type: 'content_block_stop', index: 3 },
      {
        type: 'message_delta',
        delta: { stop_reason: 'tool_use', stop_sequence: null },
        usage: { input_tokens: 20, output_tokens: 9, cache_creation_input_tokens: 0, cache_read_input_tokens: 10 },
      },
      { type: 'message_stop' },
    ]);
  });

  it('still sends message_start and message_stop for an empty stream', async () => {
    const types = (await events([])).map((event) => event.type);
    assert.deepEqual(types, ['message_start', 'ping', 'message_delta', 'message_stop']);
  });
});

describe('anthropicStreamErrors', () => {
  it('ends a started stream with an Anthropic error event and notes the error on the context', async () => {
    const ctx = new RequestContext('r1');
    const failing = concat(
      from([chunk({ content: 'Hi' })]),
      throwError(() => GatewayError.badGateway('upstream broke')),
    );
    const out = await lastValueFrom(failing.pipe(chunksToAnthropicEvents(OPTIONS), anthropicStreamErrors(ctx), toArray()));
    assert.deepEqual(out.at(-1), {
      event: 'error',
      data: JSON.stringify({ type: 'error', error: { type: 'api_error', message: 'upstream broke' } }),
    });
    assert.equal(ctx.error?.status, 502);
  });

  it('turns an OpenAI-wire error frame mid-stream into an Anthropic error event after the text so far', async () => {
    const ctx = new RequestContext('r3');
    const frames = [chunk({ content: 'Hi' }), { data: JSON.stringify({ error: { message: 'overloaded', type: 'server_error' } }) }];
    const out = await lastValueFrom(from(frames).pipe(chunksToAnthropicEvents(OPTIONS), anthropicStreamErrors(ctx), toArray()));
    assert.deepEqual(
      out.map((frame) => frame.event),
      ['message_start', 'ping', 'content_block_start', 'content_block_delta', 'error'],
    );
    assert.deepEqual(JSON.parse(out.at(-1)!.data), {
      type: 'error',
      error: { type: 'api_error', message: 'the provider failed mid-stream: overloaded' },
    });
  });

  it('leaves an error before the first frame to the HTTP error response', async () => {
    const ctx = new RequestContext('r2');
    const failing = throwError(() => GatewayError.badRequest('bad'));
    await assert.rejects(lastValueFrom(failing.pipe(anthropicStreamErrors(ctx))), /bad/);
  });
});
