import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { ConfigError } from './config-error.js';
import type { ProviderDiscovery } from './discover-providers.js';
import type { GatewayConfig } from './gateway-config.js';
import { expandVariables, loadGatewayConfig } from './load-config.js';

// A few entries shaped like libs/providers/src/openai-compatible/dialects.ts (config may not import providers).
const PROVIDER_TYPES: readonly ProviderDiscovery[] = [
  { type: 'openai', defaultBaseUrl: 'https://api.openai.com/v1' },
  { type: 'groq', defaultBaseUrl: 'https://api.groq.com/openai/v1' },
  { type: 'azure', requiresBaseUrl: true, apiVersionDefault: '2024-10-21' },
];

const NO_MASTER_KEY =
  'GOMODEL_MASTER_KEY is not set: the admin API (/admin) is open to anyone who can reach this port, and so is /v1 until a managed API key exists. Set it in production.';
const NO_PROVIDERS = 'no providers are configured: set OPENAI_API_KEY (or another <PROVIDER>_API_KEY) to serve models';

const roots: string[] = [];
after(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

/** An empty working directory holding the given files (paths relative to it). */
function workdir(files: Record<string, string> = {}): string {
  const root = mkdtempSync(join(tmpdir(), 'modelgate-config-'));
  roots.push(root);
  for (const [path, text] of Object.entries(files)) {
    const full = join(root, path);
    mkdirSync(join(full, '..'), { recursive: true });
    writeFileSync(full, text);
  }
  return root;
}

function load(env: Record<string, string | undefined>, files: Record<string, string> = {}): GatewayConfig {
  return loadGatewayConfig({ env, cwd: workdir(files), providerTypes: PROVIDER_TYPES });
}

function loadError(env: Record<string, string | undefined>, files: Record<string, string> = {}): ConfigError {
  try {
    load(env, files);
  } catch (err) {
    assert.ok(err instanceof ConfigError, `expected a ConfigError, got ${String(err)}`);
    return err;
  }
  assert.fail('the configuration was accepted');
}

const DEFAULTS: GatewayConfig = {
  server: {
    port: 8080,
    basePath: '',
    masterKey: undefined,
    userPathHeader: 'X-GoModel-User-Path',
    bodySizeLimit: 10 * 1024 * 1024,
    enablePassthroughRoutes: true,
    allowPassthroughV1Alias: true,
    enabledPassthroughProviders: ['openai', 'anthropic', 'openrouter', 'zai', 'vllm', 'deepseek'],
    filesBodySizeLimit: 512 * 1024 * 1024,
    swaggerEnabled: true,
    logLevel: 'info',
    shutdownTimeoutMs: 20_000,
  },
  http: { timeoutMs: 600_000, responseHeaderTimeoutMs: 600_000 },
  resilience: {
    defaults: {
      retry: { maxRetries: 3, initialBackoffMs: 1000, maxBackoffMs: 30_000, backoffFactor: 2, jitterFactor: 0.1 },
      circuitBreaker: { failureThreshold: 5, successThreshold: 2, timeoutMs: 30_000 },
    },
    instances: {},
  },
  models: {
    configuredProviderModelsMode: 'fallback',
    refreshIntervalMs: 3_600_000,
    enabledByDefault: true,
    overridesEnabled: true,
    keepOnlyAliasesAtModelsEndpoint: false,
    virtualModels: [],
    routingStrategy: 'first',
  },
  failover: { mode: 'manual', rules: new Map(), overrides: new Map() },
  usage: { enforceReturningUsageData: true, enabled: true, bufferSize: 1000, flushIntervalMs: 5000, retentionDays: 90 },
  logging: {
    enabled: false,
    logBodies: false,
    logHeaders: false,
    bufferSize: 1000,
    flushIntervalMs: 5000,
    retentionDays: 30,
    onlyModelInteractions: true,
  },
  admin: { endpointsEnabled: true, uiEnabled: true },
  metrics: { enabled: false, endpoint: '/metrics' },
  guardrails: { enabled: false, rules: [] },
  storage: {
    type: 'sqlite',
    sqlitePath: 'data/gomodel.db',
    postgresUrl: undefined,
    postgresMaxConns: 10,
    mongodbUrl: undefined,
    mongodbDatabase: 'gomodel',
  },
  pricing: { models: {} },
  responseCache: {
    enabled: false,
    redisUrl: undefined,
    redisKeyPrefix: 'gomodel:response:',
    ttlMs: 3_600_000,
    maxEntries: 10_000,
    maxBytes: 256 * 1024 * 1024,
  },
  providers: { instances: [] },
  ignoredSettings: [],
  warnings: [NO_MASTER_KEY, NO_PROVIDERS],
};

describe('expandVariables', () => {
  it('replaces ${VAR} with its value and ${VAR:-default} with the value or the default', () => {
    const env = { HOST: 'example.com', EMPTY: '' };
    assert.equal(
      expandVariables('a ${HOST} b ${HOST:-x} c ${MISSING:-fallback} d ${EMPTY:-used}', env),
      'a example.com b example.com c fallback d used',
    );
  });

  it('leaves an unset variable without a default as written', () => {
    assert.equal(expandVariables('key: ${MISSING}', {}), 'key: ${MISSING}');
  });

  it('allows an empty default', () => {
    assert.equal(expandVariables('key: "${MISSING:-}"', {}), 'key: ""');
  });
});

describe('loadGatewayConfig', () => {
  it('uses the code defaults with an empty environment and an empty working directory, warning about the master key and providers', () => {
    assert.deepEqual(load({}), DEFAULTS);
  });

  it('reads every scalar setting from the environment', () => {
    const config = load({
      PORT: '9090',
      BASE_PATH: 'gateway/',
      GOMODEL_MASTER_KEY: 'mk-123',
      BODY_SIZE_LIMIT: '2MB',
      ENABLE_PASSTHROUGH_ROUTES: 'false',
      ALLOW_PASSTHROUGH_V1_ALIAS: 'false',
      ENABLED_PASSTHROUGH_PROVIDERS: ' openai, groq ,,openai',
      FILES_BODY_SIZE_LIMIT: '1G',
      SWAGGER_ENABLED: 'false',
      LOG_LEVEL: 'DEBUG',
      SHUTDOWN_TIMEOUT: '8s',
      HTTP_TIMEOUT: '10m',
      HTTP_RESPONSE_HEADER_TIMEOUT: '30',
      RETRY_MAX_RETRIES: '0',
      RETRY_INITIAL_BACKOFF: '10ms',
      RETRY_MAX_BACKOFF: '2s',
      RETRY_BACKOFF_FACTOR: '1.5',
      RETRY_JITTER_FACTOR: '0',
      CIRCUIT_BREAKER_FAILURE_THRESHOLD: '0',
      CIRCUIT_BREAKER_SUCCESS_THRESHOLD: '1',
      CIRCUIT_BREAKER_TIMEOUT: '1m',
      CONFIGURED_PROVIDER_MODELS_MODE: 'allowlist',
      MODELS_ENABLED_BY_DEFAULT: 'false',
      MODEL_OVERRIDES_ENABLED: 'false',
      KEEP_ONLY_ALIASES_AT_MODELS_ENDPOINT: 'true',
      ROUTING_STRATEGY: 'least_latency',
      FEATURE_FALLBACK_MODE: 'off',
      CACHE_REFRESH_INTERVAL: '1m30s',
      ENFORCE_RETURNING_USAGE_DATA: '0',
      USAGE_ENABLED: 'false',
      USAGE_BUFFER_SIZE: '50',
      USAGE_FLUSH_INTERVAL: '1.5s',
      USAGE_RETENTION_DAYS: '0',
      LOGGING_ENABLED: 'true',
      LOGGING_LOG_BODIES: 'true',
      LOGGING_LOG_HEADERS: 'yes',
      LOGGING_BUFFER_SIZE: '10',
      LOGGING_FLUSH_INTERVAL: '2s',
      LOGGING_RETENTION_DAYS: '7',
      LOGGING_ONLY_MODEL_INTERACTIONS: 'false',
      ADMIN_ENDPOINTS_ENABLED: 'false',
      ADMIN_UI_ENABLED: 'false',
      METRICS_ENABLED: 'true',
      METRICS_ENDPOINT: '/prom',
      STORAGE_TYPE: 'PostgreSQL',
      SQLITE_PATH: '/var/lib/modelgate/usage.db',
      POSTGRES_URL: 'postgres://gw:pw@db/gw',
      POSTGRES_MAX_CONNS: '25',
      MONGODB_URL: 'mongodb://mongo:27017',
      MONGODB_DATABASE: 'gw',
      RESPONSE_CACHE_SIMPLE_ENABLED: 'true',
      REDIS_URL: 'redis://:pw@cache:6379/2',
      REDIS_KEY_RESPONSES: 'mg:resp:',
      REDIS_TTL_RESPONSES: '120',
      RESPONSE_CACHE_MAX_ENTRIES: '500',
      RESPONSE_CACHE_MAX_BYTES: '1G',
      OPENAI_API_KEY: 'sk-env',
    });
    assert.deepEqual(config, {
      server: {
        port: 9090,
        basePath: '/gateway',
        userPathHeader: 'X-GoModel-User-Path',
        masterKey: 'mk-123',
        bodySizeLimit: 2 * 1024 * 1024,
        enablePassthroughRoutes: false,
        allowPassthroughV1Alias: false,
        enabledPassthroughProviders: ['openai', 'groq'],
        filesBodySizeLimit: 1024 * 1024 * 1024,
        swaggerEnabled: false,
        logLevel: 'debug',
        shutdownTimeoutMs: 8_000,
      },
      http: { timeoutMs: 600_000, responseHeaderTimeoutMs: 30_000 },
      resilience: {
        defaults: {
          retry: { maxRetries: 0, initialBackoffMs: 10, maxBackoffMs: 2000, backoffFactor: 1.5, jitterFactor: 0 },
          circuitBreaker: { failureThreshold: 0, successThreshold: 1, timeoutMs: 60_000 },
        },
        instances: {},
      },
      models: {
        configuredProviderModelsMode: 'allowlist',
        refreshIntervalMs: 90_000,
        enabledByDefault: false,
        overridesEnabled: false,
        keepOnlyAliasesAtModelsEndpoint: true,
        virtualModels: [],
        routingStrategy: 'least_latency',
      },
      failover: { mode: 'off', rules: new Map(), overrides: new Map() },
      usage: { enforceReturningUsageData: false, enabled: false, bufferSize: 50, flushIntervalMs: 1500, retentionDays: 0 },
      logging: {
        enabled: true,
        logBodies: true,
        logHeaders: true,
        bufferSize: 10,
        flushIntervalMs: 2000,
        retentionDays: 7,
        onlyModelInteractions: false,
      },
      admin: { endpointsEnabled: false, uiEnabled: false },
      metrics: { enabled: true, endpoint: '/prom' },
      guardrails: { enabled: false, rules: [] },
      storage: {
        type: 'postgresql',
        sqlitePath: '/var/lib/modelgate/usage.db',
        postgresUrl: 'postgres://gw:pw@db/gw',
        postgresMaxConns: 25,
        mongodbUrl: 'mongodb://mongo:27017',
        mongodbDatabase: 'gw',
      },
      pricing: { models: {} },
      responseCache: {
        enabled: true,
        redisUrl: 'redis://:pw@cache:6379/2',
        redisKeyPrefix: 'mg:resp:',
        ttlMs: 120_000,
        maxEntries: 500,
        maxBytes: 1024 ** 3,
      },
      providers: {
        instances: [
          {
            name: 'openai',
            type: 'openai',
            apiKey: 'sk-env',
            baseUrl: 'https://api.openai.com/v1',
            apiVersion: undefined,
            models: [],
            settings: {},
          },
        ],
      },
      ignoredSettings: [],
      warnings: [],
    } satisfies GatewayConfig);
  });

  it('turns the response cache on by a cache.response.simple block, even an empty one, unless it says enabled: false; the environment wins', () => {
    const yaml = (block: string) => ({ 'config/config.yaml': `cache:\n  response:\n${block}` });
    assert.equal(load({}, yaml('    simple: {}\n')).responseCache.enabled, true);
    assert.equal(load({}, yaml('    simple:\n')).responseCache.enabled, true);
    assert.equal(load({}, yaml('    simple:\n      enabled: false\n')).responseCache.enabled, false);
    assert.equal(load({ RESPONSE_CACHE_SIMPLE_ENABLED: 'false' }, yaml('    simple: {}\n')).responseCache.enabled, false);
    assert.equal(load({}, yaml('    semantic: {}\n')).responseCache.enabled, false);
    const fromYaml = load({}, yaml('    simple:\n      redis: { url: "redis://127.0.0.1:6390", key: "k:", ttl: 0 }\n')).responseCache;
    assert.deepEqual([fromYaml.redisUrl, fromYaml.redisKeyPrefix, fromYaml.ttlMs], ['redis://127.0.0.1:6390', 'k:', 3_600_000]);
    assert.deepEqual(load({}, yaml('    simple: {}\n')).ignoredSettings, []);
  });

  it('ignores empty environment values, keeping the default', () => {
    assert.deepEqual(load({ PORT: '', BODY_SIZE_LIMIT: '  ', METRICS_ENABLED: '' }), DEFAULTS);
  });

  it('reads config/config.yaml and lets the environment win over it', () => {
    const files = {
      'config/config.yaml': [
        'server:',
        '  port: 7000',
        '  base_path: /yaml',
        '  body_size_limit: 1M',
        '  shutdown_timeout: 45s',
        'http:',
        '  timeout: 30s',
        'metrics:',
        '  enabled: true',
        '  endpoint: /yaml-metrics',
        'models:',
        '  configured_provider_models_mode: allowlist',
        'providers:',
        '  groq:',
        '    api_key: gsk-yaml',
        '    models: [llama-3.3-70b-versatile]',
        '',
      ].join('\n'),
    };
    const config = load({ PORT: '9000', METRICS_ENDPOINT: '/env-metrics', GROQ_API_KEY: 'gsk-env' }, files);
    assert.deepEqual(config.server, {
      port: 9000,
      basePath: '/yaml',
      masterKey: undefined,
      userPathHeader: 'X-GoModel-User-Path',
      bodySizeLimit: 1024 * 1024,
      enablePassthroughRoutes: true,
      allowPassthroughV1Alias: true,
      enabledPassthroughProviders: ['openai', 'anthropic', 'openrouter', 'zai', 'vllm', 'deepseek'],
      filesBodySizeLimit: 512 * 1024 * 1024,
      swaggerEnabled: true,
      logLevel: 'info',
      shutdownTimeoutMs: 45_000,
    });
    assert.deepEqual(config.http, { timeoutMs: 30_000, responseHeaderTimeoutMs: 600_000 });
    assert.deepEqual(config.metrics, { enabled: true, endpoint: '/env-metrics' });
    assert.deepEqual(config.models, { ...DEFAULTS.models, configuredProviderModelsMode: 'allowlist' });
    assert.deepEqual(config.providers.instances, [
      {
        name: 'groq',
        type: 'groq',
        apiKey: 'gsk-env',
        baseUrl: 'https://api.groq.com/openai/v1',
        apiVersion: undefined,
        models: ['llama-3.3-70b-versatile'],
        settings: {},
      },
    ]);
    assert.deepEqual(config.warnings, [NO_MASTER_KEY]);
  });

  it('reads resilience from config.yaml and per-provider overrides field by field, an explicit 0 included', () => {
    const files = {
      'config/config.yaml': [
        'resilience:',
        '  retry:',
        '    max_retries: 2',
        '    initial_backoff: 250ms',
        '    backoff_factor: 3',
        '  circuit_breaker:',
        '    failure_threshold: 4',
        '    timeout: 10s',
        'providers:',
        '  openai:',
        '    api_key: sk-yaml',
        '    resilience:',
        '      retry:',
        '        max_retries: 0',
        '        jitter_factor: 0.5',
        '      circuit_breaker:',
        '        success_threshold: 3',
        '  groq:',
        '    api_key: gsk-yaml',
        '',
      ].join('\n'),
    };
    const config = load({ RETRY_MAX_BACKOFF: '5s', CIRCUIT_BREAKER_TIMEOUT: '20s' }, files);
    assert.deepEqual(config.resilience, {
      defaults: {
        retry: { maxRetries: 2, initialBackoffMs: 250, maxBackoffMs: 5000, backoffFactor: 3, jitterFactor: 0.1 },
        circuitBreaker: { failureThreshold: 4, successThreshold: 2, timeoutMs: 20_000 },
      },
      instances: {
        openai: {
          retry: { maxRetries: 0, initialBackoffMs: 250, maxBackoffMs: 5000, backoffFactor: 3, jitterFactor: 0.5 },
          circuitBreaker: { failureThreshold: 4, successThreshold: 3, timeoutMs: 20_000 },
        },
      },
    });
    assert.deepEqual(config.warnings, [NO_MASTER_KEY]);
  });

  it('names the key of a bad per-provider resilience value, and warns about keys this version does not have', () => {
    const provider = (lines: string[]) => ({
      'config.yaml': ['providers:', '  openai:', '    api_key: sk-yaml', '    resilience:', ...lines, ''].join('\n'),
    });
    assert.equal(
      loadError({}, provider(['      retry:', '        jitter_factor: 2'])).message,
      'providers.openai.resilience.retry.jitter_factor (config.yaml)="2" is invalid: expected a number from 0 to 1',
    );
    assert.equal(loadError({}, provider(['      retry: 3'])).message, 'providers.openai.resilience.retry in config.yaml must be a mapping');
    assert.deepEqual(load({}, provider(['      circuit_breaker:', '        enabled: false', '        timeout: 5s'])).warnings, [
      NO_MASTER_KEY,
      'providers.openai.resilience.circuit_breaker.enabled in config.yaml is not a setting of this version; it is ignored',
    ]);
  });

  it('rejects a negative retry count and a jitter factor above 1 naming the variable', () => {
    assert.equal(
      loadError({ RETRY_MAX_RETRIES: '-1' }).message,
      'RETRY_MAX_RETRIES="-1" is invalid: expected a whole number of at least 0',
    );
    assert.equal(loadError({ RETRY_JITTER_FACTOR: '1.1' }).message, 'RETRY_JITTER_FACTOR="1.1" is invalid: expected a number from 0 to 1');
    assert.equal(
      loadError({ CIRCUIT_BREAKER_TIMEOUT: '0' }).message,
      'CIRCUIT_BREAKER_TIMEOUT="0" is invalid: expected a positive number of seconds (600) or a duration (10m, 30s, 500ms)',
    );
  });

  it('expands ${VAR} and ${VAR:-default} in config.yaml before parsing it', () => {
    const files = {
      'config/config.yaml': [
        'server:',
        '  port: ${GATEWAY_PORT}',
        '  base_path: ${GATEWAY_BASE:-/from-default}',
        '  master_key: ${SECRET_FOR_YAML}',
        'providers:',
        '  openai:',
        '    api_key: ${OPENAI_KEY_FOR_YAML}',
        '    base_url: ${OPENAI_URL_FOR_YAML:-https://proxy.example.com/v1}',
        '',
      ].join('\n'),
    };
    const config = load({ GATEWAY_PORT: '7777', SECRET_FOR_YAML: 'mk-yaml', OPENAI_KEY_FOR_YAML: 'sk-yaml' }, files);
    assert.equal(config.server.port, 7777);
    assert.equal(config.server.basePath, '/from-default');
    assert.equal(config.server.masterKey, 'mk-yaml');
    assert.deepEqual(config.providers.instances, [
      {
        name: 'openai',
        type: 'openai',
        apiKey: 'sk-yaml',
        baseUrl: 'https://proxy.example.com/v1',
        apiVersion: undefined,
        models: [],
        settings: {},
      },
    ]);
    assert.deepEqual(config.warnings, []);
  });

  it('drops a YAML provider whose api_key variable is unset', () => {
    const config = load({}, { 'config/config.yaml': 'providers:\n  openai:\n    api_key: ${UNSET_OPENAI_KEY}\n' });
    assert.deepEqual(config.providers.instances, []);
    assert.deepEqual(config.warnings, [
      "providers.openai.api_key refers to an unset variable; provider 'openai' is not registered",
      NO_MASTER_KEY,
      NO_PROVIDERS,
    ]);
  });

  it('uses config.yaml at the root of the working directory when config/config.yaml is absent', () => {
    assert.equal(load({}, { 'config.yaml': 'server:\n  port: 8181\n' }).server.port, 8181);
  });

  it('prefers config/config.yaml over config.yaml at the root', () => {
    assert.equal(load({}, { 'config/config.yaml': 'server:\n  port: 8282\n', 'config.yaml': 'server:\n  port: 8181\n' }).server.port, 8282);
  });

  it('accepts an empty config.yaml', () => {
    assert.deepEqual(load({}, { 'config/config.yaml': '# nothing here\n' }), DEFAULTS);
  });

  it('fills unset variables from .env in the working directory without overriding the real environment', () => {
    const config = load(
      { PORT: '9000' },
      { '.env': '# local settings\nPORT=7000\nMETRICS_ENABLED=true\nOPENAI_API_KEY="sk-dotenv"\nGOMODEL_MASTER_KEY=mk-dotenv\n' },
    );
    assert.equal(config.server.port, 9000);
    assert.equal(config.metrics.enabled, true);
    assert.equal(config.server.masterKey, 'mk-dotenv');
    assert.deepEqual(
      config.providers.instances.map((instance) => [instance.name, instance.apiKey]),
      [['openai', 'sk-dotenv']],
    );
    assert.deepEqual(config.warnings, []);
  });

  it('expands config.yaml variables from .env as well', () => {
    assert.equal(load({}, { '.env': 'YAML_PORT=6060\n', 'config/config.yaml': 'server:\n  port: ${YAML_PORT}\n' }).server.port, 6060);
  });

  it('accepts the LOG_LEVEL spellings GoModel accepts (dbg, inf, warning, err) and rejects others', () => {
    assert.equal(load({ LOG_LEVEL: 'warning' }).server.logLevel, 'warn');
    assert.equal(load({ LOG_LEVEL: 'dbg' }).server.logLevel, 'debug');
    assert.equal(load({ LOG_LEVEL: 'inf' }).server.logLevel, 'info');
    assert.equal(load({ LOG_LEVEL: 'ERR' }).server.logLevel, 'error');
    assert.equal(loadError({ LOG_LEVEL: 'verbose' }).message, 'LOG_LEVEL="verbose" is invalid: expected one of debug, info, warn, error');
  });
});

describe('loadGatewayConfig errors', () => {
  function assertOneLine(error: ConfigError): void {
    assert.equal(error.message.includes('\n'), false, `not one line: ${error.message}`);
  }

  it('rejects PORT=abc naming the variable and the rule', () => {
    const error = loadError({ PORT: 'abc' });
    assert.equal(error.message, 'PORT="abc" is invalid: expected a port number from 1 to 65535');
    assertOneLine(error);
  });

  it('rejects BODY_SIZE_LIMIT=huge naming the variable and the rule', () => {
    const error = loadError({ BODY_SIZE_LIMIT: 'huge' });
    assert.equal(error.message, 'BODY_SIZE_LIMIT="huge" is invalid: expected a size like 10M, 500K or 1048576, from 1K to 100M');
    assertOneLine(error);
  });

  it('rejects CONFIGURED_PROVIDER_MODELS_MODE=x listing the allowed modes', () => {
    const error = loadError({ CONFIGURED_PROVIDER_MODELS_MODE: 'x' });
    assert.equal(error.message, 'CONFIGURED_PROVIDER_MODELS_MODE="x" is invalid: expected one of fallback, allowlist');
    assertOneLine(error);
  });

  it('rejects an unknown ROUTING_STRATEGY (env or routing.strategy) listing the strategies', () => {
    const error = loadError({ ROUTING_STRATEGY: 'fastest' });
    assert.equal(error.message, 'ROUTING_STRATEGY="fastest" is invalid: expected one of first, round_robin, least_latency, lowest_cost');
    assertOneLine(error);
    assert.equal(
      loadError({}, { 'config/config.yaml': 'routing:\n  strategy: random\n' }).message,
      'routing.strategy (config.yaml)="random" is invalid: expected one of first, round_robin, least_latency, lowest_cost',
    );
  });

  it('reads routing.strategy from config.yaml, the environment winning', () => {
    const cwd = workdir({ 'config/config.yaml': 'routing:\n  strategy: lowest_cost\n' });
    assert.equal(loadGatewayConfig({ env: {}, cwd, providerTypes: PROVIDER_TYPES }).models.routingStrategy, 'lowest_cost');
    const config = loadGatewayConfig({ env: { ROUTING_STRATEGY: 'round_robin' }, cwd, providerTypes: PROVIDER_TYPES });
    assert.equal(config.models.routingStrategy, 'round_robin');
    assert.deepEqual(config.ignoredSettings, [], 'routing.strategy is a setting of this version');
  });

  it('requires POSTGRES_URL when STORAGE_TYPE=postgresql, naming the variable', () => {
    const error = loadError({ STORAGE_TYPE: 'postgresql' });
    assert.equal(error.message, 'POSTGRES_URL is required when STORAGE_TYPE=postgresql');
  });

  it('requires MONGODB_URL when STORAGE_TYPE=mongodb, naming the variable', () => {
    assert.equal(loadError({ STORAGE_TYPE: 'mongodb' }).message, 'MONGODB_URL is required when STORAGE_TYPE=mongodb');
  });

  it('rejects STORAGE_TYPE=mysql listing the supported backends', () => {
    assert.equal(
      loadError({ STORAGE_TYPE: 'mysql' }).message,
      'STORAGE_TYPE="mysql" is invalid: expected one of sqlite, postgresql, mongodb',
    );
  });

  it('reads the storage settings from config.yaml', () => {
    const yaml = 'storage:\n  type: postgresql\n  sqlite:\n    path: db/x.db\n  postgresql:\n    url: postgres://y\n    max_conns: 3\n';
    assert.deepEqual(load({}, { 'config/config.yaml': yaml }).storage, {
      type: 'postgresql',
      sqlitePath: 'db/x.db',
      postgresUrl: 'postgres://y',
      postgresMaxConns: 3,
      mongodbUrl: undefined,
      mongodbDatabase: 'gomodel',
    });
  });

  it('names the config.yaml key when a YAML value is invalid', () => {
    const error = loadError({}, { 'config/config.yaml': 'server:\n  port: abc\n' });
    assert.equal(error.message, 'server.port (config.yaml)="abc" is invalid: expected a port number from 1 to 65535');
  });

  it('rejects a YAML value that is a mapping where a single value belongs', () => {
    assert.equal(
      loadError({}, { 'config/config.yaml': 'server:\n  port:\n    value: 1\n' }).message,
      'server.port in config.yaml must be a single value',
    );
  });

  it('rejects invalid YAML with one line naming the file', () => {
    const cwd = workdir({ 'config/config.yaml': 'server:\n  port: [8080\n' });
    let error: unknown;
    try {
      loadGatewayConfig({ env: {}, cwd, providerTypes: PROVIDER_TYPES });
    } catch (err) {
      error = err;
    }
    assert.ok(error instanceof ConfigError);
    const file = join(cwd, 'config', 'config.yaml');
    assert.ok(error.message.startsWith(`${file} is not valid YAML: line `), error.message);
    assert.match(error.message.slice(file.length), /^ is not valid YAML: line \d+, column \d+ \([A-Z_]+\)$/);
    assertOneLine(error);
  });

  it('rejects a config.yaml that is not a mapping', () => {
    const cwd = workdir({ 'config.yaml': '- a\n- b\n' });
    assert.throws(() => loadGatewayConfig({ env: {}, cwd, providerTypes: PROVIDER_TYPES }), {
      name: 'ConfigError',
      message: `${join(cwd, 'config.yaml')} must be a YAML mapping`,
    });
  });

  it('rejects providers in config.yaml that is not a mapping', () => {
    assert.equal(
      loadError({}, { 'config/config.yaml': 'providers: [openai]\n' }).message,
      'providers in config.yaml must be a mapping of name to settings',
    );
  });
});

describe('loadGatewayConfig never echoes the master key', () => {
  const SECRET = 'mk-Sup3rS3cret';

  it('keeps it out of the errors of other variables', () => {
    for (const env of [
      { PORT: 'abc' },
      { BODY_SIZE_LIMIT: 'huge' },
      { CONFIGURED_PROVIDER_MODELS_MODE: 'x' },
      { OPENAI_API_KEY: 'k', OPENAI_BASE_URL: 'bad' },
    ]) {
      const error = loadError({ ...env, GOMODEL_MASTER_KEY: SECRET });
      assert.equal(error.message.includes(SECRET), false, error.message);
    }
  });

  it('keeps it out of the error for an invalid config.yaml that refers to it', () => {
    const error = loadError(
      { GOMODEL_MASTER_KEY: SECRET },
      { 'config/config.yaml': 'server:\n  master_key: ${GOMODEL_MASTER_KEY}\n  port: [\n' },
    );
    assert.equal(error.message.includes(SECRET), false, error.message);
  });

  it('keeps POSTGRES_URL (which carries a password) out of errors as well', () => {
    const url = `postgres://gw:${SECRET}@db/gw`;
    for (const env of [{ POSTGRES_MAX_CONNS: 'many' }, { STORAGE_TYPE: 'oracle' }]) {
      const error = loadError({ ...env, POSTGRES_URL: url });
      assert.equal(error.message.includes(SECRET), false, error.message);
    }
  });

  it('keeps it out of the error when the master key is a mapping in config.yaml', () => {
    const error = loadError({}, { 'config/config.yaml': `server:\n  master_key:\n    value: ${SECRET}\n` });
    assert.equal(error.message, 'server.master_key in config.yaml must be a single value');
  });

  it('expands a key with YAML-special characters verbatim, since expansion happens after parsing', () => {
    for (const key of [`*${SECRET}`, `"${SECRET}`, `${SECRET}: x`, `@${SECRET}`, `!${SECRET}`]) {
      const config = load({ VAULT_KEY: key }, { 'config/config.yaml': 'server:\n  master_key: ${VAULT_KEY}\n' });
      assert.equal(config.server.masterKey, key);
    }
  });

  it('keeps it out of the process warnings the YAML parser emits', async () => {
    const emitted: string[] = [];
    const listen = (warning: Error): void => {
      emitted.push(warning.message);
    };
    process.on('warning', listen);
    try {
      load({ GOMODEL_MASTER_KEY: `!${SECRET}` }, { 'config/config.yaml': 'server:\n  master_key: ${GOMODEL_MASTER_KEY}\n' });
      await new Promise<void>((resolve) => setImmediate(resolve));
    } finally {
      process.off('warning', listen);
    }
    for (const message of emitted) assert.equal(message.includes(SECRET), false, message);
  });

  it('keeps it out of the warnings', () => {
    const config = load(
      { GOMODEL_MASTER_KEY: SECRET, OPENAI_BASE_URL: 'https://proxy.example.com' },
      { 'config/config.yaml': `server:\n  master_key: ${SECRET}\nproviders:\n  unknown:\n    type: nope\n    api_key: ${SECRET}\n` },
    );
    assert.equal(config.server.masterKey, SECRET);
    assert.ok(config.warnings.length > 0);
    for (const warning of config.warnings) assert.equal(warning.includes(SECRET), false, warning);
  });
});

describe('loadGatewayConfig pricing overrides', () => {
  it('reads pricing.models from config.yaml', () => {
    const config = load({}, { 'config/config.yaml': 'pricing:\n  models:\n    gpt-4o-mini: { input: 0.1, output: "${OUT:-0.4}" }\n' });
    assert.deepEqual(config.pricing, { models: { 'gpt-4o-mini': { input: 0.1, output: 0.4 } } });
  });

  it('stops start-up naming the key of a malformed override', () => {
    const error = loadError({}, { 'config/config.yaml': 'pricing:\n  models:\n    gpt-4o-mini: { input: cheap, output: 1 }\n' });
    assert.equal(error.message, 'pricing.models.gpt-4o-mini.input in config.yaml must be a non-negative number of USD per 1M tokens');
  });
});

describe('loadGatewayConfig aliases', () => {
  it('reads aliases from config.yaml in the admin API shape, enabled unless said otherwise', () => {
    const config = load(
      { GROQ_API_KEY: 'gsk-test' },
      {
        'config/config.yaml': [
          'aliases:',
          '  - { name: fast, target_model: llama-3.3-70b-versatile, target_provider: groq, description: quick answers }',
          '  - name: smart',
          '    target_model: "${SMART_MODEL:-openai/gpt-4o}"',
          '    enabled: false',
          '',
        ].join('\n'),
      },
    );
    const alias = { strategy: 'round_robin', userPaths: [], sessionAffinity: null, origin: 'config' };
    assert.deepEqual(config.models.virtualModels, [
      {
        source: 'fast',
        targets: [{ model: 'llama-3.3-70b-versatile', provider: 'groq', weight: 1 }],
        description: 'quick answers',
        enabled: true,
        ...alias,
      },
      { source: 'smart', targets: [{ model: 'openai/gpt-4o', provider: null, weight: 1 }], description: null, enabled: false, ...alias },
    ]);
  });

  it('stops start-up naming the entry of a malformed alias', () => {
    assert.equal(
      loadError({}, { 'config/config.yaml': 'aliases:\n  - { name: fast }\n' }).message,
      'aliases[0].target_model in config.yaml is required',
    );
    assert.equal(
      loadError({}, { 'config/config.yaml': 'aliases:\n  - { name: fast, target: gpt-4o }\n' }).message,
      'aliases[0].target in config.yaml is not an alias field (name, target_model, target_provider, description, enabled)',
    );
    assert.equal(
      loadError({}, { 'config/config.yaml': 'aliases:\n  - { name: a, target_model: x }\n  - { name: a, target_model: y }\n' }).message,
      "aliases[1].name in config.yaml: 'a' is declared twice",
    );
    assert.equal(
      loadError({}, { 'config/config.yaml': 'aliases:\n  fast: gpt-4o\n' }).message,
      'aliases in config.yaml must be a list of { name, target_model, ... }',
    );
  });
});

describe('loadGatewayConfig virtual models', () => {
  const yaml = [
    'virtual_models:',
    '  - source: regular',
    '    target: anthropic/claude-sonnet-4-6',
    '  - source: smart',
    '    strategy: round_robin',
    '    user_paths: [/team-a/, team-b]',
    '    session_affinity: false',
    '    targets:',
    '      - { model: gpt-4o, provider: openai, weight: 2 }',
    '      - { model: regular }',
    'aliases:',
    '  - { name: fast, target_model: gpt-4o-mini }',
    '',
  ].join('\n');
  const openai = { OPENAI_API_KEY: 'sk-test' };

  it('reads virtual_models and aliases of config.yaml as one list by source, round_robin and weight 1 by default', () => {
    const config = load(openai, { 'config/config.yaml': yaml });
    const common = { description: null, enabled: true, origin: 'config' };
    assert.deepEqual(config.models.virtualModels, [
      {
        source: 'fast',
        targets: [{ model: 'gpt-4o-mini', provider: null, weight: 1 }],
        strategy: 'round_robin',
        userPaths: [],
        sessionAffinity: null,
        ...common,
      },
      {
        source: 'regular',
        targets: [{ model: 'anthropic/claude-sonnet-4-6', provider: null, weight: 1 }],
        strategy: 'round_robin',
        userPaths: [],
        sessionAffinity: null,
        ...common,
      },
      {
        source: 'smart',
        targets: [
          { model: 'gpt-4o', provider: 'openai', weight: 2 },
          { model: 'regular', provider: null, weight: 1 },
        ],
        strategy: 'round_robin',
        userPaths: ['/team-a', '/team-b'],
        sessionAffinity: false,
        ...common,
      },
    ]);
  });

  it('lets VIRTUAL_MODELS replace a config.yaml declaration with the same source, and marks where each came from', () => {
    const env = {
      ...openai,
      VIRTUAL_MODELS: '[{"source":"smart","strategy":"cost","targets":[{"model":"gpt-4o"},{"model":"gpt-4o-mini"}]}]',
    };
    const config = load(env, { 'config/config.yaml': yaml });
    const smart = config.models.virtualModels.find((model) => model.source === 'smart');
    assert.deepEqual(smart, {
      source: 'smart',
      targets: [
        { model: 'gpt-4o', provider: null, weight: 1 },
        { model: 'gpt-4o-mini', provider: null, weight: 1 },
      ],
      strategy: 'cost',
      userPaths: [],
      description: null,
      enabled: true,
      sessionAffinity: null,
      origin: 'env',
    });
    assert.deepEqual(
      config.models.virtualModels.map((model) => [model.source, model.origin]),
      [
        ['fast', 'config'],
        ['regular', 'config'],
        ['smart', 'env'],
      ],
    );
  });

  it('stops start-up on a chain cycle, spelling the cycle out', () => {
    const cyclic =
      'virtual_models:\n  - { source: a, target: b }\n  - { source: b, targets: [{ model: c }] }\n  - { source: c, target: a }\n';
    assert.equal(
      loadError(openai, { 'config/config.yaml': cyclic }).message,
      'virtual models (config.yaml, VIRTUAL_MODELS): a -> b -> c -> a is a cycle',
    );
  });

  it('stops start-up on a chain more than 8 virtual models deep', () => {
    const lines = [
      'virtual_models:',
      ...Array.from({ length: 9 }, (_, i) => `  - { source: v${i}, target: ${i === 8 ? 'gpt-4o' : `v${i + 1}`} }`),
    ];
    assert.equal(
      loadError(openai, { 'config/config.yaml': `${lines.join('\n')}\n` }).message,
      "virtual models (config.yaml, VIRTUAL_MODELS): the chain from 'v0' is 9 virtual models deep (at most 8)",
    );
  });

  it('accepts a target naming its own source: the concrete model the virtual model shadows', () => {
    const config = load(openai, {
      'config/config.yaml': 'virtual_models:\n  - { source: gpt-4o, strategy: failover, targets: [gpt-4o, gpt-4o-mini] }\n',
    });
    assert.deepEqual(
      config.models.virtualModels[0]?.targets.map((target) => target.model),
      ['gpt-4o', 'gpt-4o-mini'],
    );
  });

  it('stops start-up naming the field of a malformed declaration, and a provider no instance has', () => {
    const cases: [Record<string, string>, string, string][] = [
      [
        {},
        'virtual_models:\n  - { source: x }\n',
        'virtual_models[0].targets is required (or target): a virtual model needs a target in config.yaml',
      ],
      [
        {},
        'virtual_models:\n  - { source: x, target: a, strategy: random }\n',
        'virtual_models[0].strategy must be one of round_robin, cost, failover in config.yaml',
      ],
      [
        {},
        'virtual_models:\n  - { source: x, targets: [{ model: a, weight: 0 }] }\n',
        'virtual_models[0].targets[0].weight must be a positive number in config.yaml',
      ],
      [
        {},
        'virtual_models:\n  - { source: x, target: a, colour: red }\n',
        'virtual_models[0].colour is not a virtual model field (source, targets, strategy, user_paths, description, enabled, session_affinity, target) in config.yaml',
      ],
      [
        {},
        'virtual_models:\n  - { source: x, target: a }\n  - { source: x, target: b }\n',
        "virtual_models[1].source 'x' is declared twice in virtual_models in config.yaml",
      ],
      [
        {},
        'virtual_models:\n  - { source: x, targets: [{ model: a, provider: opnai }] }\n',
        "virtual model 'x': target provider 'opnai' is not configured; configured providers: openai",
      ],
      [{ VIRTUAL_MODELS: '{"source":"x"}' }, '', 'VIRTUAL_MODELS must be a list of { source, target | targets, ... }'],
      [
        { VIRTUAL_MODELS: '[{source:x}]' },
        '',
        'VIRTUAL_MODELS must be a JSON list like [{"source":"smart","targets":[{"model":"openai/gpt-4o"}]}]',
      ],
      [
        { VIRTUAL_MODELS: '[{"source":"x","user_paths":["/a:b"]}]' },
        '',
        'VIRTUAL_MODELS[0].targets is required (or target): a virtual model needs a target',
      ],
    ];
    for (const [env, text, message] of cases) {
      assert.equal(loadError({ ...openai, ...env }, text === '' ? {} : { 'config/config.yaml': text }).message, message);
    }
  });

  it('names slowdown as an ignored setting and lets a target on a declared but unregistered provider through with a warning', () => {
    const config = load(openai, {
      'config/config.yaml':
        'providers:\n  groq: { type: groq }\nvirtual_models:\n  - { source: x, slowdown: 0.5, targets: [{ model: llama, provider: groq }] }\n',
    });
    assert.ok(config.ignoredSettings.some((setting) => setting.name === 'virtual_models[].slowdown' && setting.gomodel));
    assert.ok(config.warnings.some((warning) => warning.includes("virtual model 'x': provider 'groq' is not registered")));
  });
});

describe('loadGatewayConfig failover', () => {
  const RULES = '{"gpt-4o": ["azure/gpt-4o", "${SECOND:-gemini/gemini-2.5-pro}"]}';

  it('defaults to manual mode without rules, and reads the mode from FEATURE_FALLBACK_MODE or fallback.default_mode', () => {
    assert.deepEqual(load({}).failover, { mode: 'manual', rules: new Map(), overrides: new Map() });
    assert.equal(load({ FEATURE_FALLBACK_MODE: 'AUTO' }).failover.mode, 'auto');
    assert.equal(load({}, { 'config/config.yaml': 'fallback:\n  default_mode: "off"\n' }).failover.mode, 'off');
    assert.equal(load({}, { 'config/config.yaml': 'fallback:\n  default_mode: ""\n' }).failover.mode, 'manual');
    assert.equal(
      loadError({ FEATURE_FALLBACK_MODE: 'sometimes' }).message,
      'FEATURE_FALLBACK_MODE="sometimes" is invalid: expected one of off, manual, auto',
    );
  });

  it('turns failover off when failover.enabled (FAILOVER_ENABLED) is false, whatever the mode', () => {
    assert.equal(load({ FEATURE_FALLBACK_MODE: 'auto' }, { 'config/config.yaml': 'failover:\n  enabled: false\n' }).failover.mode, 'off');
    assert.equal(load({ FAILOVER_ENABLED: 'false' }).failover.mode, 'off');
  });

  it('reads the rules file (${VAR} expanded), failover.rules and FAILOVER_RULES_JSON, a later source replacing a key', () => {
    const config = load(
      {
        FALLBACK_MANUAL_RULES_PATH: 'config/fallback.json',
        SECOND: 'vertex/gemini-2.5-pro',
        FAILOVER_RULES_JSON: '{"claude": ["openai/gpt-5-mini"]}',
      },
      {
        'config/fallback.json': RULES,
        'config/config.yaml':
          'failover:\n  rules:\n    gpt-4o: [openai-east/gpt-4o]\n    o3: [o4-mini]\nfallback:\n  overrides:\n    openai/gpt-4o: { mode: "off" }\n',
      },
    );
    assert.deepEqual(config.failover, {
      mode: 'manual',
      rules: new Map([
        ['gpt-4o', ['azure/gpt-4o', 'vertex/gemini-2.5-pro']],
        ['o3', ['o4-mini']],
        ['claude', ['openai/gpt-5-mini']],
      ]),
      overrides: new Map([['openai/gpt-4o', 'off']]),
    });
    assert.deepEqual(config.ignoredSettings, []);
    const later = load({}, { 'rules.json': RULES, 'config/config.yaml': 'failover:\n  manual_rules_path: rules.json\n' });
    assert.deepEqual([...later.failover.rules], [['gpt-4o', ['azure/gpt-4o', 'gemini/gemini-2.5-pro']]]);
  });

  it('stops start-up naming the rules file and what is wrong with it', () => {
    assert.match(
      loadError({ FALLBACK_MANUAL_RULES_PATH: 'missing.json' }).message,
      /^FALLBACK_MANUAL_RULES_PATH \(fallback\.manual_rules_path\): cannot read the failover rules file \/.+\/missing\.json \(ENOENT\)$/,
    );
    assert.match(
      loadError({ FALLBACK_MANUAL_RULES_PATH: 'rules.json' }, { 'rules.json': '{"gpt-4o": ["a"], "gpt-4o": null}' }).message,
      /^FALLBACK_MANUAL_RULES_PATH \(fallback\.manual_rules_path\): the failover rules file \/.+\/rules\.json: "gpt-4o" is a key twice \(line 1, column 27\)$/,
    );
    assert.match(loadError({ FAILOVER_RULES_JSON: '{"a": ["b"]} x' }).message, /^FAILOVER_RULES_JSON: unexpected content after the object/);
    assert.equal(
      loadError({}, { 'config/config.yaml': 'fallback:\n  overrides:\n    gpt-4o: { mode: "" }\n' }).message,
      'fallback.overrides.gpt-4o in config.yaml: mode must be one of off, manual, auto',
    );
    assert.equal(
      loadError({}, { 'config/config.yaml': 'failover:\n  rules:\n    gpt-4o: azure/gpt-4o\n' }).message,
      'failover.rules.gpt-4o in config.yaml must be a list of model selectors',
    );
  });
});
