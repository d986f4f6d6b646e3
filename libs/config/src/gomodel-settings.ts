// Every setting GoModel reads (GOMODEL-REFERENCE §2.2 and GoModel's README), as data. It says nothing about
// ModelGate: which of these have no effect here is derived by comparing them with SETTINGS and provider discovery
// (find-ignored-settings.ts), so a setting leaves the ignored list the day ModelGate implements it.

export interface GoModelSetting {
  /** The variable; a trailing `*` stands for any suffix (`SET_BUDGET_*`). */
  env?: string;
  /** The config.yaml key, dotted; it covers everything under it (`guardrails.rules` holds a list). */
  yaml?: string;
}

const SEMANTIC = 'cache.response.semantic';

export const GOMODEL_SETTINGS: readonly GoModelSetting[] = [
  { env: 'PORT', yaml: 'server.port' },
  { env: 'BASE_PATH', yaml: 'server.base_path' },
  { env: 'GOMODEL_MASTER_KEY', yaml: 'server.master_key' },
  { env: 'BODY_SIZE_LIMIT', yaml: 'server.body_size_limit' },
  { env: 'SWAGGER_ENABLED', yaml: 'server.swagger_enabled' },
  { env: 'PPROF_ENABLED', yaml: 'server.pprof_enabled' },
  { env: 'USER_PATH_HEADER', yaml: 'server.user_path_header' },
  { env: 'ENABLE_PASSTHROUGH_ROUTES', yaml: 'server.enable_passthrough_routes' },
  { env: 'ALLOW_PASSTHROUGH_V1_ALIAS', yaml: 'server.allow_passthrough_v1_alias' },
  { env: 'ENABLED_PASSTHROUGH_PROVIDERS', yaml: 'server.enabled_passthrough_providers' },
  { env: 'LOG_FORMAT' },
  { env: 'LOG_LEVEL' },
  { env: 'MODELS_ENABLED_BY_DEFAULT', yaml: 'models.enabled_by_default' },
  { env: 'MODEL_OVERRIDES_ENABLED', yaml: 'models.overrides_enabled' },
  { env: 'KEEP_ONLY_ALIASES_AT_MODELS_ENDPOINT', yaml: 'models.keep_only_aliases_at_models_endpoint' },
  { env: 'CONFIGURED_PROVIDER_MODELS_MODE', yaml: 'models.configured_provider_models_mode' },
  { env: 'CACHE_REFRESH_INTERVAL', yaml: 'cache.model.refresh_interval' },
  { env: 'MODEL_LIST_URL', yaml: 'cache.model.model_list.url' },
  { env: 'GOMODEL_CACHE_DIR', yaml: 'cache.model.local.cache_dir' },
  { env: 'REDIS_URL', yaml: 'cache.model.redis.url' },
  { env: 'REDIS_KEY_MODELS', yaml: 'cache.model.redis.key' },
  { env: 'REDIS_TTL_MODELS', yaml: 'cache.model.redis.ttl' },
  // A `simple:` or `semantic:` block turns its cache on by being there, even empty.
  { yaml: 'cache.response.simple' },
  { env: 'RESPONSE_CACHE_SIMPLE_ENABLED', yaml: 'cache.response.simple.enabled' },
  { yaml: 'cache.response.simple.redis.url' },
  { env: 'REDIS_KEY_RESPONSES', yaml: 'cache.response.simple.redis.key' },
  { env: 'REDIS_TTL_RESPONSES', yaml: 'cache.response.simple.redis.ttl' },
  { yaml: SEMANTIC },
  { env: 'SEMANTIC_CACHE_ENABLED', yaml: `${SEMANTIC}.enabled` },
  { env: 'SEMANTIC_CACHE_THRESHOLD', yaml: `${SEMANTIC}.similarity_threshold` },
  { env: 'SEMANTIC_CACHE_TTL', yaml: `${SEMANTIC}.ttl` },
  { env: 'SEMANTIC_CACHE_MAX_CONV_MESSAGES', yaml: `${SEMANTIC}.max_conversation_messages` },
  { env: 'SEMANTIC_CACHE_EXCLUDE_SYSTEM_PROMPT', yaml: `${SEMANTIC}.exclude_system_prompt` },
  { env: 'SEMANTIC_CACHE_EMBEDDER_PROVIDER', yaml: `${SEMANTIC}.embedder.provider` },
  { env: 'SEMANTIC_CACHE_EMBEDDER_MODEL', yaml: `${SEMANTIC}.embedder.model` },
  { env: 'SEMANTIC_CACHE_VECTOR_STORE_TYPE', yaml: `${SEMANTIC}.vector_store.type` },
  ...vectorStore('QDRANT', ['URL', 'COLLECTION', 'API_KEY']),
  ...vectorStore('PGVECTOR', ['URL', 'TABLE', 'DIMENSION']),
  ...vectorStore('PINECONE', ['HOST', 'API_KEY', 'NAMESPACE', 'DIMENSION']),
  ...vectorStore('WEAVIATE', ['URL', 'CLASS', 'API_KEY']),
  { env: 'STORAGE_TYPE', yaml: 'storage.type' },
  { env: 'SQLITE_PATH', yaml: 'storage.sqlite.path' },
  { env: 'POSTGRES_URL', yaml: 'storage.postgresql.url' },
  { env: 'POSTGRES_MAX_CONNS', yaml: 'storage.postgresql.max_conns' },
  { env: 'MONGODB_URL', yaml: 'storage.mongodb.url' },
  { env: 'MONGODB_DATABASE', yaml: 'storage.mongodb.database' },
  { env: 'LOGGING_ENABLED', yaml: 'logging.enabled' },
  { env: 'LOGGING_LOG_BODIES', yaml: 'logging.log_bodies' },
  { env: 'LOGGING_LOG_HEADERS', yaml: 'logging.log_headers' },
  { env: 'LOGGING_BUFFER_SIZE', yaml: 'logging.buffer_size' },
  { env: 'LOGGING_FLUSH_INTERVAL', yaml: 'logging.flush_interval' },
  { env: 'LOGGING_RETENTION_DAYS', yaml: 'logging.retention_days' },
  { env: 'LOGGING_ONLY_MODEL_INTERACTIONS', yaml: 'logging.only_model_interactions' },
  { env: 'USAGE_ENABLED', yaml: 'usage.enabled' },
  { env: 'ENFORCE_RETURNING_USAGE_DATA', yaml: 'usage.enforce_returning_usage_data' },
  { env: 'USAGE_BUFFER_SIZE', yaml: 'usage.buffer_size' },
  { env: 'USAGE_FLUSH_INTERVAL', yaml: 'usage.flush_interval' },
  { env: 'USAGE_RETENTION_DAYS', yaml: 'usage.retention_days' },
  { env: 'BUDGETS_ENABLED', yaml: 'budgets.enabled' },
  { env: 'SET_BUDGET_*', yaml: 'budgets.user_paths' },
  { env: 'METRICS_ENABLED', yaml: 'metrics.enabled' },
  { env: 'METRICS_ENDPOINT', yaml: 'metrics.endpoint' },
  { env: 'HTTP_TIMEOUT', yaml: 'http.timeout' },
  { env: 'HTTP_RESPONSE_HEADER_TIMEOUT', yaml: 'http.response_header_timeout' },
  { env: 'ADMIN_ENDPOINTS_ENABLED', yaml: 'admin.endpoints_enabled' },
  { env: 'ADMIN_UI_ENABLED', yaml: 'admin.ui_enabled' },
  { env: 'DASHBOARD_LIVE_LOGS_ENABLED' },
  { env: 'DASHBOARD_LIVE_LOGS_BUFFER_SIZE' },
  { env: 'DASHBOARD_LIVE_LOGS_REPLAY_LIMIT' },
  { env: 'DASHBOARD_LIVE_LOGS_HEARTBEAT_SECONDS' },
  { env: 'GUARDRAILS_ENABLED', yaml: 'guardrails.enabled' },
  { env: 'ENABLE_GUARDRAILS_FOR_BATCH_PROCESSING', yaml: 'guardrails.enable_for_batch_processing' },
  { yaml: 'guardrails.rules' },
  { env: 'FEATURE_FALLBACK_MODE', yaml: 'fallback.default_mode' },
  { env: 'FALLBACK_MANUAL_RULES_PATH', yaml: 'fallback.manual_rules_path' },
  { yaml: 'fallback.overrides' },
  // GoModel's later names for the same feature (docs/features/failover.mdx).
  { env: 'FAILOVER_ENABLED', yaml: 'failover.enabled' },
  { env: 'FAILOVER_MANUAL_RULES_PATH', yaml: 'failover.manual_rules_path' },
  { env: 'FAILOVER_RULES_JSON', yaml: 'failover.rules_json' },
  { yaml: 'failover.rules' },
  // Deprecated there and ignored by its runtime; ModelGate reads FEATURE_FALLBACK_MODE.
  { env: 'FAILOVER_MODE', yaml: 'failover.default_mode' },
  { env: 'WORKFLOW_REFRESH_INTERVAL', yaml: 'workflows.refresh_interval' },
  { yaml: 'workflows' },
  { yaml: 'aliases' },
  { yaml: 'virtual_models' },
  { env: 'RETRY_MAX_RETRIES', yaml: 'resilience.retry.max_retries' },
  { env: 'RETRY_INITIAL_BACKOFF', yaml: 'resilience.retry.initial_backoff' },
  { env: 'RETRY_MAX_BACKOFF', yaml: 'resilience.retry.max_backoff' },
  { env: 'RETRY_BACKOFF_FACTOR', yaml: 'resilience.retry.backoff_factor' },
  { env: 'RETRY_JITTER_FACTOR', yaml: 'resilience.retry.jitter_factor' },
  { env: 'CIRCUIT_BREAKER_FAILURE_THRESHOLD', yaml: 'resilience.circuit_breaker.failure_threshold' },
  { env: 'CIRCUIT_BREAKER_SUCCESS_THRESHOLD', yaml: 'resilience.circuit_breaker.success_threshold' },
  { env: 'CIRCUIT_BREAKER_TIMEOUT', yaml: 'resilience.circuit_breaker.timeout' },
];

