import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GatewayError } from '@modelgate/core';
import { toFileListQuery } from './file-list-query.js';

function badRequest(param: string) {
  return (err: unknown) => err instanceof GatewayError && err.status === 400 && err.param === param;
}

describe('toFileListQuery', () => {
  it('splits the gateway provider from the listing parameters, limit as a number', () => {
    assert.deepEqual(toFileListQuery({ provider: 'groq', purpose: 'batch', limit: '2', after: 'file-1', order: 'asc' }), {
      provider: 'groq',
      list: { purpose: 'batch', limit: 2, after: 'file-1', order: 'asc' },
    });
    assert.deepEqual(toFileListQuery({}), { provider: undefined, list: {} });
  });

  it('answers 400 naming the parameter for a bad limit, order or a repeated parameter', () => {
    for (const limit of ['0', '-1', '1.5', 'ten', '10001']) assert.throws(() => toFileListQuery({ limit }), badRequest('limit'));
    assert.throws(() => toFileListQuery({ order: 'newest' }), badRequest('order'));
    assert.throws(() => toFileListQuery({ purpose: ['batch', 'assistants'] }), badRequest('purpose'));
  });
});
