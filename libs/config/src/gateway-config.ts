// The typed configuration, built once at start-up. Each class is a DI token for one slice: a service asks for the
// slice it needs (`constructor(private readonly http: HttpConfig)`), never for the whole tree.

export type ConfiguredModelsMode = 'fallback' | 'allowlist';
/** How a request for a model several instances serve picks one (ROUTING_STRATEGY). */
export type RoutingStrategy = 'first' | 'round_robin' | 'least_latency' | 'lowest_cost';
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type StorageType = 'sqlite' | 'postgresql' | 'mongodb';

export class ServerConfig {
  declare port: number;
  /** '' when the gateway is mounted at the root, else '/prefix'. */
  declare basePath: string;
  declare masterKey: string | undefined;
  /** USER_PATH_HEADER: where callers send their user path (`/team-a/alice`). */
  declare userPathHeader: string;
  declare bodySizeLimit: number;
  /** /p/{provider}/... (ENABLE_PASSTHROUGH_ROUTES). */
  declare enablePassthroughRoutes: boolean;
  /** `/p/{provider}/v1/...` accepted as well as the canonical `/p/{provider}/...`. */
  declare allowPassthroughV1Alias: boolean;
  /** Provider types (or instance names) passthrough may reach. */
  declare enabledPassthroughProviders: string[];
  /** Largest upload to POST /v1/files (streamed to the provider, never held in memory); BODY_SIZE_LIMIT is for JSON. */
  declare filesBodySizeLimit: number;
  declare swaggerEnabled: boolean;
  declare logLevel: LogLevel;
  /** SHUTDOWN_TIMEOUT: how long shutdown waits for in-flight requests before closing their connections. */
  declare shutdownTimeoutMs: number;
}

export class HttpConfig {
  /** Longest wait for upstream data: the whole body of a JSON answer, the gap between two stream chunks. */
  declare timeoutMs: number;
  declare responseHeaderTimeoutMs: number;
}

/** GoModel's retry knobs (`resilience.retry`): attempts = maxRetries + 1. */
export interface RetrySettings {
  maxRetries: number;
  initialBackoffMs: number;
  maxBackoffMs: number;
  backoffFactor: number;
  /** Each wait is moved by up to ± this share of itself, uniformly. */
  jitterFactor: number;
}

/** GoModel's circuit breaker knobs (`resilience.circuit_breaker`); a failure threshold of 0 turns the breaker off. */
export interface CircuitBreakerSettings {
  failureThreshold: number;
  successThreshold: number;
  /** How long an open breaker fails fast before it lets one probe through. */
  timeoutMs: number;
}

export interface ResilienceSettings {
  retry: RetrySettings;
  circuitBreaker: CircuitBreakerSettings;
}

export class ResilienceConfig {
  /** RETRY_* and CIRCUIT_BREAKER_* (or `resilience:` of config.yaml): every instance's unless it overrides them. */
  declare defaults: ResilienceSettings;
  /** `providers.<name>.resilience` of config.yaml merged over the defaults, by instance name. */
  declare instances: Record<string, ResilienceSettings>;
}

/** How a virtual model chooses among its targets (GoModel's names). */
export type VirtualModelStrategy = 'round_robin' | 'cost' | 'failover';

export const VIRTUAL_MODEL_STRATEGIES: readonly VirtualModelStrategy[] = ['round_robin', 'cost', 'failover'];

export interface VirtualModelTarget {
  /** A model selector as a client sends it (`gpt-4o`, `openai-east/gpt-4o`), or another virtual model's source. */
  model: string;
  /** GoModel's explicit `provider` (an instance name or type), when the target names one. */
  provider: string | null;
  /** Share under round_robin (a target of weight 2 gets twice the calls of one of weight 1); at least 1. */
  weight: number;
}

/** A virtual model in the shape every source (config.yaml, VIRTUAL_MODELS, the admin store) gives it. */
export interface VirtualModelSpec {
  /** The name clients send as `model`. */
  source: string;
  /** In the order listed: the failover strategy's priority, every strategy's failover chain. */
  targets: VirtualModelTarget[];
  strategy: VirtualModelStrategy;
  /** Who may use the source name (each with its subtree); empty: everyone. */
  userPaths: string[];
  description: string | null;
  enabled: boolean;
  /** GoModel's session keeping; accepted and shown, not applied (docs/ARCHITECTURE.md, Routing rules). null: default. */
  sessionAffinity: boolean | null;
}

