import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GatewayError, type OpenAIErrorBody } from './gateway-error.js';
import { assertChatMessages, assertContentParts, assertObjectList, jsonTypeName } from './json-shape.js';

function refusal(check: () => void): OpenAIErrorBody['error'] {
  try {
    check();
  } catch (err) {
    assert.ok(err instanceof GatewayError && err.status === 400, `expected a 400 GatewayError, got ${String(err)}`);
    return err.toOpenAI().error;
  }
  assert.fail('accepted');
}

const invalid = (param: string, message: string) => ({ message, type: 'invalid_request_error', param, code: 'invalid_type' });
const missing = (param: string) => ({
  message: `Missing required parameter: '${param}'.`,
  type: 'invalid_request_error',
  param,
  code: 'missing_required_parameter',
});

describe('jsonTypeName', () => {
  it('names JSON types as OpenAI does', () => {
    assert.deepEqual([42, 1.5, 'x', true, null, [], {}].map(jsonTypeName), [
      'an integer',
      'a decimal',
      'a string',
      'a boolean',
      'null',
      'an array',
      'an object',
    ]);
  });
});

describe('assertChatMessages', () => {
  it('accepts messages of every role and content form, and unknown fields', () => {
    assert.doesNotThrow(() =>
      assertChatMessages([
        { role: 'system', content: 'be brief' },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'hi' },
            { type: 'image_url', image_url: { url: 'data:,' } },
          ],
        },
        { role: 'assistant', content: null, tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: '{}' } }] },
        { role: 'tool', tool_call_id: 'c', content: 'ok' },
        { role: 'ipython', content: 'a role only the provider knows', x_extra: 1 },
      ]),
    );
  });

  it('refuses a message that is not an object, naming messages[i]', () => {
    assert.deepEqual(
      refusal(() => assertChatMessages([42, null])),
      invalid('messages[0]', "Invalid type for 'messages[0]': expected an object, but got an integer instead."),
    );
    assert.deepEqual(
      refusal(() => assertChatMessages([{ role: 'user', content: 'hi' }, null])),
      invalid('messages[1]', "Invalid type for 'messages[1]': expected an object, but got null instead."),
    );
    assert.equal(refusal(() => assertChatMessages([[]], 'requests[3].body.messages')).param, 'requests[3].body.messages[0]');
  });

  it('refuses a missing or non-string role', () => {
    assert.deepEqual(
      refusal(() => assertChatMessages([{ content: 'hi' }])),
      missing('messages[0].role'),
    );
    assert.deepEqual(
      refusal(() => assertChatMessages([{ role: 5, content: 'hi' }])),
      invalid('messages[0].role', "Invalid type for 'messages[0].role': expected a string, but got an integer instead."),
    );
  });

  it('refuses content that is neither a string, null nor typed parts, and tool_calls that are not objects', () => {
    assert.equal(refusal(() => assertChatMessages([{ role: 'user', content: 5 }])).param, 'messages[0].content');
    assert.equal(refusal(() => assertChatMessages([{ role: 'user', content: { text: 'hi' } }])).param, 'messages[0].content');
    assert.equal(refusal(() => assertChatMessages([{ role: 'user', content: [42] }])).param, 'messages[0].content[0]');
    assert.deepEqual(
      refusal(() => assertChatMessages([{ role: 'user', content: [{ text: 'hi' }] }])),
      missing('messages[0].content[0].type'),
    );
    assert.equal(refusal(() => assertChatMessages([{ role: 'assistant', tool_calls: 'f' }])).param, 'messages[0].tool_calls');
    assert.equal(refusal(() => assertChatMessages([{ role: 'assistant', tool_calls: [null] }])).param, 'messages[0].tool_calls[0]');
  });
});

describe('assertObjectList and assertContentParts', () => {
  it('take absent and null as nothing', () => {
    assert.doesNotThrow(() => assertObjectList(undefined, 'tools'));
    assert.doesNotThrow(() => assertObjectList(null, 'tools'));
    assert.doesNotThrow(() => assertContentParts(undefined, 'content'));
  });

  it('name the item that is wrong', () => {
    assert.equal(refusal(() => assertObjectList('x', 'tools')).param, 'tools');
    assert.equal(refusal(() => assertObjectList([{ type: 'function' }, 42], 'tools')).param, 'tools[1]');
  });
});
