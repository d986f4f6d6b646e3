// Replays the recorded provider streams (libs/providers/fixtures) through the reassembly.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { ChatCompletionChunk } from '@modelgate/core';
import { chunksToCompletion, reassembleStream } from './reassemble-stream.js';

/** The `data:` payloads of a recorded SSE stream, in order (including `[DONE]`). */
function recordedFrames(name: string): string[] {
  return readFileSync(new URL(`../../providers/fixtures/${name}`, import.meta.url), 'utf8')
    .split(/\n\n+/)
    .flatMap((block) => block.split('\n').filter((line) => line.startsWith('data:')))
    .map((line) => line.slice('data:'.length).trim());
}

describe('reassembleStream', () => {
  it('folds the recorded OpenAI chat stream into the chat.completion the client read', () => {
    assert.deepEqual(reassembleStream(recordedFrames('openai/chat_completion_stream.txt')), {
      id: 'chatcmpl-D0q8CZXN1uEzngZGkU7FuV92lnXWq',
      object: 'chat.completion',
      created: 1769092764,
      model: 'gpt-4o-mini-2024-07-18',
      choices: [{ index: 0, message: { role: 'assistant', content: 'Hello, World!' }, finish_reason: 'stop' }],
    });
  });

  it('keeps the usage of the recorded Groq stream', () => {
    assert.deepEqual(reassembleStream(recordedFrames('groq/chat_completion_stream.txt')), {
      id: 'chatcmpl-bc4c2b5f-ad1c-4152-831f-a0885de968a3',
      object: 'chat.completion',
      created: 1769093744,
      model: 'llama-3.3-70b-versatile',
      choices: [{ index: 0, message: { role: 'assistant', content: 'Hello World!' }, finish_reason: 'stop' }],
      usage: {
        queue_time: 0.090321431,
        prompt_tokens: 38,
        prompt_time: 0.003210785,
        completion_tokens: 4,
        completion_time: 0.027554055,
        total_tokens: 42,
        total_time: 0.03076484,
      },
    });
  });

  it('keeps the final response of the recorded Responses API stream', () => {
    const response = reassembleStream(recordedFrames('openai/responses_stream.txt')) as Record<string, unknown>;
    assert.equal(response.id, 'resp_0b7e83747d2b84440069a31433ab1881998d8036ef3db1ef03');
    assert.equal(response.status, 'completed');
    assert.deepEqual(response.usage, {
      input_tokens: 17,
      input_tokens_details: { cached_tokens: 0 },
      output_tokens: 5,
      output_tokens_details: { reasoning_tokens: 0 },
      total_tokens: 22,
    });
  });

  it('ignores an error frame after the chunks and keeps other streams as their parsed events', () => {
    const frames = [...recordedFrames('openai/chat_completion_stream.txt').slice(0, 2), '{"error":{"message":"upstream broke"}}'];
    assert.deepEqual((reassembleStream(frames) as { choices: unknown[] }).choices, [
      { index: 0, message: { role: 'assistant', content: 'Hello' }, finish_reason: null },
    ]);
    assert.deepEqual(reassembleStream(['{"type":"message_start"}', 'not json', '[DONE]']), [{ type: 'message_start' }]);
    assert.equal(reassembleStream(['[DONE]']), undefined);
  });
});

describe('chunksToCompletion', () => {
  const chunk = (choices: ChatCompletionChunk['choices'], usage?: ChatCompletionChunk['usage']): ChatCompletionChunk => ({
    id: 'chatcmpl-tools',
    object: 'chat.completion.chunk',
    created: 1,
    model: 'gpt-4o',
    choices,
    ...(usage ? { usage } : {}),
  });

  it('merges tool calls by index: id and name from the first fragment, arguments concatenated', () => {
    const completion = chunksToCompletion([
      chunk([
        {
          index: 0,
          delta: {
            role: 'assistant',
            tool_calls: [{ index: 0, id: 'call_a', type: 'function', function: { name: 'get_weather', arguments: '' } }],
          },
          finish_reason: null,
        },
      ]),
      chunk([
        {
          index: 0,
          delta: { tool_calls: [{ index: 1, id: 'call_b', type: 'function', function: { name: 'get_time', arguments: '{"tz"' } }] },
          finish_reason: null,
        },
      ]),
      chunk([{ index: 0, delta: { tool_calls: [{ index: 0, function: { arguments: '{"city":' } }] }, finish_reason: null }]),
      chunk([
        {
          index: 0,
          delta: {
            tool_calls: [
              { index: 0, function: { arguments: '"Paris"}' } },
              { index: 1, function: { arguments: ':"UTC"}' } },
            ],
          },
          finish_reason: null,
        },
      ]),
      chunk([{ index: 0, delta: {}, finish_reason: 'tool_calls' }]),
      chunk([], { prompt_tokens: 10, completion_tokens: 20, total_tokens: 30 }),
    ]);
    assert.deepEqual(completion, {
      id: 'chatcmpl-tools',
      object: 'chat.completion',
      created: 1,
      model: 'gpt-4o',
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            content: null,
            tool_calls: [
              { id: 'call_a', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
              { id: 'call_b', type: 'function', function: { name: 'get_time', arguments: '{"tz":"UTC"}' } },
            ],
          },
          finish_reason: 'tool_calls',
        },
      ],
      usage: { prompt_tokens: 10, completion_tokens: 20, total_tokens: 30 },
    });
  });

  it('keeps choices apart by index and concatenates reasoning', () => {
    const completion = chunksToCompletion([
      chunk([
        { index: 1, delta: { content: 'B' }, finish_reason: null },
        { index: 0, delta: { reasoning_content: 'think ' }, finish_reason: null },
      ]),
      chunk([
        { index: 0, delta: { reasoning_content: 'more', content: 'A' }, finish_reason: 'stop' },
        { index: 1, delta: { content: 'b' }, finish_reason: 'length' },
      ]),
    ]);
    assert.deepEqual(completion.choices, [
      { index: 0, message: { role: 'assistant', content: 'A', reasoning_content: 'think more' }, finish_reason: 'stop' },
      { index: 1, message: { role: 'assistant', content: 'Bb' }, finish_reason: 'length' },
    ]);
  });
});