/** Where a declared virtual model comes from: VIRTUAL_MODELS wins over config.yaml, which wins over the admin store. */
export type DeclaredOrigin = 'env' | 'config';

export interface DeclaredVirtualModel extends VirtualModelSpec {
  origin: DeclaredOrigin;
}

export class ModelsConfig {
  declare configuredProviderModelsMode: ConfiguredModelsMode;
  declare refreshIntervalMs: number;
  /** MODELS_ENABLED_BY_DEFAULT: whether a model no override selects may be used by every user path. */
  declare enabledByDefault: boolean;
  /** MODEL_OVERRIDES_ENABLED: overrides are loaded and enforced, and /admin/model-overrides answers (else 503). */
  declare overridesEnabled: boolean;
  /** KEEP_ONLY_ALIASES_AT_MODELS_ENDPOINT: /v1/models lists the enabled aliases only. */
  declare keepOnlyAliasesAtModelsEndpoint: boolean;
  /**
   * `virtual_models:` and `aliases:` (one target each) of config.yaml, then VIRTUAL_MODELS over them by source;
   * read-only through the admin API, and they win over a stored virtual model of the same source.
   */
  declare virtualModels: DeclaredVirtualModel[];
  /** ROUTING_STRATEGY: which of the instances serving a bare model (or a type's instances) a request goes to. */
  declare routingStrategy: RoutingStrategy;
}

export const FAILOVER_MODES = ['off', 'manual', 'auto'] as const;
export type FailoverMode = (typeof FAILOVER_MODES)[number];

export class FailoverConfig {
  /**
   * FEATURE_FALLBACK_MODE (`fallback.default_mode`; `off` when `failover.enabled` is false): `manual` tries the rules'
   * candidates after the primary, `auto` adds the same model on the other instances that serve it.
   */
  declare mode: FailoverMode;
  /** Source model selector -> fallback selectors in order, from every rules source (read-failover.ts). */
  declare rules: ReadonlyMap<string, readonly string[]>;
  /** `fallback.overrides`: the mode for one source model selector (`gpt-4o`, `openai/gpt-4o`) instead of `mode`. */
  declare overrides: ReadonlyMap<string, FailoverMode>;
}

export class UsageConfig {
  declare enforceReturningUsageData: boolean;
  /** Record one usage row per model request (USAGE_ENABLED). */
  declare enabled: boolean;
  /** Most rows held in memory while the database is slow or down; the oldest go first beyond it. */
  declare bufferSize: number;
  declare flushIntervalMs: number;
  /** Rows older than this many days are deleted hourly; 0 keeps them forever. */
  declare retentionDays: number;
}

export class LoggingConfig {
  /** The audit log (LOGGING_ENABLED): one entry per request. */
  declare enabled: boolean;
  /** Keep request and response bodies (each capped at 1 MB; a stream as its reassembled answer). */
  declare logBodies: boolean;
  /** Keep request and response headers, with credentials and cookies redacted. */
  declare logHeaders: boolean;
  declare bufferSize: number;
  declare flushIntervalMs: number;
  /** Entries older than this many days are deleted hourly; 0 keeps them forever. */
  declare retentionDays: number;
  /** Audit only model routes (`/v1/chat/completions`, `/v1/embeddings`, `/v1/audio/*` …), not `/v1/models` or admin. */
  declare onlyModelInteractions: boolean;
}

export class AdminConfig {
  /** The admin API under /admin/... and /admin/api/v1/... (ADMIN_ENDPOINTS_ENABLED). */
  declare endpointsEnabled: boolean;
  /** The dashboard; forced off when the admin API is off. */
  declare uiEnabled: boolean;
}

