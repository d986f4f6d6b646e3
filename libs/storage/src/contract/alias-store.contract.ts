// The behaviour every AliasStore backend must show, run by the sqlite, postgres and mongo specs against real servers.
import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import type { AliasRow, AliasStore } from '../stores/alias.store.js';
import { freshStoreEachTest, type StoreHandle } from './store-handle.js';

export function alias(name: string, overrides: Partial<AliasRow> = {}): AliasRow {
  return {
    name,
    targetModel: 'llama-3.3-70b-versatile',
    targetProvider: 'groq',
    description: 'the fast default',
    enabled: true,
    createdAt: new Date('2026-03-01T12:00:00.789Z'),
    updatedAt: new Date('2026-03-02T08:30:00.123Z'),
    ...overrides,
  };
}

export function aliasStoreContract(backend: string, open: () => Promise<StoreHandle<AliasStore>>, options: { skip?: string } = {}): void {
  describe(`AliasStore contract (${backend})`, { skip: options.skip }, () => {
    const current = freshStoreEachTest(open);
    let store: AliasStore;
    beforeEach(() => {
      store = current();
    });

    it('returns stored aliases whole, sorted by name by code point, and one by name', async () => {
      const bare = alias('fast', { targetModel: 'groq/llama-3.3-70b-versatile', targetProvider: null, description: null });
      const slashed = alias('team-a/smart', { targetModel: 'gpt-4o', targetProvider: 'openai-east', enabled: false });
      await store.put(slashed);
      await store.put(bare);
      await store.put(alias('Fast'));
      assert.deepEqual(await store.list(), [alias('Fast'), bare, slashed]);
      assert.deepEqual(await store.get('team-a/smart'), slashed);
      assert.equal(await store.get('missing'), null);
    });

    it('replaces the alias with the same name', async () => {
      await store.put(alias('fast'));
      const moved = alias('fast', {
        targetModel: 'gpt-4o-mini',
        targetProvider: null,
        enabled: false,
        updatedAt: new Date('2026-03-03T00:00:00.000Z'),
      });
      await store.put(moved);
      assert.deepEqual(await store.list(), [moved]);
    });

    it('deletes an alias by name and says whether it existed', async () => {
      await store.put(alias('fast'));
      await store.put(alias('smart'));
      assert.equal(await store.delete('fast'), true);
      assert.equal(await store.delete('fast'), false);
      assert.deepEqual(await store.list(), [alias('smart')]);
    });
  });
}
