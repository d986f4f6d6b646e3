import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { maskConfig, maskSecret } from './mask-config.js';

const SECRET_NAMES = new Set(['masterKey', 'postgresUrl', 'apiKey']);

describe('maskConfig', () => {
  it('masks secrets by name, provider keys and secret-looking provider settings, and snake-cases field names', () => {
    const masked = maskConfig(
      {
        server: { port: 8080, masterKey: 'master-key-0123456789', basePath: '' },
        models: {
          configuredProviderModelsMode: 'fallback',
          refreshIntervalMs: 60_000,
          enabledByDefault: true,
          overridesEnabled: true,
          keepOnlyAliasesAtModelsEndpoint: false,
          virtualModels: [],
        },
        storage: { type: 'postgresql', postgresUrl: 'postgres://app:hunter2@db.internal:5432/gomodel', mongodbUrl: undefined },
        providers: {
          instances: [
            {
              name: 'openai',
              apiKey: 'sk-short',
              models: ['gpt-4o'],
              settings: { SITE_URL: 'https://example.com', AUTH_TOKEN: 'tok-123' },
            },
          ],
        },
        pricing: { models: { 'gpt-4o': { input: 2.5, cached_input: 1.25 } } },
      },
      SECRET_NAMES,
    );
    assert.deepEqual(masked, {
      server: { port: 8080, master_key: 'mas...6789', base_path: '' },
      models: {
        configured_provider_models_mode: 'fallback',
        refresh_interval_ms: 60_000,
        enabled_by_default: true,
        overrides_enabled: true,
        keep_only_aliases_at_models_endpoint: false,
        virtual_models: [],
      },
      storage: { type: 'postgresql', postgres_url: 'postgres://********@db.internal:5432/gomodel', mongodb_url: null },
      providers: {
        instances: [
          {
            name: 'openai',
            api_key: '********',
            models: ['gpt-4o'],
            settings: { SITE_URL: 'https://example.com', AUTH_TOKEN: '********' },
          },
        ],
      },
      pricing: { models: { 'gpt-4o': { input: 2.5, cached_input: 1.25 } } },
    });
    assert.ok(!JSON.stringify(masked).includes('hunter2'));
  });

  it('never shows a short secret at all', () => {
    assert.equal(maskSecret('abc'), '********');
    assert.equal(maskSecret('sk-0123456789abcdef'), 'sk-...cdef');
  });
});
