import type { StorageConfig } from '@modelgate/config';
import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { VirtualModelStore } from '../stores/virtual-model.store.js';
import { AuditStore } from '../stores/audit.store.js';
import { AuthKeyStore } from '../stores/auth-key.store.js';
import { ConversationStore } from '../stores/conversation.store.js';
import { BatchStore } from '../stores/batch.store.js';
import { FileOwnerStore } from '../stores/file-owner.store.js';
import { GuardrailDefinitionStore } from '../stores/guardrail-definition.store.js';
import { ModelOverrideStore } from '../stores/model-override.store.js';
import { ResponseStore } from '../stores/response.store.js';
import { UsageStore } from '../stores/usage.store.js';
import { VirtualModelEntity } from './entities/virtual-model.entity.js';
import { AuditEntryEntity } from './entities/audit-entry.entity.js';
import { AuthKeyEntity } from './entities/auth-key.entity.js';
import { ConversationItemEntity } from './entities/conversation-item.entity.js';
import { ConversationEntity } from './entities/conversation.entity.js';
import { BatchEntity } from './entities/batch.entity.js';
import { FileOwnerEntity } from './entities/file-owner.entity.js';
import { GuardrailDefinitionEntity } from './entities/guardrail-definition.entity.js';
import { ModelOverrideEntity } from './entities/model-override.entity.js';
import { StoredResponseEntity } from './entities/stored-response.entity.js';
import { UsageRecordEntity } from './entities/usage-record.entity.js';
import { typeormOptions } from './typeorm-options.js';
import { TypeormVirtualModelStore } from './typeorm-virtual-model.store.js';
import { TypeormAuditStore } from './typeorm-audit.store.js';
import { TypeormAuthKeyStore } from './typeorm-auth-key.store.js';
import { TypeormConversationStore } from './typeorm-conversation.store.js';
import { TypeormBatchStore } from './typeorm-batch.store.js';
import { TypeormFileOwnerStore } from './typeorm-file-owner.store.js';
import { TypeormGuardrailDefinitionStore } from './typeorm-guardrail-definition.store.js';
import { TypeormModelOverrideStore } from './typeorm-model-override.store.js';
import { TypeormResponseStore } from './typeorm-response.store.js';
import { TypeormUsageStore } from './typeorm-usage.store.js';

/** Every store the backend binds: provided here and exported to the global StorageModule. */
const STORES = [
  { provide: UsageStore, useClass: TypeormUsageStore },
  { provide: AuditStore, useClass: TypeormAuditStore },
  { provide: AuthKeyStore, useClass: TypeormAuthKeyStore },
  { provide: ResponseStore, useClass: TypeormResponseStore },
  { provide: ConversationStore, useClass: TypeormConversationStore },
  { provide: FileOwnerStore, useClass: TypeormFileOwnerStore },
  { provide: BatchStore, useClass: TypeormBatchStore },
  { provide: VirtualModelStore, useClass: TypeormVirtualModelStore },
  { provide: ModelOverrideStore, useClass: TypeormModelOverrideStore },
  { provide: GuardrailDefinitionStore, useClass: TypeormGuardrailDefinitionStore },
];

/** SQLite or PostgreSQL through one TypeORM data source, destroyed by @nestjs/typeorm on application shutdown. */
@Module({})
export class TypeormStorageModule {
  static forRoot(config: StorageConfig): DynamicModule {
    return {
      module: TypeormStorageModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => typeormOptions(config),
          dataSourceFactory: async (options) => {
            const dataSource = await new DataSource(options!).initialize();
            // With WAL, NORMAL syncs at checkpoints instead of every commit: safe against crashes (only a power loss
            // can drop the last batches), and the usage writer's commits stop waiting on the disk.
            if (dataSource.options.type === 'sqlite') await dataSource.query('PRAGMA synchronous = NORMAL');
            return dataSource;
          },
        }),
        TypeOrmModule.forFeature([
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
        ]),
      ],
      providers: STORES,
      exports: STORES.map((store) => store.provide),
    };
  }
}
