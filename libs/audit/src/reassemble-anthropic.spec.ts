import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { reassembleStream } from './reassemble-stream.js';

/** The `data:` payloads of a recorded SSE stream, in order. */
function recordedFrames(name: string): string[] {
  return readFileSync(new URL(`../../providers/fixtures/${name}`, import.meta.url), 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('data:'))
    .map((line) => line.slice('data:'.length).trim());
}

describe('reassembleStream on Anthropic Messages streams', () => {
  it('rebuilds the recorded stream into the message the client read, with the final usage', () => {
    assert.deepEqual(reassembleStream(recordedFrames('anthropic/messages_stream.txt')), {
      model: 'claude-sonnet-4-20250514',
      id: 'msg_01SJmPi7XXP8qscFQiHPR9oy',
      type: 'message',
      role: 'assistant',
      content: [{ type: 'text', text: 'Hello World' }],
      stop_reason: 'end_turn',
      stop_sequence: null,
      usage: {
        input_tokens: 10,
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: 0,
        cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 },
        output_tokens: 5,
        service_tier: 'standard',
      },
    });
  });

  it('keeps thinking with its signature, and a tool call with its input parsed, in block order', () => {
    const events = [
      {
        type: 'message_start',
        message: { id: 'msg_1', type: 'message', role: 'assistant', content: [], usage: { input_tokens: 30, output_tokens: 1 } },
      },
      { type: 'content_block_start', index: 0, content_block: { type: 'thinking', thinking: '', signature: '' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'Weather needs ' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'a tool.' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'signature_delta', signature: 'EqQBCkYIBxgCKkB' } },
      { type: 'content_block_stop', index: 0 },
      { type: 'content_block_start', index: 1, content_block: { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: {} } },
      { type: 'content_block_delta', index: 1, delta: { type: 'input_json_delta', partial_json: '{"city": "Pa' } },
      { type: 'content_block_delta', index: 1, delta: { type: 'input_json_delta', partial_json: 'ris"}' } },
      { type: 'content_block_stop', index: 1 },
      { type: 'message_delta', delta: { stop_reason: 'tool_use', stop_sequence: null }, usage: { output_tokens: 42 } },
      { type: 'message_stop' },
    ];
    assert.deepEqual(reassembleStream(events.map((event) => JSON.stringify(event))), {
      id: 'msg_1',
      type: 'message',
      role: 'assistant',
      content: [
        { type: 'thinking', thinking: 'Weather needs a tool.', signature: 'EqQBCkYIBxgCKkB' },
        { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Paris' } },
      ],
      stop_reason: 'tool_use',
      stop_sequence: null,
      usage: { input_tokens: 30, output_tokens: 42 },
    });
  });
});
