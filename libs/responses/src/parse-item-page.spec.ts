import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GatewayError } from '@modelgate/core';
import { parseItemPage } from './parse-item-page.js';

function paramOf(query: Record<string, unknown>): string | null {
  try {
    parseItemPage(query);
  } catch (err) {
    assert.ok(err instanceof GatewayError);
    assert.equal(err.status, 400);
    return err.param;
  }
  assert.fail('accepted');
}

describe('parseItemPage', () => {
  it("defaults to 20 items, newest first, as OpenAI's API does", () => {
    assert.deepEqual(parseItemPage({}), { limit: 20, order: 'desc', after: undefined });
  });

  it('reads limit, order and after from the query', () => {
    assert.deepEqual(parseItemPage({ limit: '100', order: 'asc', after: 'msg_1' }), { limit: 100, order: 'asc', after: 'msg_1' });
  });

  it('rejects a bad value naming its parameter', () => {
    for (const limit of ['0', '101', '2.5', 'ten', ['1', '2']]) assert.equal(paramOf({ limit }), 'limit');
    assert.equal(paramOf({ order: 'newest' }), 'order');
    assert.equal(paramOf({ after: ['a', 'b'] }), 'after');
  });
});
