export { ConfigError } from './config-error.js';
export { GatewayConfigModule } from './config.module.js';
export { discoverProviders, envPrefix, type ProviderDiscovery, type YamlProvider } from './discover-providers.js';
export {
  AdminConfig,
  FAILOVER_MODES,
  FailoverConfig,
  GuardrailsConfig,
  HttpConfig,
  LoggingConfig,
  MetricsConfig,
  ModelsConfig,
  PricingConfig,
  ProvidersConfig,
  ResilienceConfig,
  ResponseCacheConfig,
  ServerConfig,
  StorageConfig,
  UsageConfig,
  type CircuitBreakerSettings,
  type FailoverMode,
  type ConfiguredGuardrail,
  type DeclaredOrigin,
  type DeclaredVirtualModel,
  type ConfiguredModelsMode,
  type GatewayConfig,
  type IgnoredSetting,
  type LogLevel,
  type ModelPrice,
  type ProviderConfig,
  type ResilienceSettings,
  type RetrySettings,
  type RoutingStrategy,
  type StorageType,
  type VirtualModelSpec,
  type VirtualModelStrategy,
  type VirtualModelTarget,
  VIRTUAL_MODEL_STRATEGIES,
} from './gateway-config.js';
export { readVirtualModel, VirtualModelFieldError } from './read-virtual-models.js';
export { chainedSource, findChainProblem, MAX_CHAIN_DEPTH } from './virtual-model-chains.js';
export { SETTINGS as CONFIG_SETTINGS } from './settings.js';
export { expandVariables, loadGatewayConfig, type LoadConfigOptions } from './load-config.js';
