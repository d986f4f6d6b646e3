// The behaviour every VirtualModelStore backend must show, run by the sqlite, postgres and mongo specs against real servers.
import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import type { VirtualModelRow, VirtualModelStore } from '../stores/virtual-model.store.js';
import { freshStoreEachTest, type StoreHandle } from './store-handle.js';

export function virtualModel(source: string, overrides: Partial<VirtualModelRow> = {}): VirtualModelRow {
  return {
    source,
    targets: [
      { model: 'llama-3.3-70b-versatile', provider: 'groq', weight: 3 },
      { model: 'openai/gpt-4o-mini', provider: null, weight: 1.5 },
    ],
    strategy: 'round_robin',
    userPaths: ['/team-a', '/team-b/x'],
    description: 'the fast default',
    enabled: true,
    sessionAffinity: false,
    createdAt: new Date('2026-03-01T12:00:00.789Z'),
    updatedAt: new Date('2026-03-02T08:30:00.123Z'),
    ...overrides,
  };
}

export function virtualModelStoreContract(
  backend: string,
  open: () => Promise<StoreHandle<VirtualModelStore>>,
  options: { skip?: string } = {},
): void {
  describe(`VirtualModelStore contract (${backend})`, { skip: options.skip }, () => {
    const current = freshStoreEachTest(open);
    let store: VirtualModelStore;
    beforeEach(() => {
      store = current();
    });

    it('returns stored virtual models whole, sorted by source by code point, and one by source', async () => {
      const alias = virtualModel('fast', {
        targets: [{ model: 'groq/llama-3.3-70b-versatile', provider: null, weight: 1 }],
        userPaths: [],
        description: null,
        sessionAffinity: null,
      });
      const slashed = virtualModel('team-a/smart', { strategy: 'cost', enabled: false, sessionAffinity: true });
      await store.put(slashed);
      await store.put(alias);
      await store.put(virtualModel('Fast', { strategy: 'failover' }));
      assert.deepEqual(await store.list(), [virtualModel('Fast', { strategy: 'failover' }), alias, slashed]);
      assert.deepEqual(await store.get('team-a/smart'), slashed);
      assert.equal(await store.get('missing'), null);
    });

    it('replaces the virtual model with the same source', async () => {
      await store.put(virtualModel('fast'));
      const moved = virtualModel('fast', {
        targets: [{ model: 'gpt-4o-mini', provider: null, weight: 1 }],
        strategy: 'failover',
        userPaths: [],
        enabled: false,
        updatedAt: new Date('2026-03-03T00:00:00.000Z'),
      });
      await store.put(moved);
      assert.deepEqual(await store.list(), [moved]);
    });

    it('deletes a virtual model by source and says whether it existed', async () => {
      await store.put(virtualModel('fast'));
      await store.put(virtualModel('smart'));
      assert.equal(await store.delete('fast'), true);
      assert.equal(await store.delete('fast'), false);
      assert.deepEqual(await store.list(), [virtualModel('smart')]);
    });
  });
}