function vectorStore(store: string, fields: string[]): GoModelSetting[] {
  return fields.map((field) => ({
    env: `SEMANTIC_CACHE_${store}_${field}`,
    yaml: `${SEMANTIC}.vector_store.${store.toLowerCase()}.${field.toLowerCase()}`,
  }));
}

/**
 * GoModel's provider types and the fields it reads for each, as `<TYPE>[_<SUFFIX>]_<FIELD>` variables and
 * `providers.<name>.<field>` keys (§2.3, the README; bedrock, cohere, chutes and bailian from its later versions).
 */
const COMMON_PROVIDER_FIELDS = ['API_KEY', 'BASE_URL', 'MODELS'];

export const GOMODEL_PROVIDER_FIELDS: Readonly<Record<string, readonly string[]>> = {
  openai: COMMON_PROVIDER_FIELDS,
  openrouter: [...COMMON_PROVIDER_FIELDS, 'SITE_URL', 'APP_NAME'],
  azure: [...COMMON_PROVIDER_FIELDS, 'API_VERSION'],
  oracle: COMMON_PROVIDER_FIELDS,
  anthropic: [...COMMON_PROVIDER_FIELDS, 'DEFAULT_MAX_TOKENS'],
  deepseek: COMMON_PROVIDER_FIELDS,
  gemini: [...COMMON_PROVIDER_FIELDS, 'API_MODE'],
  vertex: [...COMMON_PROVIDER_FIELDS, 'PROJECT', 'LOCATION', 'AUTH_TYPE', 'API_MODE'],
  groq: COMMON_PROVIDER_FIELDS,
  minimax: COMMON_PROVIDER_FIELDS,
  ollama: COMMON_PROVIDER_FIELDS,
  vllm: COMMON_PROVIDER_FIELDS,
  xai: COMMON_PROVIDER_FIELDS,
  zai: COMMON_PROVIDER_FIELDS,
  xiaomi: COMMON_PROVIDER_FIELDS,
  bedrock: COMMON_PROVIDER_FIELDS,
  cohere: COMMON_PROVIDER_FIELDS,
  chutes: COMMON_PROVIDER_FIELDS,
  bailian: COMMON_PROVIDER_FIELDS,
};

/** Read without a provider prefix (legacy global toggles). */
export const GOMODEL_GLOBAL_PROVIDER_SETTINGS: readonly string[] = ['USE_GOOGLE_GEMINI_NATIVE_API'];

/** Per-instance YAML keys GoModel reads besides the fields above (`providers.<name>.resilience.retry.*`). */
export const GOMODEL_PROVIDER_YAML_KEYS: readonly string[] = ['type', 'resilience'];
