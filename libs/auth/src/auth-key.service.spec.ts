import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, beforeEach, describe, it, mock } from 'node:test';
import { setImmediate } from 'node:timers/promises';
import { GatewayError } from '@modelgate/core';
import { AuthKeyStore, type AuthKeyRow } from '@modelgate/storage';
import { openStorage, UNUSED_STORAGE_SETTINGS, type OpenStorage } from '@modelgate/storage/testing';
import { hashAuthKeyToken } from './auth-key-token.js';
import { AuthKeyService, toAuthKeyView } from './auth-key.service.js';

const root = mkdtempSync(join(tmpdir(), 'modelgate-auth-keys-'));
after(() => rmSync(root, { recursive: true, force: true }));
let databases = 0;

async function openSqlite(): Promise<OpenStorage> {
  return openStorage({ ...UNUSED_STORAGE_SETTINGS, type: 'sqlite', sqlitePath: join(root, `keys-${++databases}.db`) });
}

/** A key written straight to the store, as another gateway replica (or the passage of time) would leave it. */
function storedKey(overrides: Partial<AuthKeyRow> = {}): AuthKeyRow {
  const at = new Date('2026-01-01T00:00:00.000Z');
  return {
    id: `key-${Math.random().toString(36).slice(2)}`,
    name: 'replica key',
    description: null,
    userPath: null,
    redactedValue: 'sk_gom_...abcd',
    secretHash: hashAuthKeyToken(`sk_gom_${Math.random()}`),
    enabled: true,
    expiresAt: null,
    deactivatedAt: null,
    createdAt: at,
    updatedAt: at,
    ...overrides,
  };
}

function assertBadRequest(param: string) {
  return (err: unknown) => err instanceof GatewayError && err.status === 400 && err.param === param;
}

