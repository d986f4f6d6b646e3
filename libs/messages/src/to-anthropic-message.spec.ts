import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ChatCompletion } from '@modelgate/core';
import { readJsonFixture } from '@modelgate/providers/testing';
import { toAnthropicMessage, toToolInput } from './to-anthropic-message.js';

describe('toAnthropicMessage', () => {
  it('maps a recorded OpenAI text completion to an Anthropic message with usage', () => {
    const completion = readJsonFixture<ChatCompletion>('openai/chat_completion.json');
    assert.deepEqual(toAnthropicMessage(completion, 'openai/gpt-4o-mini'), {
      id: 'chatcmpl-D0q7lRI0Z2q8190Q0ue3JnnWtqLrd',
      type: 'message',
      role: 'assistant',
      model: 'openai/gpt-4o-mini',
      content: [{ type: 'text', text: 'Hello, World!' }],
      stop_reason: 'end_turn',
      stop_sequence: null,
      usage: { input_tokens: 17, output_tokens: 4, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
    });
  });

  it('maps recorded tool_calls to tool_use blocks with parsed input and stop_reason tool_use', () => {
    const completion = readJsonFixture<ChatCompletion>('openai/chat_with_tools.json');
    const message = toAnthropicMessage(completion, 'gpt-4o-mini');
    assert.deepEqual(message.content, [
      { type: 'tool_use', id: 'call_X8zi23yeE70r4qiZ2lhIuRNK', name: 'get_weather', input: { location: 'Paris' } },
    ]);
    assert.equal(message.stop_reason, 'tool_use');
    assert.deepEqual(message.usage, { input_tokens: 47, output_tokens: 14, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 });
  });

  it('puts reasoning first as a thinking block, reports cached prompt tokens apart, and maps length to max_tokens', () => {
    const completion: ChatCompletion = {
      id: 'c1',
      object: 'chat.completion',
      created: 1,
      model: 'deepseek-reasoner',
      choices: [{ index: 0, message: { role: 'assistant', content: 'Four.', reasoning_content: '2+2=4' }, finish_reason: 'length' }],
      usage: { prompt_tokens: 100, completion_tokens: 10, total_tokens: 110, prompt_tokens_details: { cached_tokens: 60 } },
    };
    const message = toAnthropicMessage(completion, 'deepseek-reasoner');
    assert.deepEqual(message.content, [
      { type: 'thinking', thinking: '2+2=4', signature: '' },
      { type: 'text', text: 'Four.' },
    ]);
    assert.equal(message.stop_reason, 'max_tokens');
    assert.deepEqual(message.usage, { input_tokens: 40, output_tokens: 10, cache_creation_input_tokens: 0, cache_read_input_tokens: 60 });
  });

  it('keeps tool arguments that are not a JSON object as text', () => {
    assert.deepEqual(toToolInput(''), {});
    assert.deepEqual(toToolInput('[1]'), { arguments: '[1]' });
    assert.deepEqual(toToolInput('{"a":1}'), { a: 1 });
  });
});
