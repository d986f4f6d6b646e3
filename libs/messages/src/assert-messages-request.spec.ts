import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GatewayError } from '@modelgate/core';
import { assertMessagesRequest } from './assert-messages-request.js';

function rejection(body: unknown): { message: string; param: string | null } {
  try {
    assertMessagesRequest(body);
  } catch (err) {
    assert.ok(err instanceof GatewayError);
    assert.equal(err.status, 400);
    return { message: err.message, param: err.param };
  }
  assert.fail('accepted');
}

const HELLO = [{ role: 'user', content: 'hi' }];

describe('assertMessagesRequest', () => {
  it('returns a valid body as the same object, with blocks, a system prompt, tools and unknown fields', () => {
    const body = {
      model: 'claude-sonnet-4-5',
      max_tokens: 64,
      system: [{ type: 'text', text: 'be brief' }],
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'weather?' }] },
        { role: 'assistant', content: [{ type: 'tool_use', id: 't', name: 'w', input: {} }] },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 't', content: 'sunny' }] },
      ],
      tools: [{ name: 'w', input_schema: { type: 'object' } }],
      x_future: 1,
    };
    assert.equal(assertMessagesRequest(body), body);
  });

  it('refuses messages that are not message objects, naming messages[i]', () => {
    assert.deepEqual(rejection({ model: 'm', max_tokens: 8, messages: [42, null] }), {
      message: "Invalid type for 'messages[0]': expected an object, but got an integer instead.",
      param: 'messages[0]',
    });
    assert.equal(rejection({ model: 'm', messages: [...HELLO, 'hi'] }).param, 'messages[1]');
    assert.equal(rejection({ model: 'm', messages: [{ content: 'hi' }] }).param, 'messages[0].role');
    assert.equal(rejection({ model: 'm', messages: [{ role: 'user' }] }).param, 'messages[0].content');
    assert.equal(rejection({ model: 'm', messages: [{ role: 'user', content: 5 }] }).param, 'messages[0].content');
    assert.equal(rejection({ model: 'm', messages: [{ role: 'user', content: [42] }] }).param, 'messages[0].content[0]');
  });

  it('refuses a stream that is not a boolean and a tool_choice that is not a typed object', () => {
    assert.equal(rejection({ model: 'm', messages: HELLO, stream: 'yes' }).param, 'stream');
    assert.deepEqual(rejection({ model: 'm', messages: HELLO, tool_choice: 'x' }), {
      message: "Invalid type for 'tool_choice': expected an object, but got a string instead.",
      param: 'tool_choice',
    });
    assert.equal(rejection({ model: 'm', messages: HELLO, tool_choice: {} }).param, 'tool_choice.type');
  });

  it('refuses a system prompt or tools of the wrong shape', () => {
    assert.equal(rejection({ model: 'm', messages: HELLO, system: 5 }).param, 'system');
    assert.equal(rejection({ model: 'm', messages: HELLO, system: [null] }).param, 'system[0]');
    assert.equal(rejection({ model: 'm', messages: HELLO, tools: [42] }).param, 'tools[0]');
  });
});
