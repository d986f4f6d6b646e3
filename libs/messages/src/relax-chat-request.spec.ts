import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GatewayError, type ChatCompletionRequest } from '@modelgate/core';
import { relaxChatRequest } from './relax-chat-request.js';

const REQUEST: ChatCompletionRequest = { model: 'gpt-4o', messages: [], max_completion_tokens: 32000, reasoning_effort: 'high' };

describe('relaxChatRequest', () => {
  it('drops reasoning_effort when a non-reasoning model refuses it', () => {
    const err = GatewayError.badRequest("Unsupported parameter: 'reasoning_effort' is not supported with this model.");
    assert.deepEqual(relaxChatRequest(err, REQUEST), { model: 'gpt-4o', messages: [], max_completion_tokens: 32000 });
  });

  it('drops max_completion_tokens when it is above the model limit (named in the message or param)', () => {
    const err = GatewayError.badRequest('max_tokens is too large: 32000. This model supports at most 16384 completion tokens', {
      param: 'max_tokens',
    });
    assert.deepEqual(relaxChatRequest(err, REQUEST), { model: 'gpt-4o', messages: [], reasoning_effort: 'high' });
  });

  it('leaves other errors, other statuses and requests without the field alone', () => {
    assert.equal(relaxChatRequest(GatewayError.badRequest('messages: too long'), REQUEST), undefined);
    assert.equal(relaxChatRequest(GatewayError.badGateway('reasoning failed'), REQUEST), undefined);
    assert.equal(relaxChatRequest(GatewayError.badRequest('reasoning_effort unsupported'), { model: 'm', messages: [] }), undefined);
    assert.equal(relaxChatRequest(new Error('reasoning'), REQUEST), undefined);
  });
});
