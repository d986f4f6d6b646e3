import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pageOf } from './stored-responses.service.js';

const ITEMS = ['a', 'b', 'c', 'd', 'e'].map((id) => ({ id, type: 'message' }));
const ids = (list: ReturnType<typeof pageOf>): string[] => list.data.map((item) => item.id as string);

describe('pageOf', () => {
  it('pages newest first by default, saying whether more follow', () => {
    const page = pageOf(ITEMS, { limit: 2, order: 'desc', after: undefined });
    assert.deepEqual(page, { object: 'list', data: [ITEMS[4], ITEMS[3]], first_id: 'e', last_id: 'd', has_more: true });
  });

  it('continues after an id in the chosen order and ends without has_more', () => {
    assert.deepEqual(ids(pageOf(ITEMS, { limit: 2, order: 'asc', after: 'b' })), ['c', 'd']);
    const last = pageOf(ITEMS, { limit: 10, order: 'asc', after: 'c' });
    assert.deepEqual(ids(last), ['d', 'e']);
    assert.equal(last.has_more, false);
  });

  it('gives an empty page after an unknown id, and after the last item', () => {
    assert.deepEqual(pageOf(ITEMS, { limit: 2, order: 'asc', after: 'zzz' }), {
      object: 'list',
      data: [],
      first_id: null,
      last_id: null,
      has_more: false,
    });
    assert.deepEqual(ids(pageOf(ITEMS, { limit: 2, order: 'asc', after: 'e' })), []);
  });
});
