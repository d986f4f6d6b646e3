import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GatewayError, type OpenAIErrorBody } from '@modelgate/core';
import { assertChatRequest } from './assert-chat-request.js';

function rejection(body: unknown): [number, OpenAIErrorBody] {
  try {
    assertChatRequest(body);
  } catch (err) {
    assert.ok(err instanceof GatewayError, `expected a GatewayError, got ${String(err)}`);
    return [err.status, err.toOpenAI()];
  }
  assert.fail(`${JSON.stringify(body)} was accepted`);
}

function badRequest(message: string, param: string | null): [number, OpenAIErrorBody] {
  return [400, { error: { message, type: 'invalid_request_error', param, code: null } }];
}

const MESSAGES = [{ role: 'user', content: 'Hello' }];

describe('assertChatRequest', () => {
  it('returns a valid body as the same object, keeping fields it does not know', () => {
    const body = {
      model: 'openai/gpt-4o',
      messages: MESSAGES,
      stream: true,
      stream_options: { include_usage: true },
      provider: 'openai',
      logit_bias: { '50256': -100 },
      reasoning_effort: 'low',
      some_future_field: { nested: [1, 2] },
    };
    const snapshot = structuredClone(body);
    const request = assertChatRequest(body);
    assert.equal(request, body);
    assert.deepEqual(request, snapshot);
  });

  it('accepts stream and stream_options that are null or absent', () => {
    for (const body of [
      { model: 'gpt-4o', messages: MESSAGES },
      { model: 'gpt-4o', messages: MESSAGES, stream: null, stream_options: null },
      { model: 'gpt-4o', messages: MESSAGES, stream: false },
    ]) {
      assert.equal(assertChatRequest(body), body);
    }
  });

  it('rejects a body that is not a JSON object, without a param', () => {
    for (const body of [null, undefined, 'hello', 42, [], [{ model: 'gpt-4o' }]]) {
      assert.deepEqual(
        rejection(body),
        badRequest('request body must be a JSON object with model and messages', null),
        JSON.stringify(body),
      );
    }
  });

  it('rejects a missing, blank or non-string model naming model', () => {
    for (const model of [undefined, null, '', '   ', 42, ['gpt-4o']]) {
      assert.deepEqual(
        rejection({ model, messages: MESSAGES }),
        badRequest('model is required: a model ID such as gpt-4o-mini or provider/model', 'model'),
        JSON.stringify(model),
      );
    }
  });

  it('rejects missing, empty or non-array messages naming messages', () => {
    for (const messages of [undefined, null, [], 'Hello', { role: 'user' }]) {
      assert.deepEqual(
        rejection({ model: 'gpt-4o', messages }),
        badRequest('messages is required: a non-empty array of chat messages', 'messages'),
        JSON.stringify(messages),
      );
    }
  });

  it('rejects messages that are not message objects, naming messages[i] as OpenAI does', () => {
    assert.deepEqual(rejection({ model: 'gpt-4o', messages: [42, null] }), [
      400,
      {
        error: {
          message: "Invalid type for 'messages[0]': expected an object, but got an integer instead.",
          type: 'invalid_request_error',
          param: 'messages[0]',
          code: 'invalid_type',
        },
      },
    ]);
    assert.equal(rejection({ model: 'gpt-4o', messages: [...MESSAGES, { content: 'no role' }] })[1].error.param, 'messages[1].role');
    assert.equal(rejection({ model: 'gpt-4o', messages: [{ role: 'user', content: 7 }] })[1].error.param, 'messages[0].content');
  });

  it('rejects tools that are not a list of objects, naming the entry', () => {
    assert.equal(rejection({ model: 'gpt-4o', messages: MESSAGES, tools: 'f' })[1].error.param, 'tools');
    assert.equal(rejection({ model: 'gpt-4o', messages: MESSAGES, tools: [42] })[1].error.param, 'tools[0]');
  });

  it('checks model before messages', () => {
    assert.equal(rejection({})[1].error.param, 'model');
  });

  it('rejects a stream that is not a boolean naming stream', () => {
    for (const stream of ['true', 1, {}]) {
      assert.deepEqual(rejection({ model: 'gpt-4o', messages: MESSAGES, stream }), badRequest('stream must be a boolean', 'stream'));
    }
  });

  it('rejects stream_options that is not an object naming stream_options', () => {
    for (const streamOptions of [true, 'include_usage', [], [{ include_usage: true }]]) {
      assert.deepEqual(
        rejection({ model: 'gpt-4o', messages: MESSAGES, stream: true, stream_options: streamOptions }),
        badRequest('stream_options must be an object', 'stream_options'),
      );
    }
  });
});
