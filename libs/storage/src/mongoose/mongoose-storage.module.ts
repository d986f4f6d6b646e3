import type { StorageConfig } from '@modelgate/config';
import { Module, type DynamicModule } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
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
import { MongooseVirtualModelStore } from './mongoose-virtual-model.store.js';
import { MongooseAuditStore } from './mongoose-audit.store.js';
import { MongooseAuthKeyStore } from './mongoose-auth-key.store.js';
import { MongooseConversationStore } from './mongoose-conversation.store.js';
import { MongooseBatchStore } from './mongoose-batch.store.js';
import { MongooseFileOwnerStore } from './mongoose-file-owner.store.js';
import { MongooseGuardrailDefinitionStore } from './mongoose-guardrail-definition.store.js';
import { MongooseModelOverrideStore } from './mongoose-model-override.store.js';
import { MongooseResponseStore } from './mongoose-response.store.js';
import { MongooseUsageStore } from './mongoose-usage.store.js';
import { VIRTUAL_MODEL_MODEL, virtualModelSchema } from './schemas/virtual-model.schema.js';
import { AUDIT_ENTRY_MODEL, auditEntrySchema } from './schemas/audit-entry.schema.js';
import { AUTH_KEY_MODEL, authKeySchema } from './schemas/auth-key.schema.js';
import { CONVERSATION_ITEM_MODEL, CONVERSATION_MODEL, conversationItemSchema, conversationSchema } from './schemas/conversation.schema.js';
import { BATCH_MODEL, batchSchema } from './schemas/batch.schema.js';
import { FILE_OWNER_MODEL, fileOwnerSchema } from './schemas/file-owner.schema.js';
import { GUARDRAIL_DEFINITION_MODEL, guardrailDefinitionSchema } from './schemas/guardrail-definition.schema.js';
import { MODEL_OVERRIDE_MODEL, modelOverrideSchema } from './schemas/model-override.schema.js';
import { STORED_RESPONSE_MODEL, storedResponseSchema } from './schemas/stored-response.schema.js';
import { USAGE_RECORD_MODEL, usageRecordSchema } from './schemas/usage-record.schema.js';

/** Every store the backend binds: provided here and exported to the global StorageModule. */
const STORES = [
  { provide: UsageStore, useClass: MongooseUsageStore },
  { provide: AuditStore, useClass: MongooseAuditStore },
  { provide: AuthKeyStore, useClass: MongooseAuthKeyStore },
  { provide: ResponseStore, useClass: MongooseResponseStore },
  { provide: ConversationStore, useClass: MongooseConversationStore },
  { provide: FileOwnerStore, useClass: MongooseFileOwnerStore },
  { provide: BatchStore, useClass: MongooseBatchStore },
  { provide: VirtualModelStore, useClass: MongooseVirtualModelStore },
  { provide: ModelOverrideStore, useClass: MongooseModelOverrideStore },
  { provide: GuardrailDefinitionStore, useClass: MongooseGuardrailDefinitionStore },
];

/** MongoDB through one Mongoose connection (indexes built at start-up), closed by @nestjs/mongoose on shutdown. */
@Module({})
export class MongooseStorageModule {
  static forRoot(config: StorageConfig): DynamicModule {
    return {
      module: MongooseStorageModule,
      imports: [
        MongooseModule.forRoot(config.mongodbUrl ?? '', { dbName: config.mongodbDatabase }),
        MongooseModule.forFeature([
          { name: USAGE_RECORD_MODEL, schema: usageRecordSchema },
          { name: AUDIT_ENTRY_MODEL, schema: auditEntrySchema },
          { name: AUTH_KEY_MODEL, schema: authKeySchema },
          { name: STORED_RESPONSE_MODEL, schema: storedResponseSchema },
          { name: CONVERSATION_MODEL, schema: conversationSchema },
          { name: CONVERSATION_ITEM_MODEL, schema: conversationItemSchema },
          { name: FILE_OWNER_MODEL, schema: fileOwnerSchema },
          { name: BATCH_MODEL, schema: batchSchema },
          { name: VIRTUAL_MODEL_MODEL, schema: virtualModelSchema },
          { name: MODEL_OVERRIDE_MODEL, schema: modelOverrideSchema },
          { name: GUARDRAIL_DEFINITION_MODEL, schema: guardrailDefinitionSchema },
        ]),
      ],
      providers: STORES,
      exports: STORES.map((store) => store.provide),
    };
  }
}
