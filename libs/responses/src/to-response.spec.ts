import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ChatCompletion } from '@modelgate/core';
import { readJsonFixture } from '@modelgate/providers/testing';
import { decodeReplayState } from './replay-state.js';
import { toResponse } from './to-response.js';

const META = { id: 'resp_abc', createdAt: 1769092737 };
const ECHO = {
  instructions: null,
  max_output_tokens: null,
  metadata: {},
  parallel_tool_calls: true,
  previous_response_id: null,
  reasoning: { effort: null, summary: null },
  store: true,
  temperature: null,
  text: { format: { type: 'text' } },
  tool_choice: 'auto',
  tools: [],
  top_p: null,
  truncation: 'disabled',
};

describe('toResponse', () => {
  it('turns a recorded chat completion into a completed response with one output_text message and Responses usage', () => {
    const completion = readJsonFixture<ChatCompletion>('openai/chat_completion.json');
    assert.deepEqual(toResponse(completion, { model: 'gpt-4o-mini', input: 'hi' }, META), {
      id: 'resp_abc',
      object: 'response',
      created_at: 1769092737,
      status: 'completed',
      error: null,
      incomplete_details: null,
      model: 'gpt-4o-mini-2024-07-18',
      output: [
        {
          id: 'msg_abc',
          type: 'message',
          status: 'completed',
          role: 'assistant',
          content: [{ type: 'output_text', annotations: [], logprobs: [], text: 'Hello, World!' }],
        },
      ],
      usage: {
        input_tokens: 17,
        input_tokens_details: { cached_tokens: 0 },
        output_tokens: 4,
        output_tokens_details: { reasoning_tokens: 0 },
        total_tokens: 21,
      },
      ...ECHO,
    });
  });

  it('turns tool calls into function_call items named fc_<call_id>, with no empty message before them', () => {
    const completion = readJsonFixture<ChatCompletion>('openai/chat_with_tools.json');
    const response = toResponse(completion, { model: 'gpt-4o-mini', input: 'Weather in Paris?', metadata: { a: 'b' } }, META);
    assert.deepEqual(response.output, [
      {
        id: 'fc_call_X8zi23yeE70r4qiZ2lhIuRNK',
        type: 'function_call',
        status: 'completed',
        arguments: '{"location":"Paris"}',
        call_id: 'call_X8zi23yeE70r4qiZ2lhIuRNK',
        name: 'get_weather',
      },
    ]);
    assert.equal(response.status, 'completed');
    assert.deepEqual(response.metadata, { a: 'b' });
    assert.equal(response.usage?.total_tokens, 61);
  });

  it('counts reasoning tokens from a recorded reasoning model', () => {
    const completion = readJsonFixture<ChatCompletion>('openai/chat_completion_reasoning.json');
    assert.deepEqual(toResponse(completion, { model: 'o3-mini' }, META).usage, {
      input_tokens: 13,
      input_tokens_details: { cached_tokens: 0 },
      output_tokens: 85,
      output_tokens_details: { reasoning_tokens: 64 },
      total_tokens: 98,
    });
  });

  it('puts a reasoning item first, its summary from reasoning_content and the thinking blocks in encrypted_content', () => {
    const extra = { anthropic: { thinking_blocks: [{ type: 'thinking', thinking: 'Add them.', signature: 'EqQB' }] } };
    const completion: ChatCompletion = {
      id: 'msg_1',
      object: 'chat.completion',
      created: 1,
      model: 'claude-sonnet-4-20250514',
      choices: [
        {
          index: 0,
          finish_reason: 'stop',
          message: { role: 'assistant', content: '4', reasoning_content: 'Add them.', extra_content: extra },
        },
      ],
      usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15, cache_read_input_tokens: 3 },
    };
    const response = toResponse(completion, { model: 'claude' }, META);
    const [reasoning, message] = response.output;
    assert.deepEqual(
      { ...reasoning, encrypted_content: undefined },
      {
        id: 'rs_abc',
        type: 'reasoning',
        summary: [{ type: 'summary_text', text: 'Add them.' }],
        encrypted_content: undefined,
      },
    );
    assert.deepEqual(decodeReplayState(reasoning?.encrypted_content), extra);
    assert.equal(message?.type, 'message');
    assert.equal(response.usage?.cache_read_input_tokens, 3);
  });

  it('ends a response cut by max tokens as incomplete, saying why', () => {
    const completion = readJsonFixture<ChatCompletion>('openai/chat_completion.json');
    completion.choices[0]!.finish_reason = 'length';
    const response = toResponse(completion, { model: 'gpt-4o-mini', max_output_tokens: 4 }, META);
    assert.equal(response.status, 'incomplete');
    assert.deepEqual(response.incomplete_details, { reason: 'max_output_tokens' });
    assert.equal(response.max_output_tokens, 4);
  });
});
