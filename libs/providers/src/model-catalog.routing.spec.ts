// ModelCatalog with routing rules: aliases before the selector, model access after it, and /v1/models per caller.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { HttpConfig, ModelsConfig, ProviderConfig } from '@modelgate/config';
import { GatewayError, RequestContext, type ModelObject } from '@modelgate/core';
import { ModelCatalog } from './model-catalog.service.js';
import type { ProviderAdapter } from './provider-adapter.js';
import type { AccessOverride } from './routing/model-access.js';
import { mergeAliases, RoutingRules, type AliasDefinition } from './routing/routing-rules.js';

const CREATED = 1_700_000_000;

function instance(name: string, type: string, ids: string[]): ProviderAdapter {
  const config: ProviderConfig = {
    name,
    type,
    apiKey: 'key',
    baseUrl: `https://${name}.example.com/v1`,
    apiVersion: undefined,
    models: [],
    settings: {},
  };
  const models = ids.map((id): ModelObject => ({ id, object: 'model', created: CREATED, owned_by: 'upstream' }));
  return { config, listModels: () => Promise.resolve(models), close: () => Promise.resolve() } as unknown as ProviderAdapter;
}

async function catalogWith(options: Partial<ModelsConfig> = {}): Promise<ModelCatalog> {
  const models: ModelsConfig = {
    configuredProviderModelsMode: 'fallback',
    refreshIntervalMs: 3_600_000,
    enabledByDefault: true,
    overridesEnabled: true,
    keepOnlyAliasesAtModelsEndpoint: false,
    aliases: [],
    routingStrategy: 'first',
    ...options,
  };
  const http: HttpConfig = { timeoutMs: 600_000, responseHeaderTimeoutMs: 600_000 };
  const catalog = new ModelCatalog(
    [
      instance('groq', 'groq', ['llama-3.3-70b']),
      instance('openai', 'openai', ['gpt-4o', 'gpt-4o-mini']),
      instance('openai-east', 'openai', ['gpt-4o']),
    ],
    models,
    http,
  );
  await catalog.refreshAll();
  return catalog;
}

function alias(name: string, targetModel: string, targetProvider: string | null = null, enabled = true): AliasDefinition {
  return { name, targetModel, targetProvider, description: null, enabled, origin: 'admin', createdAt: null, updatedAt: null };
}

function override(selector: string, providerName: string | null, model: string | null, userPaths: string[]): AccessOverride {
  return { selector, providerName, model, userPaths };
}

function target(catalog: ModelCatalog, model: string, provider?: string, userPath?: string): [string, string, string | undefined] {
  const resolved = catalog.resolve(model, provider, userPath);
  return [resolved.adapter.config.name, resolved.model, resolved.alias];
}

describe('ModelCatalog aliases', () => {
  it('resolves an alias to its target, a masking alias before the real model, and skips aliases when provider is given', async () => {
    const catalog = await catalogWith();
    catalog.useRules(
      RoutingRules.of(
        [alias('fast', 'groq/llama-3.3-70b'), alias('gpt-4o', 'gpt-4o-mini'), alias('team/smart', 'gpt-4o', 'openai-east')],
        [],
        true,
      ),
    );
    assert.deepEqual(target(catalog, 'fast'), ['groq', 'llama-3.3-70b', 'fast']);
    assert.deepEqual(target(catalog, 'gpt-4o'), ['openai', 'gpt-4o-mini', 'gpt-4o']);
    assert.deepEqual(target(catalog, 'team/smart'), ['openai-east', 'gpt-4o', 'team/smart']);
    assert.deepEqual(target(catalog, 'gpt-4o', 'openai-east'), ['openai-east', 'gpt-4o', undefined]);
  });

  it('does not apply a disabled alias, nor one whose target no longer resolves', async () => {
    const catalog = await catalogWith();
    catalog.useRules(RoutingRules.of([alias('gpt-4o-mini', 'gpt-4o', null, false), alias('openai/gpt-4o', 'gone-model')], [], true));
    assert.deepEqual(target(catalog, 'gpt-4o-mini'), ['openai', 'gpt-4o-mini', undefined]);
    assert.deepEqual(target(catalog, 'openai/gpt-4o'), ['openai', 'gpt-4o', undefined]);
  });

  it('applies config.yaml aliases from the start, over a stored alias of the same name', async () => {
    const catalog = await catalogWith({
      aliases: [{ name: 'fast', targetModel: 'llama-3.3-70b', targetProvider: 'groq', description: null, enabled: true }],
    });
    assert.deepEqual(target(catalog, 'fast'), ['groq', 'llama-3.3-70b', 'fast']);
    const merged = mergeAliases(
      [{ name: 'fast', targetModel: 'llama-3.3-70b', targetProvider: 'groq', description: null, enabled: true }],
      [
        {
          name: 'fast',
          targetModel: 'gpt-4o',
          targetProvider: null,
          description: null,
          enabled: true,
          createdAt: new Date(0),
          updatedAt: new Date(0),
        },
      ],
    );
    assert.deepEqual(
      merged.map((entry) => [entry.name, entry.targetModel, entry.origin]),
      [['fast', 'llama-3.3-70b', 'config']],
    );
  });

  it('records the alias as the requested model and the target as the resolved one on the request context', async () => {
    const catalog = await catalogWith();
    catalog.useRules(RoutingRules.of([alias('fast', 'groq/llama-3.3-70b')], [], true));
    const ctx = new RequestContext('req-1');
    catalog.route(ctx, '/v1/chat/completions', 'fast');
    assert.deepEqual([ctx.requestedModel, ctx.provider, ctx.providerType, ctx.model], ['fast', 'groq', 'groq', 'llama-3.3-70b']);
  });
});

