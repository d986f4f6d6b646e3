import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GatewayError, type OpenAIErrorBody } from '@modelgate/core';
import { assertEmbeddingsRequest } from './assert-embeddings-request.js';

function rejection(body: unknown): [number, OpenAIErrorBody] {
  try {
    assertEmbeddingsRequest(body);
  } catch (err) {
    assert.ok(err instanceof GatewayError, `expected a GatewayError, got ${String(err)}`);
    return [err.status, err.toOpenAI()];
  }
  assert.fail(`${JSON.stringify(body)} was accepted`);
}

function badRequest(message: string, param: string | null): [number, OpenAIErrorBody] {
  return [400, { error: { message, type: 'invalid_request_error', param, code: null } }];
}

describe('assertEmbeddingsRequest', () => {
  it('returns a valid body as the same object, keeping fields it does not know', () => {
    const body = {
      model: 'text-embedding-3-small',
      input: ['first', 'second'],
      dimensions: 256,
      encoding_format: 'base64',
      user: 'u-1',
      provider: 'openai',
      some_future_field: { nested: true },
    };
    const snapshot = structuredClone(body);
    const request = assertEmbeddingsRequest(body);
    assert.equal(request, body);
    assert.deepEqual(request, snapshot);
  });

  it('accepts a string, an array of strings and token arrays as input', () => {
    for (const input of ['hello', ['a', 'b'], [1, 2, 3], [[1, 2], [3]]]) {
      const body = { model: 'text-embedding-3-small', input };
      assert.equal(assertEmbeddingsRequest(body), body);
    }
  });

  it('rejects a body that is not a JSON object, without a param', () => {
    for (const body of [null, undefined, 'hello', 42, [], [{ model: 'x' }]]) {
      assert.deepEqual(rejection(body), badRequest('request body must be a JSON object with model and input', null), JSON.stringify(body));
    }
  });

  it('rejects a missing, blank or non-string model naming model', () => {
    for (const model of [undefined, null, '', '  ', 3]) {
      assert.deepEqual(
        rejection({ model, input: 'hello' }),
        badRequest('model is required: an embedding model ID such as text-embedding-3-small', 'model'),
        JSON.stringify(model),
      );
    }
  });

  it('rejects a missing, null or empty-string input naming input', () => {
    for (const input of [undefined, null, '']) {
      assert.deepEqual(
        rejection({ model: 'text-embedding-3-small', input }),
        badRequest('input is required: a string or an array of strings or token arrays', 'input'),
        JSON.stringify(input),
      );
    }
  });

  it('rejects an empty array as a missing input, and input items that are not strings, tokens or token arrays', () => {
    assert.deepEqual(
      rejection({ model: 'text-embedding-3-small', input: [] }),
      badRequest('input is required: a string or an array of strings or token arrays', 'input'),
    );
    assert.deepEqual(rejection({ model: 'text-embedding-3-small', input: { text: 'hi' } }), [
      400,
      {
        error: {
          message: "Invalid type for 'input': expected a string or an array, but got an object instead.",
          type: 'invalid_request_error',
          param: 'input',
          code: 'invalid_type',
        },
      },
    ]);
    assert.deepEqual(rejection({ model: 'text-embedding-3-small', input: ['a', null] }), [
      400,
      {
        error: {
          message: "Invalid type for 'input[1]': expected a string, a token or an array of tokens, but got null instead.",
          type: 'invalid_request_error',
          param: 'input[1]',
          code: 'invalid_type',
        },
      },
    ]);
    assert.equal(rejection({ model: 'text-embedding-3-small', input: [[1, 'x']] })[1].error.param, 'input[0]');
  });

  it('checks model before input', () => {
    assert.equal(rejection({})[1].error.param, 'model');
  });
});
