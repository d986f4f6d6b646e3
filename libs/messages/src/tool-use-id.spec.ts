import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ChatCompletion } from '@modelgate/core';
import { from, lastValueFrom, toArray } from 'rxjs';
import { chunksToAnthropicEvents } from './chunks-to-anthropic-events.js';
import { toAnthropicMessage } from './to-anthropic-message.js';
import { toChatMessages } from './to-chat-messages.js';
import { fromToolUseId, toToolUseId } from './tool-use-id.js';

// The thoughtSignature of the recorded Gemini tool-call stream (gemini-native/stream_generate_content_tools.txt).
const SIGNATURE =
  'CiIB0e2Kb3Jx8Wc1hH3m2ZJt7cP4q9yR0X2kV5sN8aLfEoYBAdHtim9qPz1w3sBv0mYxQ4R2tH6nZ8cW1dK7eJ3uFl9pT0aGq2Xr5yVb8iN1oM4cS6wE7hU9jK2L0dQ3fP5gR8tA1zY=';
const EXTRA = { google: { thought_signature: SIGNATURE } };
const ARGS = '{"location":"Tokyo"}';

function toolTurn(toolUseId: string) {
  return [
    { role: 'user' as const, content: 'Weather in Tokyo?' },
    { role: 'assistant' as const, content: [{ type: 'tool_use', id: toolUseId, name: 'get_weather', input: { location: 'Tokyo' } }] },
    { role: 'user' as const, content: [{ type: 'tool_result', tool_use_id: toolUseId, content: '18°C' }] },
  ];
}

describe('tool_use ids carrying a translated provider’s replay state', () => {
  it('leaves an id whose packed state nests past the depth limit unchanged', () => {
    const id = `toolu_1__mgx_${Buffer.from(`{"a":${'['.repeat(50_000)}${']'.repeat(50_000)}}`).toString('base64url')}`;
    assert.deepEqual(fromToolUseId(id), { id });
  });

  it('packs a streamed call’s extra_content into the tool_use id, and the next turn gets it back on the tool call', async () => {
    const chunk = {
      id: 'c1',
      object: 'chat.completion.chunk',
      created: 1,
      model: 'gemini-2.5-flash',
      choices: [
        {
          index: 0,
          delta: {
            tool_calls: [
              { index: 0, id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: ARGS }, extra_content: EXTRA },
            ],
          },
          finish_reason: 'tool_calls',
        },
      ],
    };
    const frames = await lastValueFrom(
      from([{ data: JSON.stringify(chunk) }]).pipe(
        chunksToAnthropicEvents({ model: 'gemini/gemini-2.5-flash', estimatedInputTokens: 5 }),
        toArray(),
      ),
    );
    const start = frames
      .map((frame) => JSON.parse(frame.data) as { type: string; content_block?: { id: string } })
      .find((event) => event.type === 'content_block_start');
    const toolUseId = start!.content_block!.id;
    assert.match(toolUseId, /^[a-zA-Z0-9_-]+$/, 'the id stays in the alphabet Anthropic allows');

    assert.deepEqual(toChatMessages(toolTurn(toolUseId)), [
      { role: 'user', content: 'Weather in Tokyo?' },
      {
        role: 'assistant',
        content: null,
        tool_calls: [{ id: 'call_1', extra_content: EXTRA, type: 'function', function: { name: 'get_weather', arguments: ARGS } }],
      },
      { role: 'tool', tool_call_id: 'call_1', content: '18°C' },
    ]);
  });

  it('packs it the same way in a non-streamed answer', () => {
    const completion: ChatCompletion = {
      id: 'c1',
      object: 'chat.completion',
      created: 1,
      model: 'gemini-2.5-flash',
      choices: [
        {
          index: 0,
          finish_reason: 'tool_calls',
          message: {
            role: 'assistant',
            content: null,
            tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: ARGS }, extra_content: EXTRA }],
          },
        },
      ],
    };
    const [block] = toAnthropicMessage(completion, 'gemini/gemini-2.5-flash').content;
    assert.equal(block?.id, toToolUseId('call_1', EXTRA));
    assert.deepEqual(fromToolUseId(String(block?.id)), { id: 'call_1', extra_content: EXTRA });
  });

  it('leaves ids without replay state, and ids it did not pack, as they are', () => {
    assert.equal(toToolUseId('toolu_01', undefined), 'toolu_01');
    assert.equal(toToolUseId('toolu_01', {}), 'toolu_01');
    assert.deepEqual(fromToolUseId('toolu_01Dq95J3WcnLmvSvBpAuaXwi'), { id: 'toolu_01Dq95J3WcnLmvSvBpAuaXwi' });
    assert.deepEqual(fromToolUseId('call__mgx_not-json'), { id: 'call__mgx_not-json' });
  });
});