describe('ModelCatalog model access', () => {
  it('refuses a user path outside the override after recording what was asked for, and admits its subtree', async () => {
    const catalog = await catalogWith();
    catalog.useRules(RoutingRules.of([alias('smart', 'gpt-4o')], [override('gpt-4o', null, 'gpt-4o', ['/team-a'])], true));
    const ctx = new RequestContext('req-2');
    ctx.userPath = '/team-b';
    assert.throws(
      () => catalog.route(ctx, '/v1/chat/completions', 'smart'),
      (err: unknown) => err instanceof GatewayError && err.status === 400 && err.code === 'model_access_denied',
    );
    assert.deepEqual([ctx.requestedModel, ctx.provider, ctx.model], ['smart', 'openai', 'gpt-4o']);
    ctx.userPath = '/team-a/alice';
    assert.equal(catalog.route(ctx, '/v1/chat/completions', 'smart').model, 'gpt-4o');
    assert.equal(catalog.resolve('gpt-4o-mini', undefined, '/team-b').model, 'gpt-4o-mini');
  });

  it('lists per caller only the models and aliases its user path may use', async () => {
    const catalog = await catalogWith();
    catalog.useRules(
      RoutingRules.of(
        [alias('fast', 'groq/llama-3.3-70b'), alias('smart', 'openai-east/gpt-4o'), alias('off', 'gpt-4o', null, false)],
        [override('openai-east/', 'openai-east', null, ['/team-a']), override('groq/', 'groq', null, ['/'])],
        true,
      ),
    );
    const ids = (userPath?: string) => catalog.listModels(userPath).map((entry) => entry.id);
    assert.deepEqual(ids('/team-a/x'), [
      'fast',
      'groq/llama-3.3-70b',
      'openai-east/gpt-4o',
      'openai/gpt-4o',
      'openai/gpt-4o-mini',
      'smart',
    ]);
    assert.deepEqual(ids('/team-b'), ['fast', 'groq/llama-3.3-70b', 'openai/gpt-4o', 'openai/gpt-4o-mini']);
    assert.deepEqual(ids(), ['fast', 'groq/llama-3.3-70b', 'openai/gpt-4o', 'openai/gpt-4o-mini']);
    assert.deepEqual(
      catalog.listModels('/team-a').find((entry) => entry.id === 'smart'),
      {
        id: 'smart',
        object: 'model',
        created: CREATED,
        owned_by: 'openai-east',
      },
    );
  });

  it('lists only the aliases with KEEP_ONLY_ALIASES_AT_MODELS_ENDPOINT', async () => {
    const catalog = await catalogWith({ keepOnlyAliasesAtModelsEndpoint: true });
    catalog.useRules(RoutingRules.of([alias('fast', 'groq/llama-3.3-70b')], [], true));
    assert.deepEqual(
      catalog.listModels().map((entry) => entry.id),
      ['fast'],
    );
  });
});
