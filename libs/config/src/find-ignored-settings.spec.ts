import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import type { ProviderDiscovery } from './discover-providers.js';
import { findIgnoredSettings, ignoredSettingWarning } from './find-ignored-settings.js';
import type { IgnoredSetting } from './gateway-config.js';
import { GOMODEL_SETTINGS } from './gomodel-settings.js';
import { SETTINGS } from './settings.js';

const DISCOVERIES: readonly ProviderDiscovery[] = [
  { type: 'openai', defaultBaseUrl: 'https://api.openai.com/v1' },
  { type: 'openrouter', defaultBaseUrl: 'https://openrouter.ai/api/v1', settings: { SITE_URL: '', APP_NAME: '' } },
  { type: 'gemini', defaultBaseUrl: 'https://generativelanguage.googleapis.com', globalSettings: { USE_GOOGLE_GEMINI_NATIVE_API: '' } },
  { type: 'vertex', credential: 'PROJECT', defaultBaseUrl: 'https://vertex', settings: { PROJECT: '', LOCATION: 'us-central1' } },
];

function env(names: string[]): Record<string, string> {
  return Object.fromEntries(names.map((name) => [name, 'set']));
}

function fromEnv(...names: string[]): IgnoredSetting[] {
  return names.map((name) => ({ name, source: 'env', gomodel: true }));
}

describe('findIgnoredSettings from the environment', () => {
  it("names the GoModel variables ModelGate does not read, and none it reads or that are not GoModel's", () => {
    const set = {
      ...env([
        'ENABLE_GUARDRAILS_FOR_BATCH_PROCESSING',
        'FAILOVER_MODE',
        'SEMANTIC_CACHE_ENABLED',
        'DASHBOARD_LIVE_LOGS_ENABLED',
        'SET_BUDGET_TEAM_A',
        'LOG_FORMAT',
      ]),
      ...env([
        'PORT',
        'GUARDRAILS_ENABLED',
        'SWAGGER_ENABLED',
        'RETRY_MAX_RETRIES',
        'CACHE_REFRESH_INTERVAL',
        'REDIS_URL',
        'RESPONSE_CACHE_SIMPLE_ENABLED',
        'OPENAI_API_KEY',
        'OPENAI_EAST_BASE_URL',
        'VERTEX_US_PROJECT',
      ]),
      ...env(['USE_GOOGLE_GEMINI_NATIVE_API', 'OPENROUTER_SITE_URL', 'HOME', 'NODE_OPTIONS', 'OPENAI_ORG_ID']),
      CIRCUIT_BREAKER_TIMEOUT: '',
      RETRY_MAX_BACKOFF: '  ',
    };
    assert.deepEqual(
      findIgnoredSettings(set, {}, DISCOVERIES),
      fromEnv(
        'DASHBOARD_LIVE_LOGS_ENABLED',
        'ENABLE_GUARDRAILS_FOR_BATCH_PROCESSING',
        'FAILOVER_MODE',
        'LOG_FORMAT',
        'SEMANTIC_CACHE_ENABLED',
        'SET_BUDGET_TEAM_A',
      ),
    );
  });

  it('names the variables of a GoModel provider type or field that discovery does not read', () => {
    const set = env(['COHERE_API_KEY', 'BEDROCK_EU_MODELS', 'VERTEX_AUTH_TYPE', 'VERTEX_LOCATION', 'OPENAI_API_KEY']);
    assert.deepEqual(findIgnoredSettings(set, {}, DISCOVERIES), fromEnv('BEDROCK_EU_MODELS', 'COHERE_API_KEY', 'VERTEX_AUTH_TYPE'));
  });

  it('drops a setting from the list as soon as SETTINGS or a provider discovery reads it', () => {
    const everyGoModelVariable = env(GOMODEL_SETTINGS.flatMap(({ env: name }) => (name && !name.endsWith('*') ? [name] : [])));
    const implemented = new Set(Object.values(SETTINGS).map((setting) => setting.env));
    const ignored = findIgnoredSettings(everyGoModelVariable, {}, DISCOVERIES).map((setting) => setting.name);
    assert.deepEqual(
      ignored,
      Object.keys(everyGoModelVariable)
        .filter((name) => !implemented.has(name))
        .sort(),
    );
    assert.ok(ignored.includes('ENABLE_GUARDRAILS_FOR_BATCH_PROCESSING'));
    assert.ok(!ignored.includes('GUARDRAILS_ENABLED'));
    assert.ok(!ignored.includes('SWAGGER_ENABLED'));
    const withoutAttribution = DISCOVERIES.map((discovery) => (discovery.type === 'openrouter' ? { type: 'openrouter' } : discovery));
    assert.deepEqual(findIgnoredSettings(env(['OPENROUTER_SITE_URL']), {}, withoutAttribution), fromEnv('OPENROUTER_SITE_URL'));
    assert.deepEqual(findIgnoredSettings(env(['OPENROUTER_SITE_URL']), {}, DISCOVERIES), []);
  });
});

