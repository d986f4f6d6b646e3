export { ConfigError } from './config-error.js';
export { GatewayConfigModule } from './config.module.js';
export { discoverProviders, envPrefix, type ProviderDiscovery, type YamlProvider } from './discover-providers.js';
export {
  AdminConfig,
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
  type ConfiguredAlias,
  type ConfiguredGuardrail,
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
} from './gateway-config.js';
export { SETTINGS as CONFIG_SETTINGS } from './settings.js';
export { expandVariables, loadGatewayConfig, type LoadConfigOptions } from './load-config.js';