/** A rule of `guardrails.rules` in config.yaml, as written: the guardrails lib checks its type and settings. */
export interface ConfiguredGuardrail {
  /** Unique; never contains `/`. */
  name: string;
  /** As written (`system_prompt`, `system-prompt`, `secret_detection` ...). */
  type: string;
  description: string | null;
  /** The auxiliary calls' user path base (llm_based_altering); null for the request's own. */
  userPath: string | null;
  /** The step: lower runs first, equal ones run side by side on the same input. */
  order: number;
  /** Every other key of the rule, each a mapping (`system_prompt: {mode, content}`). */
  sections: Record<string, Record<string, unknown>>;
}

export class GuardrailsConfig {
  /** GUARDRAILS_ENABLED: the guardrail rules run on chat, responses and messages requests. */
  declare enabled: boolean;
  /** `guardrails.rules` of config.yaml, in the order written. */
  declare rules: ConfiguredGuardrail[];
}

export class MetricsConfig {
  declare enabled: boolean;
  declare endpoint: string;
}

export class StorageConfig {
  declare type: StorageType;
  /** SQLite file, relative to the working directory unless absolute; its directory is created at start-up. */
  declare sqlitePath: string;
  /** Set (and required) when type is postgresql. */
  declare postgresUrl: string | undefined;
  declare postgresMaxConns: number;
  /** Set (and required) when type is mongodb. */
  declare mongodbUrl: string | undefined;
  declare mongodbDatabase: string;
}

/** The exact response cache (GoModel's `cache.response.simple`). */
export class ResponseCacheConfig {
  /** RESPONSE_CACHE_SIMPLE_ENABLED, or a `cache.response.simple` block in config.yaml without `enabled: false`. */
  declare enabled: boolean;
  /** REDIS_URL: the entries live in Redis; unset, in the embedded in-process store. */
  declare redisUrl: string | undefined;
  /** REDIS_KEY_RESPONSES: the prefix of every entry's Redis key. */
  declare redisKeyPrefix: string;
  /** REDIS_TTL_RESPONSES: how long an entry is served (0 means GoModel's default, one hour). */
  declare ttlMs: number;
  /** The embedded store's bounds: the least recently used entries go first beyond either. */
  declare maxEntries: number;
  declare maxBytes: number;
}

/** USD per 1M tokens. Absent optional rates fall back as `computeCost` in libs/pricing documents. */
export interface ModelPrice {
  input: number;
  output: number;
  cached_input?: number;
  /** Anthropic cache creation. */
  cache_write?: number;
  /** Only when reasoning tokens are priced apart from the other output tokens. */
  reasoning?: number;
}

export class PricingConfig {
  /** `pricing.models` of config.yaml by model ID (or `provider/model`); each replaces the shipped table's entry. */
  declare models: Record<string, ModelPrice>;
}

export interface ProviderConfig {
  /** Instance name: the type, or type-suffix (`openai-east`). */
  name: string;
  type: string;
  apiKey: string | undefined;
  baseUrl: string;
  apiVersion: string | undefined;
  models: string[];
  /** Type-specific settings declared by the provider's discovery (`OPENROUTER_SITE_URL` → `SITE_URL`). */
  settings: Record<string, string>;
}

export class ProvidersConfig {
  /** Sorted by name: the first instance that serves a bare model ID wins. */
  declare instances: ProviderConfig[];
}

/** A setting that is set but has no effect here (find-ignored-settings.ts); names only, never values. */
export interface IgnoredSetting {
  /** The variable, or the config.yaml key (dotted), as GoModel names it. */
  name: string;
  source: 'env' | 'config.yaml';
  /** True for a GoModel setting ModelGate does not implement (yet); false for a key neither knows. */
  gomodel: boolean;
}

export interface GatewayConfig {
  server: ServerConfig;
  http: HttpConfig;
  resilience: ResilienceConfig;
  models: ModelsConfig;
  failover: FailoverConfig;
  usage: UsageConfig;
  logging: LoggingConfig;
  admin: AdminConfig;
  metrics: MetricsConfig;
  guardrails: GuardrailsConfig;
  storage: StorageConfig;
  pricing: PricingConfig;
  responseCache: ResponseCacheConfig;
  providers: ProvidersConfig;
  /** Settings in the environment, .env or config.yaml that have no effect here (each also one of the warnings). */
  ignoredSettings: IgnoredSetting[];
  /** Start-up notes for the operator (a provider skipped, unprotected mode); logged once by the app. */
  warnings: string[];
}
