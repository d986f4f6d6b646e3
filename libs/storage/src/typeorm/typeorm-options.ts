// Connection settings for the two SQL backends. The schema comes only from the versioned migrations, run at start-up.
import type { StorageConfig } from '@modelgate/config';
import { resolve } from 'node:path';
import sqlite3 from 'sqlite3';
import type { DataSourceOptions } from 'typeorm';
import { AuditEntryEntity } from './entities/audit-entry.entity.js';
import { AuthKeyEntity } from './entities/auth-key.entity.js';
import { FileOwnerEntity } from './entities/file-owner.entity.js';
import { GuardrailDefinitionEntity } from './entities/guardrail-definition.entity.js';
import { ModelOverrideEntity } from './entities/model-override.entity.js';
import { BatchEntity } from './entities/batch.entity.js';
import { ConversationItemEntity } from './entities/conversation-item.entity.js';
import { ConversationEntity } from './entities/conversation.entity.js';
import { StoredResponseEntity } from './entities/stored-response.entity.js';
import { UsageRecordEntity } from './entities/usage-record.entity.js';
import { VirtualModelEntity } from './entities/virtual-model.entity.js';
import { CreateUsage1764086400000 } from './migrations/1764086400000-create-usage.js';
import { CreateAuditAndAuthKeys1764172800000 } from './migrations/1764172800000-create-audit-and-auth-keys.js';
import { CreateResponsesAndConversations1764259200000 } from './migrations/1764259200000-create-responses-and-conversations.js';
import { CreateFileOwners1764345600000 } from './migrations/1764345600000-create-file-owners.js';
import { CreateBatches1764432000000 } from './migrations/1764432000000-create-batches.js';
import { CreateAliasesAndModelOverrides1764518400000 } from './migrations/1764518400000-create-aliases-and-model-overrides.js';
import { CreateVirtualModels1764604800000 } from './migrations/1764604800000-create-virtual-models.js';
import { AddCacheType1764650000000 } from './migrations/1764650000000-add-cache-type.js';
import { CreateGuardrailDefinitions1764691200000 } from './migrations/1764691200000-create-guardrail-definitions.js';

const SCHEMA = {
  entities: [
    UsageRecordEntity,
    AuditEntryEntity,
    AuthKeyEntity,
    StoredResponseEntity,
    ConversationEntity,
    ConversationItemEntity,
    FileOwnerEntity,
    BatchEntity,
    VirtualModelEntity,
    ModelOverrideEntity,
    GuardrailDefinitionEntity,
  ],
  migrations: [
    CreateUsage1764086400000,
    CreateAuditAndAuthKeys1764172800000,
    CreateResponsesAndConversations1764259200000,
    CreateFileOwners1764345600000,
    CreateBatches1764432000000,
    CreateAliasesAndModelOverrides1764518400000,
    CreateVirtualModels1764604800000,
    AddCacheType1764650000000,
    CreateGuardrailDefinitions1764691200000,
  ],
  migrationsRun: true,
  synchronize: false,
  logging: false,
};

/** GoModel's SQLite settings: WAL and a 5 s busy timeout on one connection (the driver opens only one). */
const SQLITE_BUSY_TIMEOUT_MS = 5000;

export function typeormOptions(config: StorageConfig): DataSourceOptions {
  if (config.type === 'postgresql') {
    return { ...SCHEMA, type: 'postgres', url: config.postgresUrl, poolSize: config.postgresMaxConns };
  }
  // The driver creates the file's directory when it is missing. TypeORM calls `verbose()` on the module it gets, which
  // makes sqlite3 capture a stack trace on every call: handing it the plain module keeps that off the hot path.
  return {
    ...SCHEMA,
    type: 'sqlite',
    database: resolve(config.sqlitePath),
    enableWAL: true,
    busyTimeout: SQLITE_BUSY_TIMEOUT_MS,
    driver: { verbose: () => sqlite3 },
  };
}