describe('AuthKeyService over SQLite', () => {
  let storage: OpenStorage;
  let store: AuthKeyStore;
  let keys: AuthKeyService;

  beforeEach(async () => {
    storage = await openSqlite();
    store = storage.app.get(AuthKeyStore);
    keys = new AuthKeyService(store);
    await keys.onApplicationBootstrap();
  });

  afterEach(async () => {
    keys.onApplicationShutdown();
    await storage.close();
  });

  it('creates a key whose secret is shown once and stored only as its hash and redacted form', async () => {
    const expiresAt = new Date(Date.now() + 86_400_000);
    const created = await keys.create({ name: ' ci bot ', description: 'nightly runs', userPath: 'team-a//ci/', expiresAt });
    assert.match(created.value, /^sk_gom_[A-Za-z0-9_-]{43}$/);
    const { value, ...view } = created;
    assert.deepEqual(view, {
      id: created.id,
      name: 'ci bot',
      description: 'nightly runs',
      user_path: '/team-a/ci',
      redacted_value: `sk_gom_...${value.slice(-4)}`,
      enabled: true,
      active: true,
      expires_at: expiresAt.toISOString(),
      deactivated_at: null,
      created_at: created.created_at,
      updated_at: created.created_at,
    });
    const row = await store.get(created.id);
    assert.equal(row?.secretHash, hashAuthKeyToken(value));
    assert.equal(JSON.stringify(row).includes(value), false, 'the secret itself is not stored');
    assert.deepEqual(await keys.get(created.id), view);
    assert.equal(JSON.stringify(await keys.list()).includes(value), false);
  });

  it('lists keys newest first', async () => {
    await store.insert(storedKey({ id: 'old', createdAt: new Date('2026-01-01T00:00:00Z') }));
    await store.insert(storedKey({ id: 'new', createdAt: new Date('2026-02-01T00:00:00Z') }));
    const created = await keys.create({ name: 'newest' });
    assert.deepEqual(
      (await keys.list()).map((key) => key.id),
      [created.id, 'new', 'old'],
    );
  });

  it('refuses an empty name, a bad user path and an expiry that is not in the future, naming the field', async () => {
    await assert.rejects(keys.create({ name: '  ' }), assertBadRequest('name'));
    await assert.rejects(keys.create({ name: 'x'.repeat(257) }), assertBadRequest('name'));
    await assert.rejects(keys.create({ name: 'k', userPath: '/team:a' }), assertBadRequest('user_path'));
    await assert.rejects(keys.create({ name: 'k', userPath: '/team-a/../admin' }), assertBadRequest('user_path'));
    await assert.rejects(keys.create({ name: 'k', expiresAt: new Date(Date.now() - 1000) }), assertBadRequest('expires_at'));
    await assert.rejects(keys.create({ name: 'k', expiresAt: new Date('not a date') }), assertBadRequest('expires_at'));
    assert.deepEqual(await keys.list(), []);
  });

  it('puts a new key in the snapshot before create returns', async () => {
    assert.equal(keys.snapshot()?.size, 0);
    const created = await keys.create({ name: 'fresh' });
    assert.equal(keys.snapshot()?.get(hashAuthKeyToken(created.value))?.id, created.id);
  });

  it('deactivates once: the snapshot sees it at once, and a second call keeps the first time', async () => {
    const created = await keys.create({ name: 'leaked' });
    const deactivated = await keys.deactivate(created.id);
    assert.equal(deactivated?.enabled, false);
    assert.equal(deactivated?.active, false);
    assert.ok(deactivated?.deactivated_at);
    assert.equal(keys.snapshot()?.get(hashAuthKeyToken(created.value))?.enabled, false);
    assert.deepEqual(await keys.deactivate(created.id), deactivated);
    assert.deepEqual(await keys.get(created.id), deactivated);
    assert.equal(await keys.deactivate('no-such-key'), null);
  });

  it('deletes a key from the store and the snapshot; an unknown id is false', async () => {
    const created = await keys.create({ name: 'temporary' });
    assert.equal(await keys.delete(created.id), true);
    assert.equal(await keys.get(created.id), null);
    assert.equal(keys.snapshot()?.size, 0);
    assert.equal(await keys.delete(created.id), false);
  });

  it('refresh loads keys written by another replica and answers the count', async () => {
    await store.insert(storedKey({ id: 'elsewhere' }));
    assert.equal(keys.snapshot()?.size, 0);
    assert.equal(await keys.refresh(), 1);
    assert.equal([...(keys.snapshot()?.values() ?? [])][0]?.id, 'elsewhere');
  });

  it('shows an expired key as enabled but not active', () => {
    const key = storedKey({ expiresAt: new Date('2026-03-01T00:00:00Z') });
    assert.equal(toAuthKeyView(key, Date.parse('2026-02-28T23:59:59Z')).active, true);
    assert.equal(toAuthKeyView(key, Date.parse('2026-03-01T00:00:00Z')).active, false);
    assert.equal(toAuthKeyView(key, Date.parse('2026-03-01T00:00:00Z')).enabled, true);
  });
});

describe('AuthKeyService snapshot lifetime', () => {
  afterEach(() => mock.timers.reset());

  it('reloads every minute', async () => {
    const storage = await openSqlite();
    const store = storage.app.get(AuthKeyStore);
    mock.timers.enable({ apis: ['setTimeout'] });
    const keys = new AuthKeyService(store);
    try {
      await keys.onApplicationBootstrap();
      await store.insert(storedKey());
      mock.timers.tick(59_000);
      for (let i = 0; i < 20; i++) await setImmediate();
      assert.equal(keys.snapshot()?.size, 0, 'not before the minute is up');
      mock.timers.tick(1_000);
      // The reload queries SQLite on its own thread: wait for it in real time (only setTimeout is mocked).
      const deadline = Date.now() + 5_000;
      while (keys.snapshot()?.size === 0 && Date.now() < deadline) await setImmediate();
      assert.equal(keys.snapshot()?.size, 1);
    } finally {
      keys.onApplicationShutdown();
      await storage.close();
    }
  });

  it('starts without keys when the database is down, and keeps the last keys when a reload fails', async () => {
    const storage = await openSqlite();
    const store = storage.app.get(AuthKeyStore);
    const keys = new AuthKeyService(store);
    await keys.refresh();
    await storage.close();
    await assert.rejects(keys.refresh());
    assert.equal(keys.snapshot()?.size, 0, 'the loaded snapshot survives a failed reload');

    const cold = new AuthKeyService(store);
    await cold.onApplicationBootstrap();
    cold.onApplicationShutdown();
    assert.equal(cold.snapshot(), undefined);
  });
});
