import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GatewayError } from '@modelgate/core';
import { assertMessageBatchCreate } from './assert-message-batch-create.js';
import { toMessageBatchListQuery } from './message-batch-list-query.js';

const params = { model: 'claude-sonnet-4-20250514', max_tokens: 10, messages: [{ role: 'user', content: 'Hi' }] };

function refused(body: unknown, param: string): void {
  assert.throws(
    () => assertMessageBatchCreate(body),
    (err) => err instanceof GatewayError && err.status === 400 && err.param === param,
  );
}

describe('assertMessageBatchCreate', () => {
  it('returns each custom_id with its Messages params', () => {
    assert.deepEqual(assertMessageBatchCreate({ requests: [{ custom_id: 'a', params }] }), [{ custom_id: 'a', params }]);
  });

  it('answers 400 naming what is wrong: no requests, a missing or repeated custom_id, bad params, streaming', () => {
    refused({}, 'requests');
    refused({ requests: [] }, 'requests');
    refused({ requests: ['x'] }, 'requests[0]');
    refused({ requests: [{ params }] }, 'requests[0].custom_id');
    refused(
      {
        requests: [
          { custom_id: 'a', params },
          { custom_id: 'a', params },
        ],
      },
      'requests[1].custom_id',
    );
    refused({ requests: [{ custom_id: 'a', params: { ...params, model: '' } }] }, 'requests[0].params.model');
    refused({ requests: [{ custom_id: 'a', params: { ...params, stream: true } }] }, 'requests[0].params.stream');
  });
});

describe('toMessageBatchListQuery', () => {
  it("takes Anthropic's limit and after_id, a page holding at most 100", () => {
    assert.deepEqual(toMessageBatchListQuery({}), { limit: 20, afterId: undefined });
    assert.deepEqual(toMessageBatchListQuery({ limit: '1000', after_id: 'msgbatch_1' }), { limit: 100, afterId: 'msgbatch_1' });
  });

  it('answers 400 for a limit out of range and for before_id', () => {
    for (const limit of ['0', '1001', 'x']) {
      assert.throws(
        () => toMessageBatchListQuery({ limit }),
        (err) => err instanceof GatewayError && err.param === 'limit',
      );
    }
    assert.throws(
      () => toMessageBatchListQuery({ before_id: 'msgbatch_1' }),
      (err) => err instanceof GatewayError && err.param === 'before_id',
    );
  });
});
