import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GatewayError } from '@modelgate/core';
import { assertResponsesRequest, conversationIdOf } from './assert-responses-request.js';

function rejection(body: unknown): { message: string; param: string | null } {
  try {
    assertResponsesRequest(body);
  } catch (err) {
    assert.ok(err instanceof GatewayError);
    assert.equal(err.status, 400);
    return { message: err.message, param: err.param };
  }
  assert.fail('accepted');
}

describe('assertResponsesRequest', () => {
  it('returns a valid body as the same object, fields it does not know included', () => {
    const body = { model: 'gpt-4o-mini', input: [{ role: 'user', content: 'hi' }], client_metadata: { a: 1 }, stream: true, store: false };
    assert.equal(assertResponsesRequest(body), body);
  });

  it('rejects bad top-level fields naming them', () => {
    assert.equal(rejection({ input: 'hi' }).param, 'model');
    assert.equal(rejection({ model: 'm', input: 42 }).param, 'input');
    assert.equal(rejection({ model: 'm', stream: 'yes' }).param, 'stream');
    assert.equal(rejection({ model: 'm', store: 1 }).param, 'store');
    assert.equal(rejection({ model: 'm', previous_response_id: 7 }).param, 'previous_response_id');
    assert.equal(rejection({ model: 'm', conversation: { id: 7 } }).param, 'conversation');
  });

  it('refuses input items that are not objects, or whose type, role or content has the wrong type, naming input[i]', () => {
    assert.deepEqual(rejection({ model: 'm', input: [42, null] }), {
      message: "Invalid type for 'input[0]': expected an object, but got an integer instead.",
      param: 'input[0]',
    });
    assert.equal(rejection({ model: 'm', input: [{ role: 'user', content: 'hi' }, null] }).param, 'input[1]');
    assert.equal(rejection({ model: 'm', input: [{ type: 5 }] }).param, 'input[0].type');
    assert.equal(rejection({ model: 'm', input: [{ role: ['user'], content: 'hi' }] }).param, 'input[0].role');
    assert.equal(rejection({ model: 'm', input: [{ role: 'user', content: 42 }] }).param, 'input[0].content');
    assert.equal(rejection({ model: 'm', input: [{ role: 'user', content: [{ text: 'hi' }] }] }).param, 'input[0].content[0].type');
    assert.equal(rejection({ model: 'm', input: 'hi', tools: [null] }).param, 'tools[0]');
  });

  it('accepts every kind of input item, with fields it does not know', () => {
    const input = [
      { role: 'user', content: [{ type: 'input_text', text: 'hi' }] },
      { type: 'function_call', call_id: 'c', name: 'f', arguments: '{}' },
      { type: 'function_call_output', call_id: 'c', output: 'ok' },
      { type: 'reasoning', id: 'rs_1', summary: [], encrypted_content: 'x' },
      { type: 'item_reference', id: 'msg_1' },
    ];
    const body = { model: 'm', input, tools: [{ type: 'function', name: 'f' }] };
    assert.equal(assertResponsesRequest(body), body);
  });

  it('refuses previous_response_id together with a conversation, as OpenAI does', () => {
    assert.deepEqual(rejection({ model: 'm', previous_response_id: 'resp_1', conversation: 'conv_1' }), {
      message: 'previous_response_id and conversation cannot be used together',
      param: 'conversation',
    });
  });
});

describe('conversationIdOf', () => {
  it('reads the id from a string or an object, and nothing from null', () => {
    assert.equal(conversationIdOf({ model: 'm', conversation: 'conv_1' }), 'conv_1');
    assert.equal(conversationIdOf({ model: 'm', conversation: { id: 'conv_2' } }), 'conv_2');
    assert.equal(conversationIdOf({ model: 'm', conversation: null }), undefined);
  });
});
