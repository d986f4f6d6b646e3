export { StorageModule } from './storage.module.js';
export { isRowWriteError } from './is-row-write-error.js';
export {
  UsageStore,
  type CostSource,
  type UsageBucket,
  type UsageByModel,
  type UsageByUserPath,
  type UsageFilter,
  type UsagePage,
  type UsageRow,
  type UsageSummary,
} from './stores/usage.store.js';
export {
  AuditStore,
  type AuditAttempt,
  type AuditFailover,
  type AuditGuardrailFinding,
  type AuditData,
  type AuditEntry,
  type AuditFilter,
  type AuditLinks,
  type AuditPage,
} from './stores/audit.store.js';
export { AuthKeyStore, type AuthKeyPatch, type AuthKeyRow } from './stores/auth-key.store.js';
export { ResponseStore, type StoredResponse } from './stores/response.store.js';
export {
  ConversationStore,
  type ConversationItemPage,
  type ConversationItemRow,
  type ConversationRow,
} from './stores/conversation.store.js';
export { FileOwnerStore, type FileOwnerRow } from './stores/file-owner.store.js';
export { BatchStore, type BatchPageQuery, type BatchRow } from './stores/batch.store.js';
export { VirtualModelStore, type VirtualModelRow } from './stores/virtual-model.store.js';
export { GuardrailDefinitionStore, type GuardrailDefinitionRow } from './stores/guardrail-definition.store.js';
export { ModelOverrideStore, type ModelOverrideRow } from './stores/model-override.store.js';
