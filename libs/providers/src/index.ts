export { ProvidersModule } from './providers.module.js';
export {
  ModelCatalog,
  PROVIDER_ADAPTERS,
  type InventoryStatus,
  type ProviderInventory,
  type ResolvedModel,
} from './model-catalog.service.js';
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
export { PROVIDER_DISCOVERY, PROVIDER_REGISTRATIONS } from './provider-registry.js';
