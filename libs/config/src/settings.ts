// Every scalar knob: its GoModel variable name, its config.yaml key, default and rule. `.env.template` and
// `config/config.example.yaml` document the same list.
import {
  parseBasePath,
  parseBoolean,
  parseByteSize,
  parseByteSizeUpTo,
  parseDecimal,
  parseDelayMs,
  parseDurationMs,
  parseEnum,
  parseHeaderName,
  parseList,
  parseLogLevel,
  parseMetricsPath,
  parsePositiveInteger,
  parsePort,
  parseString,
  type Parser,
} from './parse-values.js';
import { FAILOVER_MODES } from './gateway-config.js';

interface Setting<T> {
  env: string;
  yaml?: string;
  default: string;
  parse: Parser<T>;
  secret?: boolean;
}

function setting<T>(definition: Setting<T>): Setting<T> {
  return definition;
}

export const SETTINGS = {
  port: setting({ env: 'PORT', yaml: 'server.port', default: '8080', parse: parsePort }),
  basePath: setting({ env: 'BASE_PATH', yaml: 'server.base_path', default: '/', parse: parseBasePath }),
  masterKey: setting({ env: 'GOMODEL_MASTER_KEY', yaml: 'server.master_key', default: '', parse: parseString, secret: true }),
  userPathHeader: setting({
    env: 'USER_PATH_HEADER',
    yaml: 'server.user_path_header',
    default: 'X-GoModel-User-Path',
    parse: parseHeaderName,
  }),
  bodySizeLimit: setting({ env: 'BODY_SIZE_LIMIT', yaml: 'server.body_size_limit', default: '10M', parse: parseByteSize }),
  enablePassthroughRoutes: setting({
    env: 'ENABLE_PASSTHROUGH_ROUTES',
    yaml: 'server.enable_passthrough_routes',
    default: 'true',
    parse: parseBoolean,
  }),
  allowPassthroughV1Alias: setting({
    env: 'ALLOW_PASSTHROUGH_V1_ALIAS',
    yaml: 'server.allow_passthrough_v1_alias',
    default: 'true',
    parse: parseBoolean,
  }),
  enabledPassthroughProviders: setting({
    env: 'ENABLED_PASSTHROUGH_PROVIDERS',
    yaml: 'server.enabled_passthrough_providers',
    default: 'openai,anthropic,openrouter,zai,vllm,deepseek',
    parse: parseList,
  }),
  filesBodySizeLimit: setting({
    env: 'FILES_BODY_SIZE_LIMIT',
    yaml: 'server.files_body_size_limit',
    default: '512M',
    // Uploads stream through, so they may be far larger than a JSON body.
    parse: parseByteSizeUpTo(16 * 1024 ** 3, '16G'),
  }),
  swaggerEnabled: setting({ env: 'SWAGGER_ENABLED', yaml: 'server.swagger_enabled', default: 'true', parse: parseBoolean }),
  logLevel: setting({ env: 'LOG_LEVEL', default: 'info', parse: parseLogLevel }),
  // Not a GoModel setting: how long SIGTERM waits for in-flight requests and streams, under Kubernetes' 30 s grace.
  shutdownTimeoutMs: setting({ env: 'SHUTDOWN_TIMEOUT', yaml: 'server.shutdown_timeout', default: '20s', parse: parseDurationMs }),
  httpTimeoutMs: setting({ env: 'HTTP_TIMEOUT', yaml: 'http.timeout', default: '600', parse: parseDurationMs }),
  httpResponseHeaderTimeoutMs: setting({
    env: 'HTTP_RESPONSE_HEADER_TIMEOUT',
    yaml: 'http.response_header_timeout',
    default: '600',
    parse: parseDurationMs,
  }),
  retryMaxRetries: setting({
    env: 'RETRY_MAX_RETRIES',
    yaml: 'resilience.retry.max_retries',
    default: '3',
    parse: parsePositiveInteger(0),
  }),
  retryInitialBackoffMs: setting({
    env: 'RETRY_INITIAL_BACKOFF',
    yaml: 'resilience.retry.initial_backoff',
    default: '1s',
    parse: parseDelayMs,
  }),
  retryMaxBackoffMs: setting({ env: 'RETRY_MAX_BACKOFF', yaml: 'resilience.retry.max_backoff', default: '30s', parse: parseDelayMs }),
  retryBackoffFactor: setting({
    env: 'RETRY_BACKOFF_FACTOR',
    yaml: 'resilience.retry.backoff_factor',
    default: '2.0',
    parse: parseDecimal(0),
  }),
  retryJitterFactor: setting({
    env: 'RETRY_JITTER_FACTOR',
    yaml: 'resilience.retry.jitter_factor',
    default: '0.1',
    parse: parseDecimal(0, 1),
  }),
  circuitBreakerFailureThreshold: setting({
    env: 'CIRCUIT_BREAKER_FAILURE_THRESHOLD',
    yaml: 'resilience.circuit_breaker.failure_threshold',
    default: '5',
    parse: parsePositiveInteger(0),
  }),
  circuitBreakerSuccessThreshold: setting({
    env: 'CIRCUIT_BREAKER_SUCCESS_THRESHOLD',
    yaml: 'resilience.circuit_breaker.success_threshold',
    default: '2',
    parse: parsePositiveInteger(),
  }),
  circuitBreakerTimeoutMs: setting({
    env: 'CIRCUIT_BREAKER_TIMEOUT',
    yaml: 'resilience.circuit_breaker.timeout',
    default: '30s',
    parse: parseDurationMs,
  }),
  fallbackMode: setting({
    env: 'FEATURE_FALLBACK_MODE',
    yaml: 'fallback.default_mode',
    default: 'manual',
    // GoModel: blank means the default.
    parse: (raw, name) => (raw.trim() === '' ? 'manual' : parseEnum(FAILOVER_MODES)(raw, name)),
  }),
  fallbackManualRulesPath: setting({
    env: 'FALLBACK_MANUAL_RULES_PATH',
    yaml: 'fallback.manual_rules_path',
    default: '',
    parse: parseString,
  }),
  failoverEnabled: setting({ env: 'FAILOVER_ENABLED', yaml: 'failover.enabled', default: 'true', parse: parseBoolean }),
  failoverManualRulesPath: setting({
    env: 'FAILOVER_MANUAL_RULES_PATH',
    yaml: 'failover.manual_rules_path',
    default: '',
    parse: parseString,
  }),
  failoverRulesJson: setting({ env: 'FAILOVER_RULES_JSON', yaml: 'failover.rules_json', default: '', parse: parseString }),
  configuredProviderModelsMode: setting({
    env: 'CONFIGURED_PROVIDER_MODELS_MODE',
    yaml: 'models.configured_provider_models_mode',
    default: 'fallback',
    parse: parseEnum(['fallback', 'allowlist'] as const),
  }),
  modelsEnabledByDefault: setting({
    env: 'MODELS_ENABLED_BY_DEFAULT',
    yaml: 'models.enabled_by_default',
    default: 'true',
    parse: parseBoolean,
  }),
  modelOverridesEnabled: setting({
    env: 'MODEL_OVERRIDES_ENABLED',
    yaml: 'models.overrides_enabled',
    default: 'true',
    parse: parseBoolean,
  }),
  keepOnlyAliasesAtModelsEndpoint: setting({
    env: 'KEEP_ONLY_ALIASES_AT_MODELS_ENDPOINT',
    yaml: 'models.keep_only_aliases_at_models_endpoint',
    default: 'false',
    parse: parseBoolean,
  }),
  routingStrategy: setting({
    env: 'ROUTING_STRATEGY',
    yaml: 'routing.strategy',
    default: 'first',
    parse: parseEnum(['first', 'round_robin', 'least_latency', 'lowest_cost'] as const),
  }),
  modelRefreshIntervalMs: setting({
    env: 'CACHE_REFRESH_INTERVAL',
    yaml: 'cache.model.refresh_interval',
    default: '3600',
    parse: parseDurationMs,
  }),
  enforceReturningUsageData: setting({
    env: 'ENFORCE_RETURNING_USAGE_DATA',
    yaml: 'usage.enforce_returning_usage_data',
    default: 'true',
    parse: parseBoolean,
  }),
  usageEnabled: setting({ env: 'USAGE_ENABLED', yaml: 'usage.enabled', default: 'true', parse: parseBoolean }),
  usageBufferSize: setting({ env: 'USAGE_BUFFER_SIZE', yaml: 'usage.buffer_size', default: '1000', parse: parsePositiveInteger() }),
  usageFlushIntervalMs: setting({ env: 'USAGE_FLUSH_INTERVAL', yaml: 'usage.flush_interval', default: '5', parse: parseDurationMs }),
  usageRetentionDays: setting({
    env: 'USAGE_RETENTION_DAYS',
    yaml: 'usage.retention_days',
    default: '90',
    parse: parsePositiveInteger(0),
  }),
  loggingEnabled: setting({ env: 'LOGGING_ENABLED', yaml: 'logging.enabled', default: 'false', parse: parseBoolean }),
  loggingLogBodies: setting({ env: 'LOGGING_LOG_BODIES', yaml: 'logging.log_bodies', default: 'false', parse: parseBoolean }),
  loggingLogHeaders: setting({ env: 'LOGGING_LOG_HEADERS', yaml: 'logging.log_headers', default: 'false', parse: parseBoolean }),
  loggingBufferSize: setting({
    env: 'LOGGING_BUFFER_SIZE',
    yaml: 'logging.buffer_size',
    default: '1000',
    parse: parsePositiveInteger(),
  }),
  loggingFlushIntervalMs: setting({
    env: 'LOGGING_FLUSH_INTERVAL',
    yaml: 'logging.flush_interval',
    default: '5',
    parse: parseDurationMs,
  }),
  loggingRetentionDays: setting({
    env: 'LOGGING_RETENTION_DAYS',
    yaml: 'logging.retention_days',
    default: '30',
    parse: parsePositiveInteger(0),
  }),
  loggingOnlyModelInteractions: setting({
    env: 'LOGGING_ONLY_MODEL_INTERACTIONS',
    yaml: 'logging.only_model_interactions',
    default: 'true',
    parse: parseBoolean,
  }),
  adminEndpointsEnabled: setting({ env: 'ADMIN_ENDPOINTS_ENABLED', yaml: 'admin.endpoints_enabled', default: 'true', parse: parseBoolean }),
  adminUiEnabled: setting({ env: 'ADMIN_UI_ENABLED', yaml: 'admin.ui_enabled', default: 'true', parse: parseBoolean }),
  guardrailsEnabled: setting({ env: 'GUARDRAILS_ENABLED', yaml: 'guardrails.enabled', default: 'false', parse: parseBoolean }),
  metricsEnabled: setting({ env: 'METRICS_ENABLED', yaml: 'metrics.enabled', default: 'false', parse: parseBoolean }),
  metricsEndpoint: setting({ env: 'METRICS_ENDPOINT', yaml: 'metrics.endpoint', default: '/metrics', parse: parseMetricsPath }),
  // The exact response cache (cache.response.simple): on by RESPONSE_CACHE_SIMPLE_ENABLED or by the YAML block being
  // there (read-response-cache.ts); Redis when a URL is given, the embedded store otherwise.
  responseCacheSimpleEnabled: setting({
    env: 'RESPONSE_CACHE_SIMPLE_ENABLED',
    yaml: 'cache.response.simple.enabled',
    default: 'false',
    parse: parseBoolean,
  }),
  redisUrl: setting({ env: 'REDIS_URL', yaml: 'cache.response.simple.redis.url', default: '', parse: parseString, secret: true }),
  redisKeyResponses: setting({
    env: 'REDIS_KEY_RESPONSES',
    yaml: 'cache.response.simple.redis.key',
    default: 'gomodel:response:',
    parse: parseString,
  }),
  redisTtlResponsesMs: setting({
    env: 'REDIS_TTL_RESPONSES',
    yaml: 'cache.response.simple.redis.ttl',
    default: '3600',
    parse: parseDelayMs,
  }),
  // Not GoModel settings (it needs Redis): the bounds of the embedded store, used when no Redis URL is given.
  responseCacheMaxEntries: setting({
    env: 'RESPONSE_CACHE_MAX_ENTRIES',
    yaml: 'cache.response.simple.embedded.max_entries',
    default: '10000',
    parse: parsePositiveInteger(),
  }),
  responseCacheMaxBytes: setting({
    env: 'RESPONSE_CACHE_MAX_BYTES',
    yaml: 'cache.response.simple.embedded.max_bytes',
    default: '256M',
    parse: parseByteSizeUpTo(64 * 1024 ** 3, '64G'),
  }),
  storageType: setting({
    env: 'STORAGE_TYPE',
    yaml: 'storage.type',
    default: 'sqlite',
    parse: parseEnum(['sqlite', 'postgresql', 'mongodb'] as const),
  }),
  sqlitePath: setting({ env: 'SQLITE_PATH', yaml: 'storage.sqlite.path', default: 'data/gomodel.db', parse: parseString }),
  postgresUrl: setting({ env: 'POSTGRES_URL', yaml: 'storage.postgresql.url', default: '', parse: parseString, secret: true }),
  postgresMaxConns: setting({
    env: 'POSTGRES_MAX_CONNS',
    yaml: 'storage.postgresql.max_conns',
    default: '10',
    parse: parsePositiveInteger(),
  }),
  mongodbUrl: setting({ env: 'MONGODB_URL', yaml: 'storage.mongodb.url', default: '', parse: parseString, secret: true }),
  mongodbDatabase: setting({ env: 'MONGODB_DATABASE', yaml: 'storage.mongodb.database', default: 'gomodel', parse: parseString }),
};

export type SettingKey = keyof typeof SETTINGS;
export type SettingValues = { [K in SettingKey]: (typeof SETTINGS)[K] extends Setting<infer T> ? T : never };
