import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DataSource } from 'typeorm';
import { virtualModelStoreContract } from '../contract/virtual-model-store.contract.js';
import { auditEntry, auditStoreContract } from '../contract/audit-store.contract.js';
import { authKeyStoreContract } from '../contract/auth-key-store.contract.js';
import { conversationStoreContract } from '../contract/conversation-store.contract.js';
import { batchStoreContract } from '../contract/batch-store.contract.js';
import { fileOwnerStoreContract } from '../contract/file-owner-store.contract.js';
import { guardrailDefinitionStoreContract } from '../contract/guardrail-definition-store.contract.js';
import { modelOverrideStoreContract } from '../contract/model-override-store.contract.js';
import { ALL_MIGRATIONS, assertUpgradeKeepsRows, assertUpgradeMovesAliases } from '../contract/migration-upgrade.contract.js';
import { responseStoreContract, storedResponse } from '../contract/response-store.contract.js';
import { usageStoreContract } from '../contract/usage-store.contract.js';
import type { AuthKeyRow } from '../stores/auth-key.store.js';
import { openStorage, UNUSED_STORAGE_SETTINGS } from '../testing/open-storage.js';
import { PostgresServer } from '../testing/postgres-server.js';

let server: PostgresServer;
before(async () => {
  server = await PostgresServer.start();
});
after(async () => {
  await server.stop();
});

const OUTAGE_KEY: AuthKeyRow = {
  id: 'outage',
  name: 'outage',
  description: null,
  userPath: null,
  redactedValue: 'sk_gom_...0000',
  secretHash: '0'.repeat(64),
  enabled: true,
  expiresAt: null,
  deactivatedAt: null,
  createdAt: new Date('2026-03-01T00:00:00.000Z'),
  updatedAt: new Date('2026-03-01T00:00:00.000Z'),
};

let databases = 0;
const newDatabase = async () => ({
  ...UNUSED_STORAGE_SETTINGS,
  type: 'postgresql' as const,
  postgresUrl: await server.createDatabase(`storage_${++databases}`),
});
const openPostgres = async () => openStorage(await newDatabase());

usageStoreContract('postgresql', async () => {
  const storage = await openPostgres();
  return { store: storage.usage, close: storage.close };
});
auditStoreContract('postgresql', async () => {
  const storage = await openPostgres();
  return { store: storage.audit, close: storage.close };
});
authKeyStoreContract('postgresql', async () => {
  const storage = await openPostgres();
  return { store: storage.authKeys, close: storage.close };
});
responseStoreContract('postgresql', async () => {
  const storage = await openPostgres();
  return { store: storage.responses, close: storage.close };
});
conversationStoreContract('postgresql', async () => {
  const storage = await openPostgres();
  return { store: storage.conversations, close: storage.close };
});
fileOwnerStoreContract('postgresql', async () => {
  const storage = await openPostgres();
  return { store: storage.fileOwners, close: storage.close };
});
batchStoreContract('postgresql', async () => {
  const storage = await openPostgres();
  return { store: storage.batches, close: storage.close };
});
virtualModelStoreContract('postgresql', async () => {
  const storage = await openPostgres();
  return { store: storage.virtualModels, close: storage.close };
});
modelOverrideStoreContract('postgresql', async () => {
  const storage = await openPostgres();
  return { store: storage.modelOverrides, close: storage.close };
});
guardrailDefinitionStoreContract('postgresql', async () => {
  const storage = await openPostgres();
  return { store: storage.guardrailDefinitions, close: storage.close };
});

