// The behaviour every ConversationStore backend must show, run by the sqlite, postgres and mongo specs against real servers.
import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import type { ConversationItemRow, ConversationRow, ConversationStore } from '../stores/conversation.store.js';
import { freshStoreEachTest, type StoreHandle } from './store-handle.js';

const T0 = Date.parse('2026-03-01T12:00:00.000Z');

type NewItem = Omit<ConversationItemRow, 'position' | 'conversationId'>;

function conversation(id: string, metadata: Record<string, string> | null = { topic: 'billing' }): ConversationRow {
  return { id, createdAt: new Date(T0 + 456), metadata };
}

function item(id: string, text = `text of ${id}`): NewItem {
  return {
    id,
    createdAt: new Date(T0 + 1000 + 7),
    item: { id, type: 'message', role: 'user', status: 'completed', content: [{ type: 'input_text', text }] },
  };
}

function stored(conversationId: string, position: number, entry: NewItem): ConversationItemRow {
  return { ...entry, conversationId, position };
}

export function conversationStoreContract(
  backend: string,
  open: () => Promise<StoreHandle<ConversationStore>>,
  options: { skip?: string } = {},
): void {
  describe(`ConversationStore contract (${backend})`, { skip: options.skip }, () => {
    const current = freshStoreEachTest(open);
    let store: ConversationStore;
    beforeEach(() => {
      store = current();
    });

    it('creates a conversation with its first items at positions 0..n-1 and rejects a second with the same id', async () => {
      await store.create(conversation('conv_a'), [item('msg_1'), item('msg_2')]);
      await store.create(conversation('conv_b', null), []);
      assert.deepEqual(await store.get('conv_a'), conversation('conv_a'));
      assert.deepEqual(await store.get('conv_b'), conversation('conv_b', null));
      assert.equal(await store.get('conv_missing'), null);
      assert.deepEqual(await store.listItems('conv_a', { limit: 10, order: 'asc' }), [
        stored('conv_a', 0, item('msg_1')),
        stored('conv_a', 1, item('msg_2')),
      ]);
      await assert.rejects(store.create(conversation('conv_a', { other: 'x' }), [item('msg_9')]));
      assert.deepEqual(await store.get('conv_a'), conversation('conv_a'));
      assert.equal(await store.getItem('conv_a', 'msg_9'), null);
    });

    it('replaces the metadata in full and answers null for an unknown conversation', async () => {
      await store.create(conversation('conv_a'), []);
      assert.deepEqual(await store.updateMetadata('conv_a', { owner: 'alice' }), conversation('conv_a', { owner: 'alice' }));
      assert.deepEqual(await store.updateMetadata('conv_a', null), conversation('conv_a', null));
      assert.deepEqual(await store.get('conv_a'), conversation('conv_a', null));
      assert.equal(await store.updateMetadata('conv_missing', { a: 'b' }), null);
    });

    it('appends after the last item, returns the stored rows, and skips ids the conversation already holds', async () => {
      await store.create(conversation('conv_a'), [item('msg_1')]);
      await store.create(conversation('conv_b'), [item('msg_1')]);
      assert.deepEqual(await store.appendItems('conv_a', [item('msg_2'), item('fc_call_1')]), [
        stored('conv_a', 1, item('msg_2')),
        stored('conv_a', 2, item('fc_call_1')),
      ]);
      assert.deepEqual(await store.appendItems('conv_a', [item('msg_2', 'again'), item('msg_3'), item('msg_3', 'twice')]), [
        stored('conv_a', 1, item('msg_2')),
        stored('conv_a', 3, item('msg_3')),
      ]);
      assert.equal(await store.appendItems('conv_missing', [item('msg_1')]), null);
      assert.deepEqual(await store.listItems('conv_b', { limit: 10, order: 'asc' }), [stored('conv_b', 0, item('msg_1'))]);
    });

    it('gives concurrent appends distinct positions, each batch contiguous and in order', async () => {
      await store.create(conversation('conv_a'), []);
      const batches = Array.from({ length: 8 }, (_, batch) => [item(`msg_${batch}_a`), item(`msg_${batch}_b`)]);
      await Promise.all(batches.map((batch) => store.appendItems('conv_a', batch)));
      const rows = await store.listItems('conv_a', { limit: 100, order: 'asc' });
      assert.deepEqual(
        rows.map((row) => row.position),
        Array.from({ length: 16 }, (_, index) => index),
      );
      for (let batch = 0; batch < 8; batch += 1) {
        const a = rows.find((row) => row.id === `msg_${batch}_a`)!;
        const b = rows.find((row) => row.id === `msg_${batch}_b`)!;
        assert.equal(b.position, a.position + 1);
      }
    });

    it('pages items in either order after a given item, an unknown one giving an empty page', async () => {
      await store.create(
        conversation('conv_a'),
        ['msg_0', 'msg_1', 'msg_2', 'msg_3', 'msg_4'].map((id) => item(id)),
      );
      const ids = async (page: Parameters<ConversationStore['listItems']>[1]) =>
        (await store.listItems('conv_a', page)).map((row) => row.id);
      assert.deepEqual(await ids({ limit: 2, order: 'desc' }), ['msg_4', 'msg_3']);
      assert.deepEqual(await ids({ limit: 2, order: 'desc', after: 'msg_3' }), ['msg_2', 'msg_1']);
      assert.deepEqual(await ids({ limit: 10, order: 'asc', after: 'msg_1' }), ['msg_2', 'msg_3', 'msg_4']);
      assert.deepEqual(await ids({ limit: 10, order: 'asc', after: 'msg_missing' }), []);
      assert.deepEqual(await store.listItems('conv_missing', { limit: 10, order: 'asc' }), []);
    });

    it('gets and deletes one item, and deleting the conversation removes its items', async () => {
      await store.create(conversation('conv_a'), [item('msg_1'), item('msg_2')]);
      assert.deepEqual(await store.getItem('conv_a', 'msg_2'), stored('conv_a', 1, item('msg_2')));
      assert.equal(await store.getItem('conv_b', 'msg_2'), null);
      assert.equal(await store.deleteItem('conv_a', 'msg_1'), true);
      assert.equal(await store.deleteItem('conv_a', 'msg_1'), false);
      assert.deepEqual(await store.appendItems('conv_a', [item('msg_3')]), [stored('conv_a', 2, item('msg_3'))]);
      assert.equal(await store.delete('conv_a'), true);
      assert.equal(await store.delete('conv_a'), false);
      assert.equal(await store.get('conv_a'), null);
      assert.equal(await store.getItem('conv_a', 'msg_2'), null);
      await store.create(conversation('conv_a'), [item('msg_9')]);
      assert.deepEqual(await store.listItems('conv_a', { limit: 10, order: 'asc' }), [stored('conv_a', 0, item('msg_9'))]);
    });
  });
}
