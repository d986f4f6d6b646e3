// The behaviour every ResponseStore backend must show, run by the sqlite, postgres and mongo specs against real servers.
import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import type { ResponseStore, StoredResponse } from '../stores/response.store.js';
import { freshStoreEachTest, type StoreHandle } from './store-handle.js';

const NOW = Date.now();

export function storedResponse(id: string, overrides: Partial<StoredResponse> = {}): StoredResponse {
  return {
    id,
    createdAt: new Date(Math.floor(NOW / 1000) * 1000 - 60_000 + 123),
    requestedModel: 'claude-sonnet-4-5',
    provider: 'anthropic-main',
    providerType: 'anthropic',
    previousResponseId: 'resp_before',
    conversationId: 'conv_1',
    userPath: '/team-a',
    response: {
      id,
      object: 'response',
      status: 'completed',
      output: [{ id: 'msg_1', type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'Hi ✓', annotations: [] }] }],
      usage: { input_tokens: 12, output_tokens: 3, total_tokens: 15 },
      metadata: {},
      temperature: null,
    },
    inputItems: [{ id: 'msg_in', type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Hello' }] }],
    expiresAt: new Date(NOW + 86_400_000),
    ...overrides,
  };
}

export function responseStoreContract(
  backend: string,
  open: () => Promise<StoreHandle<ResponseStore>>,
  options: { skip?: string } = {},
): void {
  describe(`ResponseStore contract (${backend})`, { skip: options.skip }, () => {
    const current = freshStoreEachTest(open);
    let store: ResponseStore;
    beforeEach(() => {
      store = current();
    });

    it('returns a stored response whole, nulls and nested JSON included', async () => {
      const bare = storedResponse('resp_bare', { previousResponseId: null, conversationId: null, userPath: null, expiresAt: null });
      await store.put(storedResponse('resp_a'));
      await store.put(bare);
      assert.deepEqual(await store.get('resp_a'), storedResponse('resp_a'));
      assert.deepEqual(await store.get('resp_bare'), bare);
      assert.equal(await store.get('resp_missing'), null);
    });

    it('replaces the response with the same id', async () => {
      await store.put(storedResponse('resp_a'));
      const replaced = storedResponse('resp_a', { response: { id: 'resp_a', status: 'cancelled' }, inputItems: [] });
      await store.put(replaced);
      assert.deepEqual(await store.get('resp_a'), replaced);
    });

    it('hides an expired response and deletes only expired ones', async () => {
      await store.put(storedResponse('resp_old', { expiresAt: new Date(NOW - 1000) }));
      await store.put(storedResponse('resp_new'));
      await store.put(storedResponse('resp_forever', { expiresAt: null }));
      assert.equal(await store.get('resp_old'), null);
      assert.equal(await store.deleteExpired(new Date()), 1);
      assert.equal(await store.deleteExpired(new Date()), 0);
      assert.deepEqual(await store.get('resp_new'), storedResponse('resp_new'));
      assert.deepEqual(await store.get('resp_forever'), storedResponse('resp_forever', { expiresAt: null }));
    });

    it('deletes a response by id and says whether it existed', async () => {
      await store.put(storedResponse('resp_a'));
      assert.equal(await store.delete('resp_a'), true);
      assert.equal(await store.delete('resp_a'), false);
      assert.equal(await store.get('resp_a'), null);
    });
  });
}
