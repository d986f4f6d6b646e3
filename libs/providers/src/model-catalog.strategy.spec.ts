// ModelCatalog under ROUTING_STRATEGY: which of the instances serving a bare model (or a type's instances) a request
// goes to, with open breakers passed over, and the ordered list failover reads.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { HttpConfig, ModelsConfig, ProviderConfig, RoutingStrategy } from '@modelgate/config';
import { RequestContext, type AttemptRecord, type ModelObject } from '@modelgate/core';
import { ModelCatalog } from './model-catalog.service.js';
import type { ProviderAdapter } from './provider-adapter.js';
import { InstanceAvailability, InstancePrices, InstanceRouter } from './routing/instance-router.js';

function instance(name: string, type: string, ids: string[]): ProviderAdapter {
  const config = {
    name,
    type,
    apiKey: 'key',
    baseUrl: `https://${name}.example.com/v1`,
    models: [],
    settings: {},
  } as unknown as ProviderConfig;
  const models = ids.map((id): ModelObject => ({ id, object: 'model', created: 1, owned_by: 'upstream' }));
  return { config, listModels: () => Promise.resolve(models), close: () => Promise.resolve() } as unknown as ProviderAdapter;
}

class Breakers extends InstanceAvailability {
  readonly open = new Set<string>();
  accepts(name: string): boolean {
    return !this.open.has(name);
  }
}

class Prices extends InstancePrices {
  constructor(private readonly table: Record<string, number>) {
    super();
  }
  priceOf(instance: { name: string; type: string }, model: string): number | undefined {
    return this.table[`${instance.type}/${model}`];
  }
}

const INSTANCES = [
  instance('azure', 'azure', ['gpt-4o']),
  instance('openai-east', 'openai', ['gpt-4o', 'gpt-4o-mini']),
  instance('openai-west', 'openai', ['gpt-4o']),
];

async function catalogWith(strategy: RoutingStrategy, prices: Record<string, number> = {}) {
  const models = {
    configuredProviderModelsMode: 'fallback',
    refreshIntervalMs: 3_600_000,
    enabledByDefault: true,
    overridesEnabled: true,
    keepOnlyAliasesAtModelsEndpoint: false,
    virtualModels: [],
    routingStrategy: strategy,
  } satisfies ModelsConfig;
  const http: HttpConfig = { timeoutMs: 600_000, responseHeaderTimeoutMs: 600_000 };
  const breakers = new Breakers();
  const router = new InstanceRouter(models, breakers, new Prices(prices));
  const catalog = new ModelCatalog(INSTANCES, models, http, router);
  await catalog.refreshAll();
  /** The instance each of `times` requests is routed to. */
  const served = (model: string, times = 1, provider?: string): string[] =>
    Array.from(
      { length: times },
      () => catalog.route(new RequestContext('req'), '/v1/chat/completions', model, provider).adapter.config.name,
    );
  return { catalog, breakers, router, served };
}

function failed(provider: string, status: number): AttemptRecord {
  return {
    provider,
    providerType: 'azure',
    model: 'gpt-4o',
    status,
    errorType: 'provider_error',
    errorMessage: `HTTP ${status}`,
    durationMs: 2,
    timeToFirstByteMs: 2,
    startedAt: new Date(0),
  };
}

const names = (adapters: ProviderAdapter[]) => adapters.map((adapter) => adapter.config.name);

describe('ModelCatalog with ROUTING_STRATEGY=first', () => {
  it('serves a bare model from the first instance by name, every time (GoModel)', async () => {
    const { served } = await catalogWith('first');
    assert.deepEqual(served('gpt-4o', 3), ['azure', 'azure', 'azure']);
    assert.deepEqual(served('openai/gpt-4o', 2), ['openai-east', 'openai-east'], 'a type prefix: its first instance');
  });

  it('passes over an instance whose breaker is open, and keeps the first when all are open', async () => {
    const { served, breakers } = await catalogWith('first');
    breakers.open.add('azure');
    assert.deepEqual(served('gpt-4o'), ['openai-east']);
    breakers.open.add('openai-east').add('openai-west');
    assert.deepEqual(served('gpt-4o'), ['azure']);
  });

  it('routes a model only one instance serves there, whatever its breaker says', async () => {
    const { served, breakers } = await catalogWith('first');
    breakers.open.add('openai-east');
    assert.deepEqual(served('gpt-4o-mini'), ['openai-east']);
  });
});

