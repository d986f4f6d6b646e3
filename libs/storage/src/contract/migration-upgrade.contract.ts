// A database made by an older release must open under this one with its rows intact: the SQL specs run this on SQLite
// and PostgreSQL.
import type { StorageConfig } from '@modelgate/config';
import assert from 'node:assert/strict';
import { DataSource } from 'typeorm';
import type { UsageRow } from '../stores/usage.store.js';
import { openStorage } from '../testing/open-storage.js';
import { UsageRecordEntity } from '../typeorm/entities/usage-record.entity.js';
import { CreateUsage1764086400000 } from '../typeorm/migrations/1764086400000-create-usage.js';
import { typeormOptions } from '../typeorm/typeorm-options.js';

/** The `migrations` table of an up-to-date database, in the order they ran. */
export const ALL_MIGRATIONS = [
  { name: 'CreateUsage1764086400000' },
  { name: 'CreateAuditAndAuthKeys1764172800000' },
  { name: 'CreateResponsesAndConversations1764259200000' },
  { name: 'CreateFileOwners1764345600000' },
  { name: 'CreateBatches1764432000000' },
  { name: 'CreateAliasesAndModelOverrides1764518400000' },
  { name: 'CreateVirtualModels1764604800000' },
  { name: 'AddCacheType1764650000000' },
  { name: 'CreateGuardrailDefinitions1764691200000' },
];

/** A row of the first schema: the columns later versions added (cache_type) read back with their defaults. */
const KEPT: Omit<UsageRow, 'cacheType'> = {
  id: 'before-upgrade',
  requestId: 'req-before-upgrade',
  timestamp: new Date('2026-02-01T08:30:00.250Z'),
  provider: 'openai-east',
  providerType: 'openai',
  requestedModel: 'gpt-4o-mini',
  model: 'gpt-4o-mini-2024-07-18',
  endpoint: '/v1/chat/completions',
  userPath: '/team-a',
  authKeyId: null,
  status: 200,
  stream: true,
  inputTokens: 12,
  outputTokens: 3,
  cachedTokens: null,
  reasoningTokens: null,
  latencyMs: 410,
  ttftMs: 120,
  costUsd: 0.5,
  costSource: 'table',
  rawUsage: { prompt_tokens: 12, completion_tokens: 3 },
};

/** Inserts `row` with the first schema's columns only, each value converted as the driver stores it. */
async function insertFirstSchemaRow(dataSource: DataSource, row: Omit<UsageRow, 'cacheType'>): Promise<void> {
  const columns = dataSource.getRepository(UsageRecordEntity).metadata.columns.filter((column) => column.databaseName !== 'cache_type');
  const values = columns.map((column) => dataSource.driver.preparePersistentValue(column.getEntityValue(row), column));
  const postgres = dataSource.options.type === 'postgres';
  const names = columns.map((column) => `"${column.databaseName}"`).join(', ');
  const placeholders = columns.map((_, index) => (postgres ? `$${index + 1}` : '?')).join(', ');
  await dataSource.query(`INSERT INTO "usage" (${names}) VALUES (${placeholders})`, values);
}

/** Builds the database with the first migration alone, writes a usage row, then opens it as the gateway does. */
export async function assertUpgradeKeepsRows(config: StorageConfig): Promise<void> {
  const old = await new DataSource({ ...typeormOptions(config), migrations: [CreateUsage1764086400000] }).initialize();
  try {
    await insertFirstSchemaRow(old, KEPT);
    assert.deepEqual(await old.query('SELECT name FROM migrations'), [ALL_MIGRATIONS[0]]);
  } finally {
    await old.destroy();
  }

  const storage = await openStorage(config);
  try {
    assert.deepEqual(await storage.app.get(DataSource).query('SELECT name FROM migrations ORDER BY id'), ALL_MIGRATIONS);
    assert.deepEqual(await storage.usage.list({ limit: 10, offset: 0 }), [{ ...KEPT, cacheType: null }]);
    assert.equal((await storage.usage.byModel({ provider: 'openai' }))[0]?.requests, 1);
    assert.equal(await storage.audit.count({}), 0);
    assert.deepEqual(await storage.authKeys.list(), []);
    assert.deepEqual(await storage.virtualModels.list(), []);
    assert.deepEqual(await storage.modelOverrides.list(), []);
  } finally {
    await storage.close();
  }
}

/**
 * Builds the database of the release before virtual models (six migrations), stores an alias, then opens it as the
 * gateway does: the alias is a virtual model with one target, and the `aliases` table is gone.
 */
export async function assertUpgradeMovesAliases(config: StorageConfig): Promise<void> {
  const options = typeormOptions(config);
  const migrations = (options.migrations as (new () => unknown)[]).slice(0, 6);
  const old = await new DataSource({ ...options, migrations }).initialize();
  try {
    const postgres = config.type === 'postgresql';
    const p = (n: number) => (postgres ? `$${n}` : '?');
    await old.query(
      `INSERT INTO aliases (name, target_model, target_provider, description, enabled, created_at, updated_at)
       VALUES (${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}, ${p(5)}, ${p(6)}, ${p(7)})`,
      // As TypeORM wrote them: SQLite keeps UTC text and 0/1.
      postgres
        ? [
            'team-a/fast',
            'llama-3.3-70b-versatile',
            'groq',
            'quick',
            false,
            new Date('2026-03-01T12:00:00.789Z'),
            new Date('2026-03-02T08:30:00.123Z'),
          ]
        : ['team-a/fast', 'llama-3.3-70b-versatile', 'groq', 'quick', 0, '2026-03-01 12:00:00.789', '2026-03-02 08:30:00.123'],
    );
  } finally {
    await old.destroy();
  }

  const storage = await openStorage(config);
  try {
    assert.deepEqual(await storage.virtualModels.list(), [
      {
        source: 'team-a/fast',
        targets: [{ model: 'llama-3.3-70b-versatile', provider: 'groq', weight: 1 }],
        strategy: 'round_robin',
        userPaths: [],
        description: 'quick',
        enabled: false,
        sessionAffinity: null,
        createdAt: new Date('2026-03-01T12:00:00.789Z'),
        updatedAt: new Date('2026-03-02T08:30:00.123Z'),
      },
    ]);
    const tables: unknown[] = await storage.app
      .get(DataSource)
      .query(
        postgres(config)
          ? "SELECT 1 FROM information_schema.tables WHERE table_name = 'aliases'"
          : "SELECT 1 FROM sqlite_master WHERE name = 'aliases'",
      );
    assert.deepEqual(tables, []);
  } finally {
    await storage.close();
  }
}

function postgres(config: StorageConfig): boolean {
  return config.type === 'postgresql';
}
