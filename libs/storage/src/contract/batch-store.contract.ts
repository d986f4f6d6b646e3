// The behaviour every BatchStore backend must show, run by the sqlite, postgres and mongo specs against real servers.
import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import type { BatchRow, BatchStore } from '../stores/batch.store.js';
import { freshStoreEachTest, type StoreHandle } from './store-handle.js';

export function batchRow(id: string, createdAt: string, overrides: Partial<BatchRow> = {}): BatchRow {
  return {
    id,
    provider: 'openai-east',
    providerType: 'openai',
    providerBatchId: `provider-${id}`,
    userPath: '/team-a',
    createdAt: new Date(createdAt),
    usageLoggedAt: null,
    batch: { id, object: 'batch', status: 'validating', request_counts: { total: 2, completed: 0, failed: 0 }, metadata: { a: 'b' } },
    ...overrides,
  };
}

export function batchStoreContract(backend: string, open: () => Promise<StoreHandle<BatchStore>>, options: { skip?: string } = {}): void {
  describe(`BatchStore contract (${backend})`, { skip: options.skip }, () => {
    const current = freshStoreEachTest(open);
    let store: BatchStore;
    beforeEach(() => {
      store = current();
    });

    it('returns a stored batch whole by id, and null for an unknown id', async () => {
      const row = batchRow('batch_a', '2026-03-01T12:00:00.789Z', { userPath: null });
      await store.put(row);
      assert.deepEqual(await store.get('batch_a'), row);
      assert.equal(await store.get('batch_missing'), null);
    });

    it('replaces the batch object when the same id is stored again', async () => {
      await store.put(batchRow('batch_a', '2026-03-01T12:00:00.000Z'));
      const refreshed = batchRow('batch_a', '2026-03-01T12:00:00.000Z', { batch: { id: 'batch_a', status: 'completed' } });
      await store.put(refreshed);
      assert.deepEqual(await store.get('batch_a'), refreshed);
    });

    it('lists newest first in pages that continue after a cursor, and answers null for an unknown cursor', async () => {
      await store.put(batchRow('batch_1', '2026-03-01T00:00:01.000Z'));
      await store.put(batchRow('batch_3', '2026-03-01T00:00:03.000Z'));
      await store.put(batchRow('batch_2a', '2026-03-01T00:00:02.000Z'));
      await store.put(batchRow('batch_2b', '2026-03-01T00:00:02.000Z'));
      const ids = (rows: BatchRow[] | null) => rows?.map((row) => row.id);
      assert.deepEqual(ids(await store.list({ limit: 2 })), ['batch_3', 'batch_2b']);
      assert.deepEqual(ids(await store.list({ limit: 2, after: 'batch_2b' })), ['batch_2a', 'batch_1']);
      assert.deepEqual(ids(await store.list({ limit: 2, after: 'batch_1' })), []);
      assert.equal(await store.list({ limit: 2, after: 'batch_missing' }), null);
    });

    it('marks usage as logged once: only the first caller wins', async () => {
      await store.put(batchRow('batch_a', '2026-03-01T00:00:00.000Z'));
      const at = new Date('2026-03-02T00:00:00.000Z');
      assert.equal(await store.markUsageLogged('batch_a', at), true);
      assert.equal(await store.markUsageLogged('batch_a', new Date('2026-03-03T00:00:00.000Z')), false);
      assert.deepEqual((await store.get('batch_a'))?.usageLoggedAt, at);
      assert.equal(await store.markUsageLogged('batch_missing', at), false);
    });
  });
}
