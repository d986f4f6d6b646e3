import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DataSource } from 'typeorm';
import { usageStoreContract } from '../contract/usage-store.contract.js';
import { openStorage, UNUSED_STORAGE_SETTINGS } from '../testing/open-storage.js';
import { PostgresServer } from '../testing/postgres-server.js';

let server: PostgresServer;
before(async () => {
  server = await PostgresServer.start();
});
after(async () => {
  await server.stop();
});

let databases = 0;
const openPostgres = async () =>
  openStorage({ ...UNUSED_STORAGE_SETTINGS, type: 'postgresql', postgresUrl: await server.createDatabase(`usage_${++databases}`) });

usageStoreContract('postgresql', async () => {
  const storage = await openPostgres();
  return { store: storage.usage, close: storage.close };
});

describe('TypeORM storage on PostgreSQL', () => {
  it('creates the usage table with TIMESTAMPTZ and JSONB columns by migration, and closes the pool on shutdown', async () => {
    const storage = await openPostgres();
    const db = storage.app.get(DataSource);
    const columns: { column_name: string; data_type: string }[] = await db.query(
      `SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'usage' AND column_name IN ('timestamp', 'raw_usage') ORDER BY column_name`,
    );
    assert.deepEqual(columns, [
      { column_name: 'raw_usage', data_type: 'jsonb' },
      { column_name: 'timestamp', data_type: 'timestamp with time zone' },
    ]);
    assert.deepEqual(await db.query('SELECT name FROM migrations'), [{ name: 'CreateUsage1764086400000' }]);
    await storage.close();
    assert.equal(db.isInitialized, false);
  });
});
