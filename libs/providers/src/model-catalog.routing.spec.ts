// ModelCatalog with routing rules: virtual models (aliases among them) before the selector, model access after it,
// and /v1/models per caller.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DeclaredVirtualModel, HttpConfig, ModelsConfig, ProviderConfig, VirtualModelSpec } from '@modelgate/config';
import { GatewayError, RequestContext, type ModelObject } from '@modelgate/core';
import { ModelCatalog, type ResolvedModel } from './model-catalog.service.js';
import type { ProviderAdapter } from './provider-adapter.js';
import type { AccessOverride } from './routing/model-access.js';
import { InstancePrices, InstanceRouter } from './routing/instance-router.js';
import { mergeVirtualModels, RoutingRules, type VirtualModelDefinition } from './routing/routing-rules.js';

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

async function catalogWith(options: Partial<ModelsConfig> = {}, prices?: InstancePrices): Promise<ModelCatalog> {
  const models: ModelsConfig = {
    configuredProviderModelsMode: 'fallback',
    refreshIntervalMs: 3_600_000,
    enabledByDefault: true,
    overridesEnabled: true,
    keepOnlyAliasesAtModelsEndpoint: false,
    virtualModels: [],
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
    new InstanceRouter(models),
    prices,
  );
  await catalog.refreshAll();
  return catalog;
}

function alias(name: string, targetModel: string, targetProvider: string | null = null, enabled = true): VirtualModelDefinition {
  return virtual({ source: name, targets: [{ model: targetModel, provider: targetProvider, weight: 1 }], enabled });
}

function virtual(spec: Partial<VirtualModelSpec> & Pick<VirtualModelSpec, 'source' | 'targets'>): VirtualModelDefinition {
  return {
    strategy: 'round_robin',
    userPaths: [],
    description: null,
    enabled: true,
    sessionAffinity: null,
    origin: 'admin',
    createdAt: null,
    updatedAt: null,
    ...spec,
  };
}

