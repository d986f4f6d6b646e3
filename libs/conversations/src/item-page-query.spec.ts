import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GatewayError } from '@modelgate/core';
import { toItemPage } from './item-page-query.js';

function rejectsNaming(query: Record<string, unknown>, param: string): void {
  assert.throws(
    () => toItemPage(query),
    (err: unknown) => err instanceof GatewayError && err.status === 400 && err.param === param,
  );
}

describe('toItemPage', () => {
  it('defaults to 20 items, newest first', () => {
    assert.deepEqual(toItemPage({}), { limit: 20, order: 'desc' });
  });

  it('reads limit, order and after', () => {
    assert.deepEqual(toItemPage({ limit: '100', order: 'asc', after: 'msg_1' }), { limit: 100, order: 'asc', after: 'msg_1' });
    assert.deepEqual(toItemPage({ limit: '1', after: '' }), { limit: 1, order: 'desc' });
  });

  it('answers 400 naming a bad limit or order', () => {
    for (const limit of ['0', '101', '2.5', 'ten', '']) rejectsNaming({ limit }, 'limit');
    rejectsNaming({ limit: ['1', '2'] }, 'limit');
    rejectsNaming({ order: 'newest' }, 'order');
  });
});
