// The behaviour every AuthKeyStore backend must show, run by the sqlite, postgres and mongo specs against real servers.
import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import type { AuthKeyRow, AuthKeyStore } from '../stores/auth-key.store.js';
import { freshStoreEachTest, type StoreHandle } from './store-handle.js';

const T0 = Date.parse('2026-03-01T12:00:00.000Z');

function authKey(id: string, minutes: number, overrides: Partial<AuthKeyRow> = {}): AuthKeyRow {
  const createdAt = new Date(T0 + minutes * 60_000 + 789);
  return {
    id,
    name: `key ${id}`,
    description: 'CI pipeline',
    userPath: '/team-a/ci',
    redactedValue: `sk_gom_...${id.padStart(4, '0').slice(-4)}`,
    secretHash: `${id}`.padEnd(64, 'f'),
    enabled: true,
    expiresAt: new Date(T0 + 30 * 86_400_000),
    deactivatedAt: null,
    createdAt,
    updatedAt: createdAt,
    ...overrides,
  };
}

export function authKeyStoreContract(
  backend: string,
  open: () => Promise<StoreHandle<AuthKeyStore>>,
  options: { skip?: string } = {},
): void {
  describe(`AuthKeyStore contract (${backend})`, { skip: options.skip }, () => {
    const current = freshStoreEachTest(open);
    let store: AuthKeyStore;
    beforeEach(() => {
      store = current();
    });

    it('returns inserted keys whole, newest first, and one by id', async () => {
      const bare = authKey('b', 1, { description: null, userPath: null, expiresAt: null });
      await store.insert(authKey('a', 0));
      await store.insert(bare);
      await store.insert(authKey('c', 2, { enabled: false, deactivatedAt: new Date(T0 + 3 * 60_000) }));
      assert.deepEqual(await store.list(), [
        authKey('c', 2, { enabled: false, deactivatedAt: new Date(T0 + 3 * 60_000) }),
        bare,
        authKey('a', 0),
      ]);
      assert.deepEqual(await store.get('b'), bare);
      assert.equal(await store.get('missing'), null);
    });

    it('rejects a second key with the same id or the same secret hash, keeping the first', async () => {
      await store.insert(authKey('a', 0));
      await assert.rejects(store.insert(authKey('a', 1, { secretHash: 'e'.repeat(64) })));
      await assert.rejects(store.insert(authKey('b', 1, { secretHash: authKey('a', 0).secretHash })));
      assert.deepEqual(await store.list(), [authKey('a', 0)]);
    });

    it('updates only the patched fields and says whether the key exists', async () => {
      await store.insert(authKey('a', 0));
      await store.insert(authKey('b', 1));
      const deactivatedAt = new Date(T0 + 60 * 60_000);
      assert.equal(await store.update('a', { enabled: false, deactivatedAt, updatedAt: deactivatedAt }), true);
      assert.deepEqual(await store.get('a'), authKey('a', 0, { enabled: false, deactivatedAt, updatedAt: deactivatedAt }));
      assert.deepEqual(await store.get('b'), authKey('b', 1));
      assert.equal(await store.update('a', {}), true);
      assert.equal(await store.update('missing', { enabled: false }), false);
      assert.equal(await store.update('missing', {}), false);
    });

    it('deletes a key by id and says whether it existed', async () => {
      await store.insert(authKey('a', 0));
      await store.insert(authKey('b', 1));
      assert.equal(await store.delete('a'), true);
      assert.equal(await store.delete('a'), false);
      assert.deepEqual(await store.list(), [authKey('b', 1)]);
    });
  });
}