function declaredAlias(name: string, model: string, provider: string | null): DeclaredVirtualModel {
  const { createdAt, updatedAt, ...spec } = alias(name, model, provider);
  assert.deepEqual([createdAt, updatedAt], [null, null]);
  return { ...spec, origin: 'config' };
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
    const catalog = await catalogWith({ virtualModels: [declaredAlias('fast', 'llama-3.3-70b', 'groq')] });
    assert.deepEqual(target(catalog, 'fast'), ['groq', 'llama-3.3-70b', 'fast']);
    const { origin, createdAt, updatedAt, ...stored } = alias('fast', 'gpt-4o');
    assert.equal(origin, 'admin');
    const merged = mergeVirtualModels(
      [declaredAlias('fast', 'llama-3.3-70b', 'groq')],
      [{ ...stored, createdAt: createdAt ?? new Date(0), updatedAt: updatedAt ?? new Date(0) }],
    );
    assert.deepEqual(
      merged.map((entry) => [entry.source, entry.targets[0]?.model, entry.origin]),
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

function served(resolved: ResolvedModel): string {
  return `${resolved.adapter.config.name}/${resolved.model}`;
}

function routeTimes(catalog: ModelCatalog, model: string, times: number, userPath?: string): ResolvedModel[] {
  return Array.from({ length: times }, (_, i) => {
    const ctx = new RequestContext(`req-${i}`);
    ctx.userPath = userPath;
    return catalog.route(ctx, '/v1/chat/completions', model);
  });
}

function tally(list: ResolvedModel[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const resolved of list) counts[served(resolved)] = (counts[served(resolved)] ?? 0) + 1;
  return counts;
}

const target3 = (model: string, weight = 1, provider: string | null = null) => ({ model, provider, weight });

describe('ModelCatalog virtual models', () => {
  it('spreads requests by weight over a cycle, in a fixed order, with the other target as the failover chain', async () => {
    const catalog = await catalogWith();
    catalog.useRules(
      RoutingRules.of(
        [virtual({ source: 'smart', targets: [target3('openai/gpt-4o', 3), target3('llama-3.3-70b', 1, 'groq')] })],
        [],
        true,
      ),
    );
    const routed = routeTimes(catalog, 'smart', 8);
    assert.deepEqual(routed.map(served), [
      'openai/gpt-4o',
      'openai/gpt-4o',
      'groq/llama-3.3-70b',
      'openai/gpt-4o',
      'openai/gpt-4o',
      'openai/gpt-4o',
      'groq/llama-3.3-70b',
      'openai/gpt-4o',
    ]);
    assert.deepEqual(tally(routed), { 'openai/gpt-4o': 6, 'groq/llama-3.3-70b': 2 });
    assert.deepEqual(routed[2]?.chain?.map(served), ['openai/gpt-4o']);
    assert.deepEqual(
      [routed[0]?.alias, routed[0]?.chain?.map((entry) => [served(entry), entry.alias])],
      ['smart', [['groq/llama-3.3-70b', 'smart']]],
    );
  });

  it('skips a target that cannot be served now, sharing among the others', async () => {
    const catalog = await catalogWith();
    catalog.useRules(
      RoutingRules.of(
        [virtual({ source: 'smart', targets: [target3('gpt-9000', 5), target3('gpt-4o-mini'), target3('llama-3.3-70b')] })],
        [],
        true,
      ),
    );
    const routed = routeTimes(catalog, 'smart', 4);
    assert.deepEqual(routed.map(served), ['openai/gpt-4o-mini', 'groq/llama-3.3-70b', 'openai/gpt-4o-mini', 'groq/llama-3.3-70b']);
  });

  it('takes the cheapest priced target under cost, unpriced ones only when none is priced', async () => {
    const table: Record<string, number> = { 'openai/gpt-4o': 12.5, 'openai/gpt-4o-mini': 0.75 };
    const prices = new (class extends InstancePrices {
      priceOf(instance: { name: string }, model: string): number | undefined {
        return table[`${instance.name}/${model}`];
      }
    })();
    const catalog = await catalogWith({}, prices);
    catalog.useRules(
      RoutingRules.of(
        [
          virtual({
            source: 'cheap',
            strategy: 'cost',
            targets: [target3('llama-3.3-70b'), target3('openai/gpt-4o'), target3('openai/gpt-4o-mini')],
          }),
          virtual({
            source: 'unpriced',
            strategy: 'cost',
            targets: [target3('gpt-9000'), target3('llama-3.3-70b'), target3('openai-east/gpt-4o')],
          }),
        ],
        [],
        true,
      ),
    );
    const [cheap] = routeTimes(catalog, 'cheap', 1);
    assert.deepEqual([served(cheap!), cheap!.chain?.map(served)], ['openai/gpt-4o-mini', ['groq/llama-3.3-70b', 'openai/gpt-4o']]);
    assert.deepEqual(routeTimes(catalog, 'unpriced', 2).map(served), ['groq/llama-3.3-70b', 'groq/llama-3.3-70b']);
  });

  it('takes the first servable target under failover, the rest in order as its chain', async () => {
    const catalog = await catalogWith();
    catalog.useRules(
      RoutingRules.of(
        [virtual({ source: 'gpt-4o', strategy: 'failover', targets: [target3('gone'), target3('gpt-4o'), target3('openai-east/gpt-4o')] })],
        [],
        true,
      ),
    );
    const routed = routeTimes(catalog, 'gpt-4o', 2);
    assert.deepEqual(
      routed.map((resolved) => [served(resolved), resolved.chain?.map(served)]),
      [
        ['openai/gpt-4o', ['openai-east/gpt-4o']],
        ['openai/gpt-4o', ['openai-east/gpt-4o']],
      ],
    );
  });

  it('resolves a chain level by level: a chosen inner virtual model applies its own strategy, a disabled one is skipped', async () => {
    const catalog = await catalogWith();
    const pool = virtual({ source: 'pool', targets: [target3('gpt-4o-mini'), target3('llama-3.3-70b')] });
    const outer = virtual({ source: 'frugal', targets: [target3('pool', 2), target3('openai-east/gpt-4o')] });
    catalog.useRules(RoutingRules.of([pool, outer, virtual({ source: 'off', enabled: false, targets: [target3('gpt-4o')] })], [], true));
    const routed = routeTimes(catalog, 'frugal', 6);
    assert.deepEqual(routed.map(served), [
      'openai/gpt-4o-mini',
      'openai-east/gpt-4o',
      'groq/llama-3.3-70b',
      'openai/gpt-4o-mini',
      'openai-east/gpt-4o',
      'groq/llama-3.3-70b',
    ]);
    assert.deepEqual(routed[0]?.chain?.map(served), ['groq/llama-3.3-70b', 'openai-east/gpt-4o']);
    assert.deepEqual(routed[1]?.chain?.map(served), ['openai/gpt-4o-mini', 'groq/llama-3.3-70b']);

    catalog.useRules(
      RoutingRules.of(
        [
          virtual({ source: 'off', enabled: false, targets: [target3('gpt-4o')] }),
          virtual({ source: 'via-off', targets: [target3('off', 9), target3('gpt-4o-mini')] }),
        ],
        [],
        true,
      ),
    );
    assert.deepEqual(routeTimes(catalog, 'via-off', 2).map(served), ['openai/gpt-4o-mini', 'openai/gpt-4o-mini']);
  });

  it('lets only its user paths send the source name (GoModel’s error otherwise), and lists it for them only', async () => {
    const catalog = await catalogWith();
    catalog.useRules(RoutingRules.of([virtual({ source: 'team-model', userPaths: ['/team-a'], targets: [target3('gpt-4o')] })], [], true));
    assert.throws(
      () => routeTimes(catalog, 'team-model', 1, '/team-b'),
      (err: unknown) =>
        err instanceof GatewayError &&
        err.status === 400 &&
        err.code === 'model_access_denied' &&
        err.message === 'requested model is not available for this API key',
    );
    assert.throws(() => routeTimes(catalog, 'team-model', 1), GatewayError);
    assert.deepEqual(routeTimes(catalog, 'team-model', 1, '/team-a/alice').map(served), ['openai/gpt-4o']);
    assert.equal(
      catalog.listModels('/team-b').some((entry) => entry.id === 'team-model'),
      false,
    );
    assert.equal(
      catalog.listModels('/team-a').some((entry) => entry.id === 'team-model'),
      true,
    );
  });

  it('leaves out of the chain the targets the caller may not use, keeping the first target’s refusal as the answer', async () => {
    const catalog = await catalogWith();
    catalog.useRules(
      RoutingRules.of(
        [
          virtual({
            source: 'smart',
            strategy: 'failover',
            targets: [target3('gpt-4o-mini'), target3('openai-east/gpt-4o'), target3('llama-3.3-70b')],
          }),
        ],
        [override('openai-east/', 'openai-east', null, ['/ops'])],
        true,
      ),
    );
    const [resolved] = routeTimes(catalog, 'smart', 1, '/team-a');
    assert.deepEqual(resolved?.chain?.map(served), ['groq/llama-3.3-70b']);
    assert.deepEqual(routeTimes(catalog, 'smart', 1, '/ops')[0]?.chain?.map(served), ['openai-east/gpt-4o', 'groq/llama-3.3-70b']);
  });

  it('lists a virtual model in /v1/models with its first servable target, without moving the rotation', async () => {
    const catalog = await catalogWith();
    catalog.useRules(
      RoutingRules.of(
        [virtual({ source: 'smart', targets: [target3('gone'), target3('llama-3.3-70b', 1, 'groq'), target3('gpt-4o')] })],
        [],
        true,
      ),
    );
    assert.equal(catalog.listModels().find((entry) => entry.id === 'smart')?.owned_by, 'groq');
    catalog.listModels();
    assert.deepEqual(routeTimes(catalog, 'smart', 2).map(served), ['groq/llama-3.3-70b', 'openai/gpt-4o']);
  });
});

describe('RoutingRules reloads', () => {
  it('carry a virtual model’s rotation over when its weights are unchanged, and restart it when they change', async () => {
    const catalog = await catalogWith();
    const spread = (weights: [number, number]) =>
      virtual({ source: 'spread', targets: [target3('gpt-4o-mini', weights[0]), target3('llama-3.3-70b', weights[1])] });
    catalog.useRules(RoutingRules.of([spread([1, 1])], [], true));
    assert.deepEqual(routeTimes(catalog, 'spread', 1).map(served), ['openai/gpt-4o-mini']);
    catalog.useRules(RoutingRules.of([spread([1, 1])], [], true, catalog.routingRules()));
    assert.deepEqual(routeTimes(catalog, 'spread', 1).map(served), ['groq/llama-3.3-70b']);
    catalog.useRules(RoutingRules.of([spread([1, 2])], [], true, catalog.routingRules()));
    assert.deepEqual(routeTimes(catalog, 'spread', 3).map(served), ['groq/llama-3.3-70b', 'openai/gpt-4o-mini', 'groq/llama-3.3-70b']);
  });
});
