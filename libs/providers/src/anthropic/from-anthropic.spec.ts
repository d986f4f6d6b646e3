import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readJsonFixture } from '../testing/fixtures.js';
import { fromAnthropicMessage, fromAnthropicModel, toChatUsage, toFinishReason } from './from-anthropic.js';
import type { AnthropicMessage, AnthropicThinkingBlock } from './wire.js';

const CREATED = 1_750_000_000;
const fixture = (name: string): AnthropicMessage => readJsonFixture<AnthropicMessage>(`anthropic/${name}.json`);

describe('fromAnthropicMessage', () => {
  it('translates a plain text answer, counting usage without cache fields', () => {
    assert.deepEqual(fromAnthropicMessage(fixture('messages'), CREATED), {
      id: 'msg_013LBDy1nvGiRgxiRAWseYRS',
      object: 'chat.completion',
      created: CREATED,
      model: 'claude-sonnet-4-20250514',
      choices: [{ index: 0, message: { role: 'assistant', content: 'Hello World', refusal: null }, logprobs: null, finish_reason: 'stop' }],
      usage: { prompt_tokens: 14, completion_tokens: 5, total_tokens: 19, prompt_tokens_details: { cached_tokens: 0 } },
    });
  });

  it('maps a stop_sequence stop to stop and keeps the raw zero cache counts', () => {
    assert.deepEqual(fromAnthropicMessage(fixture('messages_with_params'), CREATED), {
      id: 'msg_01J9EE5VSWbER7SNDLc82bwt',
      object: 'chat.completion',
      created: CREATED,
      model: 'claude-sonnet-4-20250514',
      choices: [{ index: 0, message: { role: 'assistant', content: '1, 2, ', refusal: null }, logprobs: null, finish_reason: 'stop' }],
      usage: {
        prompt_tokens: 25,
        completion_tokens: 8,
        total_tokens: 33,
        prompt_tokens_details: { cached_tokens: 0 },
        cache_read_input_tokens: 0,
        cache_creation_input_tokens: 0,
      },
    });
  });

  it('maps Anthropic tool_use blocks to tool_calls and tool_use to finish_reason tool_calls', () => {
    assert.deepEqual(fromAnthropicMessage(fixture('messages_with_tools'), CREATED), {
      id: 'msg_01LEocKDcwMbVwu5WfQD4F9e',
      object: 'chat.completion',
      created: CREATED,
      model: 'claude-sonnet-4-20250514',
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            content: "I'll check the current weather in Paris for you.",
            refusal: null,
            tool_calls: [
              {
                id: 'toolu_01Dq95J3WcnLmvSvBpAuaXwi',
                type: 'function',
                function: { name: 'get_weather', arguments: '{"location":"Paris"}' },
              },
            ],
          },
          logprobs: null,
          finish_reason: 'tool_calls',
        },
      ],
      usage: {
        prompt_tokens: 380,
        completion_tokens: 65,
        total_tokens: 445,
        prompt_tokens_details: { cached_tokens: 0 },
        cache_read_input_tokens: 0,
        cache_creation_input_tokens: 0,
      },
    });
  });

  it('puts thinking in reasoning_content and the signed blocks, unchanged, in extra_content', () => {
    const message = fixture('messages_extended_thinking');
    const thinking = message.content[0] as AnthropicThinkingBlock;
    assert.deepEqual(fromAnthropicMessage(message, CREATED), {
      id: 'msg_01MHEipmYGTxtwNoLd4876Ug',
      object: 'chat.completion',
      created: CREATED,
      model: 'claude-sonnet-4-20250514',
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            content: (message.content[1] as { text: string }).text,
            refusal: null,
            reasoning_content: thinking.thinking,
            extra_content: { anthropic: { thinking_blocks: [thinking] } },
          },
          logprobs: null,
          finish_reason: 'stop',
        },
      ],
      usage: {
        prompt_tokens: 53,
        completion_tokens: 211,
        total_tokens: 264,
        prompt_tokens_details: { cached_tokens: 0 },
        cache_read_input_tokens: 0,
        cache_creation_input_tokens: 0,
      },
    });
    const replayed = fromAnthropicMessage(message, CREATED).choices[0].message.extra_content?.anthropic.thinking_blocks;
    assert.equal(JSON.stringify(replayed), JSON.stringify([thinking]));
  });

  it('keeps redacted_thinking blocks and gives content null when the answer is only tool calls', () => {
    const message: AnthropicMessage = {
      ...fixture('messages'),
      content: [
        { type: 'redacted_thinking', data: 'EmwKAhgBEgy3va3pzix/LafPsn4a' },
        { type: 'tool_use', id: 'toolu_1', name: 'now', input: {} },
      ],
      stop_reason: 'tool_use',
    };
    assert.deepEqual(fromAnthropicMessage(message, CREATED).choices[0].message, {
      role: 'assistant',
      content: null,
      refusal: null,
      tool_calls: [{ id: 'toolu_1', type: 'function', function: { name: 'now', arguments: '{}' } }],
      extra_content: { anthropic: { thinking_blocks: [{ type: 'redacted_thinking', data: 'EmwKAhgBEgy3va3pzix/LafPsn4a' }] } },
    });
  });
});

describe('toChatUsage', () => {
  it('counts cache reads and writes into prompt_tokens and reports reads as cached_tokens', () => {
    assert.deepEqual(
      toChatUsage({
        input_tokens: 20,
        cache_read_input_tokens: 1000,
        cache_creation_input_tokens: 300,
        output_tokens: 7,
        service_tier: 'standard',
      }),
      {
        prompt_tokens: 1320,
        completion_tokens: 7,
        total_tokens: 1327,
        prompt_tokens_details: { cached_tokens: 1000 },
        cache_read_input_tokens: 1000,
        cache_creation_input_tokens: 300,
      },
    );
  });
});

describe('toFinishReason', () => {
  it('maps every Anthropic stop reason', () => {
    const reasons = ['end_turn', 'stop_sequence', 'pause_turn', 'max_tokens', 'model_context_window_exceeded', 'tool_use', 'refusal'];
    assert.deepEqual(
      reasons.map((reason) => toFinishReason(reason)),
      ['stop', 'stop', 'stop', 'length', 'length', 'tool_calls', 'content_filter'],
    );
    assert.equal(toFinishReason(null), null);
  });
});

describe('fromAnthropicModel', () => {
  it('turns created_at (RFC 3339) into unix seconds', () => {
    assert.deepEqual(
      fromAnthropicModel(
        { type: 'model', id: 'claude-sonnet-4-20250514', display_name: 'Claude Sonnet 4', created_at: '2025-05-22T00:00:00Z' },
        'anthropic',
      ),
      { id: 'claude-sonnet-4-20250514', object: 'model', created: 1747872000, owned_by: 'anthropic', display_name: 'Claude Sonnet 4' },
    );
  });
});
