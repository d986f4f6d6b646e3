// The behaviour every ModelOverrideStore backend must show, run by the sqlite, postgres and mongo specs against real
// servers.
import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import type { ModelOverrideRow, ModelOverrideStore } from '../stores/model-override.store.js';
import { freshStoreEachTest, type StoreHandle } from './store-handle.js';

export function modelOverride(selector: string, overrides: Partial<ModelOverrideRow> = {}): ModelOverrideRow {
  const slash = selector.indexOf('/');
  return {
    selector,
    providerName: slash > 0 ? selector.slice(0, slash) : null,
    model: slash > 0 ? selector.slice(slash + 1) || null : selector === '/' ? null : selector,
    userPaths: ['/team-a', '/team-b/ci'],
    createdAt: new Date('2026-03-01T12:00:00.789Z'),
    updatedAt: new Date('2026-03-02T08:30:00.123Z'),
    ...overrides,
  };
}

export function modelOverrideStoreContract(
  backend: string,
  open: () => Promise<StoreHandle<ModelOverrideStore>>,
  options: { skip?: string } = {},
): void {
  describe(`ModelOverrideStore contract (${backend})`, { skip: options.skip }, () => {
    const current = freshStoreEachTest(open);
    let store: ModelOverrideStore;
    beforeEach(() => {
      store = current();
    });

    it('returns stored overrides whole, sorted by selector by code point, and one by selector', async () => {
      const rows = [
        modelOverride('openai-east/gpt-4o'),
        modelOverride('/', { userPaths: ['/'] }),
        modelOverride('groq/'),
        modelOverride('gpt-4o', { userPaths: [] }),
        modelOverride('meta-llama/Llama-3-8b', { providerName: null, model: 'meta-llama/Llama-3-8b' }),
        modelOverride('GPT-4o'),
      ];
      for (const row of rows) await store.put(row);
      assert.deepEqual(
        (await store.list()).map((row) => row.selector),
        ['/', 'GPT-4o', 'gpt-4o', 'groq/', 'meta-llama/Llama-3-8b', 'openai-east/gpt-4o'],
      );
      assert.deepEqual(await store.list(), [rows[1], rows[5], rows[3], rows[2], rows[4], rows[0]]);
      assert.deepEqual(await store.get('groq/'), modelOverride('groq/'));
      assert.deepEqual(await store.get('gpt-4o'), modelOverride('gpt-4o', { userPaths: [] }));
      assert.equal(await store.get('missing'), null);
    });

    it('replaces the override with the same selector', async () => {
      await store.put(modelOverride('gpt-4o'));
      const narrowed = modelOverride('gpt-4o', { userPaths: ['/team-c'], updatedAt: new Date('2026-03-03T00:00:00.000Z') });
      await store.put(narrowed);
      assert.deepEqual(await store.list(), [narrowed]);
    });

    it('deletes an override by selector and says whether it existed', async () => {
      await store.put(modelOverride('/'));
      await store.put(modelOverride('gpt-4o'));
      assert.equal(await store.delete('/'), true);
      assert.equal(await store.delete('/'), false);
      assert.deepEqual(await store.list(), [modelOverride('gpt-4o')]);
    });
  });
}
