// Opens the real StorageModule (backend choice, migrations, shutdown) in a bare Nest context for the store specs.
import type { StorageConfig } from '@modelgate/config';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { StorageModule } from '../storage.module.js';
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

export interface OpenStorage {
  app: INestApplicationContext;
  usage: UsageStore;
  audit: AuditStore;
  authKeys: AuthKeyStore;
  responses: ResponseStore;
  conversations: ConversationStore;
  fileOwners: FileOwnerStore;
  batches: BatchStore;
  virtualModels: VirtualModelStore;
  modelOverrides: ModelOverrideStore;
  guardrailDefinitions: GuardrailDefinitionStore;
  close(): Promise<void>;
}

/** Settings the chosen backend does not read. */
export const UNUSED_STORAGE_SETTINGS = {
  sqlitePath: '',
  postgresUrl: undefined,
  postgresMaxConns: 4,
  mongodbUrl: undefined,
  mongodbDatabase: 'gomodel',
} satisfies Omit<StorageConfig, 'type'>;

export async function openStorage(config: StorageConfig): Promise<OpenStorage> {
  const app = await NestFactory.createApplicationContext(StorageModule.forRoot(config), { logger: false });
  return {
    app,
    usage: app.get(UsageStore),
    audit: app.get(AuditStore),
    authKeys: app.get(AuthKeyStore),
    responses: app.get(ResponseStore),
    conversations: app.get(ConversationStore),
    fileOwners: app.get(FileOwnerStore),
    batches: app.get(BatchStore),
    virtualModels: app.get(VirtualModelStore),
    modelOverrides: app.get(ModelOverrideStore),
    guardrailDefinitions: app.get(GuardrailDefinitionStore),
    close: () => app.close(),
  };
}