describe('TypeORM storage on PostgreSQL', () => {
  it('creates the tables with TIMESTAMPTZ and JSONB columns by migration, and closes the pool on shutdown', async () => {
    const storage = await openPostgres();
    const db = storage.app.get(DataSource);
    const columns: { table_name: string; column_name: string; data_type: string }[] = await db.query(
      `SELECT table_name, column_name, data_type FROM information_schema.columns
       WHERE (table_name, column_name) IN (('usage', 'timestamp'), ('usage', 'raw_usage'), ('audit_logs', 'timestamp'),
         ('audit_logs', 'data'), ('auth_keys', 'created_at'), ('auth_keys', 'expires_at'), ('responses', 'response'),
         ('responses', 'input_items'), ('responses', 'expires_at'), ('conversations', 'metadata'), ('conversation_items', 'item'),
         ('file_owners', 'created_at'), ('batches', 'created_at'), ('batches', 'usage_logged_at'), ('batches', 'batch'),
         ('virtual_models', 'targets'), ('virtual_models', 'updated_at'), ('model_overrides', 'user_paths'), ('model_overrides', 'created_at'))
       ORDER BY table_name, column_name`,
    );
    assert.deepEqual(columns, [
      { table_name: 'audit_logs', column_name: 'data', data_type: 'jsonb' },
      { table_name: 'audit_logs', column_name: 'timestamp', data_type: 'timestamp with time zone' },
      { table_name: 'auth_keys', column_name: 'created_at', data_type: 'timestamp with time zone' },
      { table_name: 'auth_keys', column_name: 'expires_at', data_type: 'timestamp with time zone' },
      { table_name: 'batches', column_name: 'batch', data_type: 'jsonb' },
      { table_name: 'batches', column_name: 'created_at', data_type: 'timestamp with time zone' },
      { table_name: 'batches', column_name: 'usage_logged_at', data_type: 'timestamp with time zone' },
      { table_name: 'conversation_items', column_name: 'item', data_type: 'jsonb' },
      { table_name: 'conversations', column_name: 'metadata', data_type: 'jsonb' },
      { table_name: 'file_owners', column_name: 'created_at', data_type: 'timestamp with time zone' },
      { table_name: 'model_overrides', column_name: 'created_at', data_type: 'timestamp with time zone' },
      { table_name: 'model_overrides', column_name: 'user_paths', data_type: 'jsonb' },
      { table_name: 'responses', column_name: 'expires_at', data_type: 'timestamp with time zone' },
      { table_name: 'responses', column_name: 'input_items', data_type: 'jsonb' },
      { table_name: 'responses', column_name: 'response', data_type: 'jsonb' },
      { table_name: 'usage', column_name: 'raw_usage', data_type: 'jsonb' },
      { table_name: 'usage', column_name: 'timestamp', data_type: 'timestamp with time zone' },
      { table_name: 'virtual_models', column_name: 'targets', data_type: 'jsonb' },
      { table_name: 'virtual_models', column_name: 'updated_at', data_type: 'timestamp with time zone' },
    ]);
    assert.deepEqual(await db.query('SELECT name FROM migrations ORDER BY id'), ALL_MIGRATIONS);
    await storage.close();
    assert.equal(db.isInitialized, false);
  });

  it('upgrades a database made by the first migration alone, keeping its usage rows', async () => {
    await assertUpgradeKeepsRows(await newDatabase());
  });

  it('upgrades a database from before virtual models, moving each alias into virtual_models with one target', async () => {
    await assertUpgradeMovesAliases(await newDatabase());
  });

  it('stores an audit entry carrying NUL characters with U+FFFD in their place rather than failing the batch', async () => {
    const storage = await openPostgres();
    try {
      const entry = auditEntry('nul', 0, {
        errorMessage: 'bad byte \0 here',
        data: { requestBody: { messages: [{ role: 'user', content: 'a\0b' }] } },
      });
      await storage.audit.insertMany([entry]);
      assert.deepEqual(await storage.audit.get('nul'), {
        ...entry,
        errorMessage: 'bad byte \uFFFD here',
        data: { requestBody: { messages: [{ role: 'user', content: 'a\uFFFDb' }] } },
      });
    } finally {
      await storage.close();
    }
  });

  it('stores an audit entry whose client-given values are longer than their columns, cut to fit, rather than failing the batch', async () => {
    const storage = await openPostgres();
    try {
      const entry = auditEntry('long', 0, {
        requestId: 'r'.repeat(512),
        path: `/p/openai/${'x'.repeat(2000)}`,
        requestedModel: 'm'.repeat(300),
      });
      await storage.audit.insertMany([entry, auditEntry('short', 1)]);
      assert.deepEqual(await storage.audit.get('long'), {
        ...entry,
        requestId: 'r'.repeat(128),
        path: `/p/openai/${'x'.repeat(1014)}`,
        requestedModel: 'm'.repeat(256),
      });
      assert.equal((await storage.audit.get('short'))?.id, 'short');
    } finally {
      await storage.close();
    }
  });

  it('stores a response and a conversation item carrying NUL characters with U+FFFD in their place', async () => {
    const storage = await openPostgres();
    try {
      await storage.responses.put(storedResponse('resp_nul', { response: { id: 'resp_nul', output_text: 'a\0b' } }));
      assert.deepEqual(
        await storage.responses.get('resp_nul'),
        storedResponse('resp_nul', { response: { id: 'resp_nul', output_text: 'a\uFFFDb' } }),
      );
      const createdAt = new Date('2026-03-01T12:00:00.000Z');
      await storage.conversations.create({ id: 'conv_nul', createdAt, metadata: null }, [
        { id: 'msg_nul', createdAt, item: { text: 'x\0y' } },
      ]);
      assert.deepEqual(await storage.conversations.getItem('conv_nul', 'msg_nul'), {
        id: 'msg_nul',
        conversationId: 'conv_nul',
        position: 0,
        createdAt,
        item: { text: 'x\uFFFDy' },
      });
    } finally {
      await storage.close();
    }
  });

  it('serves the same data after the server is halted and resumed on its port', async () => {
    const storage = await openPostgres();
    try {
      await storage.authKeys.insert(OUTAGE_KEY);
      await server.halt();
      await assert.rejects(storage.authKeys.list());
      await server.resume();
      // The pool drops the connections the crash cut and opens new ones on the next query.
      assert.deepEqual(await storage.authKeys.list(), [OUTAGE_KEY]);
    } finally {
      await server.resume();
      await storage.close();
    }
  });
});
