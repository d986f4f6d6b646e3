import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GatewayError } from '@modelgate/core';
import { assertBatchCreateBody } from './batch-create-request.js';

const chatItem = (custom_id: string | undefined, extra: Record<string, unknown> = {}) => ({
  custom_id,
  method: 'POST',
  url: '/v1/chat/completions',
  body: { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] },
  ...extra,
});

function refusedWith(message: string, param: string | null) {
  return (err: unknown) => err instanceof GatewayError && err.status === 400 && err.message === message && err.param === param;
}

describe('assertBatchCreateBody', () => {
  it('reads an input-file batch with the default completion window and no metadata', () => {
    assert.deepEqual(assertBatchCreateBody({ input_file_id: 'file-1', endpoint: '/v1/chat/completions' }), {
      kind: 'file',
      input_file_id: 'file-1',
      endpoint: '/v1/chat/completions',
      completion_window: '24h',
      metadata: {},
    });
  });

  it('reads inline requests: full URLs normalised, empty custom_id generated, endpoint taken from the items', () => {
    const body = assertBatchCreateBody({
      requests: [chatItem('a', { url: 'https://api.openai.com/v1/chat/completions' }), chatItem('')],
      metadata: { run: '1' },
    });
    assert.deepEqual(body, {
      kind: 'inline',
      endpoint: '/v1/chat/completions',
      completion_window: '24h',
      metadata: { run: '1' },
      requests: [
        { custom_id: 'a', method: 'POST', url: '/v1/chat/completions', body: chatItem('a').body },
        { custom_id: 'req-1', method: 'POST', url: '/v1/chat/completions', body: chatItem('a').body },
      ],
    });
  });

  it('refuses what no provider could run, naming the field', () => {
    assert.throws(
      () => assertBatchCreateBody({}),
      refusedWith('input_file_id (an uploaded JSONL file) or requests is required', 'input_file_id'),
    );
    assert.throws(() => assertBatchCreateBody({ input_file_id: 'f' }), refusedWith('endpoint is required', 'endpoint'));
    assert.throws(
      () => assertBatchCreateBody({ input_file_id: 'f', endpoint: '/v1/images' }),
      refusedWith(
        "endpoint '/v1/images' is not a batch endpoint; use one of /v1/chat/completions, /v1/embeddings, /v1/responses, /v1/completions",
        'endpoint',
      ),
    );
    assert.throws(
      () => assertBatchCreateBody({ requests: [] }),
      refusedWith('requests must be a non-empty array of {custom_id, method, url, body}', 'requests'),
    );
    assert.throws(
      () => assertBatchCreateBody({ requests: [chatItem('a'), chatItem('a')] }),
      refusedWith("batch item 1: duplicate custom_id 'a'; each item needs its own", 'requests[1].custom_id'),
    );
    assert.throws(
      () => assertBatchCreateBody({ requests: [chatItem('a', { body: { model: 'm', stream: true } })] }),
      refusedWith('batch item 0: streaming is not available in batches', 'requests[0].body.stream'),
    );
    assert.throws(
      () => assertBatchCreateBody({ requests: [chatItem('a', { url: 'https://[' })] }),
      refusedWith(
        "requests[0].url 'https://[' is not a batch endpoint; use one of /v1/chat/completions, /v1/embeddings, /v1/responses, /v1/completions",
        'requests[0].url',
      ),
    );
    assert.throws(
      () => assertBatchCreateBody({ requests: [chatItem('a', { body: { model: 'm', messages: 'x' } })] }),
      refusedWith('batch item 0: messages is required: a non-empty array of chat messages', 'requests[0].body.messages'),
    );
    assert.throws(
      () => assertBatchCreateBody({ requests: [chatItem('a', { body: { model: 'm', messages: [42] } })] }),
      refusedWith(
        "Invalid type for 'requests[0].body.messages[0]': expected an object, but got an integer instead.",
        'requests[0].body.messages[0]',
      ),
    );
    assert.throws(
      () => assertBatchCreateBody({ input_file_id: 'f', endpoint: '/v1/chat/completions', metadata: { n: 1 } }),
      refusedWith('metadata must be an object of string values', 'metadata'),
    );
  });
});
