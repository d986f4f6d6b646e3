export { ProvidersModule } from './providers.module.js';
export {
  ModelCatalog,
  PROVIDER_ADAPTERS,
  type InventoryStatus,
  type ProviderInventory,
  type ResolvedModel,
} from './model-catalog.service.js';
export { AliasService, type AliasInput, type AliasView } from './routing/alias.service.js';
export { VirtualModelService, type VirtualModelView } from './routing/virtual-model.service.js';
export { RoutingRulesService } from './routing/routing-rules.service.js';
export { InstanceAvailability, InstancePrices, InstanceRouter } from './routing/instance-router.js';
export { ModelOverrideService, type ModelOverrideView } from './routing/model-override.service.js';
export { scopeOf, type AccessScope } from './routing/access-selector.js';
export { supportsFiles, type FileListQuery, type FormPart, type ProviderFiles, type SupportsFiles } from './provider-adapter.js';
export {
  MESSAGES_BATCH_URL,
  supportsBatches,
  type BatchCreateRequest,
  type BatchResultLine,
  type InlineBatchItem,
  type ProviderBatches,
  type SupportsBatches,
} from './provider-adapter.js';
export { readJsonLines } from './http/json-lines.js';
export { upstreamAnswer } from './http/upstream-error.js';
export {
  supportsAudio,
  supportsEmbeddings,
  supportsMessages,
  supportsResponses,
  type BinaryResult,
  type ProviderAdapter,
  type ProviderResult,
  type SupportsAudio,
  type SupportsEmbeddings,
  type SupportsMessages,
  type SupportsResponses,
  type WireRequest,
} from './provider-adapter.js';
export type { ProviderRegistration, AdapterDependencies } from './provider-registration.js';
export { supportsPassthrough, type SupportsPassthrough } from './provider-adapter.js';
export type { PassthroughMethod, PassthroughRequest, PassthroughResponse, UsageReader, UsageSeen } from './http/passthrough.js';
export { PassthroughUsageTap } from './http/passthrough-usage-tap.js';
export { PROVIDER_DISCOVERY, PROVIDER_REGISTRATIONS } from './provider-registry.js';
/** Anthropic usage in the OpenAI shape the usage records read (surfaces that relay Anthropic answers natively). */
export { toChatUsage as anthropicUsageToChat } from './anthropic/from-anthropic.js';
