import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { DataSource } from 'typeorm';
import { virtualModelStoreContract } from '../contract/virtual-model-store.contract.js';
import { auditStoreContract } from '../contract/audit-store.contract.js';
import { authKeyStoreContract } from '../contract/auth-key-store.contract.js';
import { conversationStoreContract } from '../contract/conversation-store.contract.js';
import { batchStoreContract } from '../contract/batch-store.contract.js';
import { fileOwnerStoreContract } from '../contract/file-owner-store.contract.js';
import { guardrailDefinitionStoreContract } from '../contract/guardrail-definition-store.contract.js';
import { modelOverrideStoreContract } from '../contract/model-override-store.contract.js';
import { ALL_MIGRATIONS, assertUpgradeKeepsRows, assertUpgradeMovesAliases } from '../contract/migration-upgrade.contract.js';
import { responseStoreContract } from '../contract/response-store.contract.js';
import { usageStoreContract } from '../contract/usage-store.contract.js';
import { openStorage, UNUSED_STORAGE_SETTINGS } from '../testing/open-storage.js';

const root = mkdtempSync(join(tmpdir(), 'modelgate-sqlite-'));
after(() => rmSync(root, { recursive: true, force: true }));

let databases = 0;
const openSqlite = (sqlitePath = join(root, `usage-${++databases}.db`)) =>
  openStorage({ ...UNUSED_STORAGE_SETTINGS, type: 'sqlite', sqlitePath });

usageStoreContract('sqlite', async () => {
  const storage = await openSqlite();
  return { store: storage.usage, close: storage.close };
});
auditStoreContract('sqlite', async () => {
  const storage = await openSqlite();
  return { store: storage.audit, close: storage.close };
});
authKeyStoreContract('sqlite', async () => {
  const storage = await openSqlite();
  return { store: storage.authKeys, close: storage.close };
});
responseStoreContract('sqlite', async () => {
  const storage = await openSqlite();
  return { store: storage.responses, close: storage.close };
});
conversationStoreContract('sqlite', async () => {
  const storage = await openSqlite();
  return { store: storage.conversations, close: storage.close };
});
fileOwnerStoreContract('sqlite', async () => {
  const storage = await openSqlite();
  return { store: storage.fileOwners, close: storage.close };
});
batchStoreContract('sqlite', async () => {
  const storage = await openSqlite();
  return { store: storage.batches, close: storage.close };
});
virtualModelStoreContract('sqlite', async () => {
  const storage = await openSqlite();
  return { store: storage.virtualModels, close: storage.close };
});
modelOverrideStoreContract('sqlite', async () => {
  const storage = await openSqlite();
  return { store: storage.modelOverrides, close: storage.close };
});
guardrailDefinitionStoreContract('sqlite', async () => {
  const storage = await openSqlite();
  return { store: storage.guardrailDefinitions, close: storage.close };
});

describe('TypeORM storage on SQLite', () => {
  it('creates the missing directory, uses WAL with a busy timeout, and closes the data source on shutdown', async () => {
    const path = join(root, 'nested', 'dir', 'gomodel.db');
    const storage = await openSqlite(path);
    const db = storage.app.get(DataSource);
    assert.ok(existsSync(path));
    assert.deepEqual(await db.query('PRAGMA journal_mode'), [{ journal_mode: 'wal' }]);
    assert.deepEqual(await db.query('PRAGMA busy_timeout'), [{ timeout: 5000 }]);
    await storage.close();
    assert.equal(db.isInitialized, false);
  });

  it('records the migrations once and reopens an existing database without re-running them', async () => {
    const path = join(root, 'reopened.db');
    await (await openSqlite(path)).close();
    const storage = await openSqlite(path);
    try {
      assert.deepEqual(await storage.app.get(DataSource).query('SELECT name FROM migrations ORDER BY id'), ALL_MIGRATIONS);
    } finally {
      await storage.close();
    }
  });

  it('upgrades a database made by the first migration alone, keeping its usage rows', async () => {
    await assertUpgradeKeepsRows({ ...UNUSED_STORAGE_SETTINGS, type: 'sqlite', sqlitePath: join(root, 'upgraded.db') });
  });

  it('upgrades a database from before virtual models, moving each alias into virtual_models with one target', async () => {
    await assertUpgradeMovesAliases({ ...UNUSED_STORAGE_SETTINGS, type: 'sqlite', sqlitePath: join(root, 'aliases.db') });
  });
});
