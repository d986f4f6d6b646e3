// The behaviour every FileOwnerStore backend must show, run by the sqlite, postgres and mongo specs against real servers.
import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import type { FileOwnerRow, FileOwnerStore } from '../stores/file-owner.store.js';
import { freshStoreEachTest, type StoreHandle } from './store-handle.js';

export function fileOwner(fileId: string, overrides: Partial<FileOwnerRow> = {}): FileOwnerRow {
  return {
    fileId,
    provider: 'openai-east',
    providerType: 'openai',
    purpose: 'batch',
    createdAt: new Date('2026-03-01T12:00:00.789Z'),
    ...overrides,
  };
}

export function fileOwnerStoreContract(
  backend: string,
  open: () => Promise<StoreHandle<FileOwnerStore>>,
  options: { skip?: string } = {},
): void {
  describe(`FileOwnerStore contract (${backend})`, { skip: options.skip }, () => {
    const current = freshStoreEachTest(open);
    let store: FileOwnerStore;
    beforeEach(() => {
      store = current();
    });

    it('returns a stored owner whole by file id, and null for an unknown id', async () => {
      await store.put(fileOwner('file-a'));
      await store.put(fileOwner('file-b', { provider: 'groq', providerType: 'groq', purpose: 'user_data' }));
      assert.deepEqual(await store.get('file-a'), fileOwner('file-a'));
      assert.deepEqual(await store.get('file-b'), fileOwner('file-b', { provider: 'groq', providerType: 'groq', purpose: 'user_data' }));
      assert.equal(await store.get('file-missing'), null);
    });

    it('replaces the owner when the same file id is stored again', async () => {
      await store.put(fileOwner('file-a'));
      const moved = fileOwner('file-a', { provider: 'azure-eu', providerType: 'azure', createdAt: new Date('2026-03-02T00:00:00.000Z') });
      await store.put(moved);
      assert.deepEqual(await store.get('file-a'), moved);
    });

    it('deletes an owner by file id and says whether it existed', async () => {
      await store.put(fileOwner('file-a'));
      await store.put(fileOwner('file-b'));
      assert.equal(await store.delete('file-a'), true);
      assert.equal(await store.delete('file-a'), false);
      assert.equal(await store.get('file-a'), null);
      assert.deepEqual(await store.get('file-b'), fileOwner('file-b'));
    });
  });
}