describe('findIgnoredSettings from config.yaml', () => {
  it('names each GoModel key or section ModelGate does not read, once, and keys neither knows', () => {
    const doc = parse(`
server:
  port: 8080
  prot: 9090
  pprof_enabled: true
cache:
  model:
    refresh_interval: 600
    redis: { url: "redis://cache", key: "models" }
  response:
    simple: {}
guardrails:
  enabled: true
  enable_for_batch_processing: true
  rules:
    - { name: polite, type: system_prompt }
fallback:
  default_mode: auto
  overrides:
    gpt-4o: { mode: auto }
    claude: { mode: off }
failover:
  enabled: true
  default_mode: manual
  rules: { gpt-4o: [azure/gpt-4o] }
workflows:
  refresh_interval: 1m
aliases:
  - { name: fast, target_model: openai/gpt-4o-mini }
resilience:
  retry: { max_retries: 5 }
pricing:
  models:
    gpt-4o: { input: 2.5, output: 10 }
budgets: ~
`) as Record<string, unknown>;
    const yaml = (name: string, gomodel = true): IgnoredSetting => ({ name, source: 'config.yaml', gomodel });
    assert.deepEqual(findIgnoredSettings({}, doc, DISCOVERIES), [
      yaml('server.prot', false),
      yaml('server.pprof_enabled'),
      yaml('cache.model.redis.url'),
      yaml('cache.model.redis.key'),
      yaml('guardrails.enable_for_batch_processing'),
      yaml('failover.default_mode'),
      yaml('workflows.refresh_interval'),
    ]);
  });

  it('names the provider keys neither discovery nor the resilience reader reads, for supported types only', () => {
    const doc = parse(`
providers:
  openai:
    api_key: sk-x
    base_url: https://api.openai.com/v1
    resilience: { retry: { max_retries: 1 } }
    colour: blue
    models:
      - gpt-4o
      - { id: gpt-4o-mini, metadata: { context_window: 128000 } }
  router:
    type: openrouter
    api_key: sk-or
    site_url: https://example.com
  mystery:
    type: not-a-provider
    api_key: x
    extra: 1
`) as Record<string, unknown>;
    assert.deepEqual(findIgnoredSettings({}, doc, DISCOVERIES), [
      { name: 'providers.openai.colour', source: 'config.yaml', gomodel: false },
      { name: 'providers.openai.models[].metadata', source: 'config.yaml', gomodel: true },
    ]);
  });
});

describe('ignoredSettingWarning', () => {
  it('names the setting and says it has no effect', () => {
    assert.equal(
      ignoredSettingWarning({ name: 'GUARDRAILS_ENABLED', source: 'env', gomodel: true }),
      'GUARDRAILS_ENABLED is set but has no effect: ModelGate does not implement this GoModel setting (yet)',
    );
    assert.equal(
      ignoredSettingWarning({ name: 'server.prot', source: 'config.yaml', gomodel: false }),
      'config.yaml key server.prot has no effect: it is not a setting of ModelGate or GoModel',
    );
  });
});