describe('ModelCatalog with ROUTING_STRATEGY=round_robin', () => {
  it('takes the instances serving a bare model in turn, per model', async () => {
    const { served } = await catalogWith('round_robin');
    assert.deepEqual(served('gpt-4o', 4), ['azure', 'openai-east', 'openai-west', 'azure']);
    assert.deepEqual(served('gpt-4o-mini', 2), ['openai-east', 'openai-east']);
  });

  it('turns among the instances of the named type only, for a type prefix and the provider field', async () => {
    const { served } = await catalogWith('round_robin');
    assert.deepEqual(served('openai/gpt-4o', 3), ['openai-east', 'openai-west', 'openai-east']);
    assert.deepEqual(served('gpt-4o', 2, 'openai'), ['openai-west', 'openai-east'], 'the provider field naming the type');
    assert.deepEqual(served('openai-west/gpt-4o', 2), ['openai-west', 'openai-west'], 'an instance name is never balanced');
  });

  it('takes a turn only for a routed request, not for lookups (listing models, resolving a selector)', async () => {
    const { catalog, served } = await catalogWith('round_robin');
    assert.deepEqual(served('gpt-4o'), ['azure']);
    for (let i = 0; i < 2; i++) {
      catalog.listModels();
      catalog.resolveSelector('gpt-4o');
      catalog.resolve('gpt-4o');
      catalog.instancesServing('gpt-4o');
    }
    assert.deepEqual(served('gpt-4o', 2), ['openai-east', 'openai-west']);
  });

  it('keeps turns only for listed model IDs, not for names a client made up', async () => {
    const { router } = await catalogWith('round_robin');
    router.routed('gpt-4o');
    router.routed('made-up-model');
    assert.deepEqual([router.turn('gpt-4o'), router.turn('made-up-model')], [1, 0]);
  });

  it('skips an open breaker', async () => {
    const { served, breakers } = await catalogWith('round_robin');
    breakers.open.add('openai-east');
    assert.deepEqual(served('gpt-4o', 4), ['azure', 'openai-west', 'openai-west', 'azure']);
  });
});

describe('ModelCatalog with ROUTING_STRATEGY=least_latency', () => {
  it('measures each instance once, then sends traffic to the lowest average time to first byte', async () => {
    const { served, router } = await catalogWith('least_latency');
    assert.deepEqual(served('gpt-4o'), ['azure']);
    router.recordFirstByte('azure', 300);
    assert.deepEqual(served('gpt-4o'), ['openai-east']);
    router.recordFirstByte('openai-east', 40);
    assert.deepEqual(served('gpt-4o'), ['openai-west']);
    router.recordFirstByte('openai-west', 90);
    assert.deepEqual(served('gpt-4o', 2), ['openai-east', 'openai-east']);
    for (let i = 0; i < 5; i++) router.recordFirstByte('openai-east', 500);
    assert.deepEqual(served('gpt-4o'), ['openai-west'], 'openai-east slowed down: its average passed the others');
  });

  it('does not come back to an instance that failed before it ever answered, nor to an open breaker', async () => {
    const { served, router, breakers } = await catalogWith('least_latency');
    router.recordFailure(failed('azure', 503));
    router.recordFirstByte('openai-east', 50);
    router.recordFirstByte('openai-west', 80);
    assert.deepEqual(served('gpt-4o'), ['openai-east']);
    breakers.open.add('openai-east');
    assert.deepEqual(served('gpt-4o'), ['openai-west']);
  });
});

describe('ModelCatalog with ROUTING_STRATEGY=lowest_cost', () => {
  it('serves from the instance whose type prices the model lowest, unpriced last, ties by name', async () => {
    const { served, breakers } = await catalogWith('lowest_cost', { 'openai/gpt-4o': 12.5, 'azure/gpt-4o': 15 });
    assert.deepEqual(served('gpt-4o', 2), ['openai-east', 'openai-east'], 'openai-east and openai-west tie: the first by name');
    breakers.open.add('openai-east');
    assert.deepEqual(served('gpt-4o'), ['openai-west']);
    breakers.open.add('openai-west');
    assert.deepEqual(served('gpt-4o'), ['azure']);
  });

  it('puts an unpriced instance after the priced ones', async () => {
    const { served } = await catalogWith('lowest_cost', { 'azure/gpt-4o': 15 });
    assert.deepEqual(served('gpt-4o'), ['azure']);
  });
});

describe('ModelCatalog.instancesServing', () => {
  it('lists the instances serving a model in the strategy order, open breakers last, taking no turn', async () => {
    const { catalog, served, breakers } = await catalogWith('round_robin');
    assert.deepEqual(served('gpt-4o'), ['azure']);
    assert.deepEqual(names(catalog.instancesServing('gpt-4o')), ['openai-east', 'openai-west', 'azure']);
    assert.deepEqual(names(catalog.instancesServing('gpt-4o')), ['openai-east', 'openai-west', 'azure']);
    breakers.open.add('openai-east');
    assert.deepEqual(names(catalog.instancesServing('gpt-4o')), ['openai-west', 'azure', 'openai-east']);
    assert.deepEqual(served('gpt-4o'), ['openai-west']);
  });

  it('is empty for a model no instance lists', async () => {
    const { catalog } = await catalogWith('first');
    assert.deepEqual(catalog.instancesServing('claude-3'), []);
  });
});
