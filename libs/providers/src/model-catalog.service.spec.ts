import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { Logger, type LoggerService } from '@nestjs/common';
import type { ConfiguredModelsMode, HttpConfig, ModelsConfig, ProviderConfig } from '@modelgate/config';
import { GatewayError, type ModelObject } from '@modelgate/core';
import { ModelCatalog, type ResolvedModel } from './model-catalog.service.js';
import type { ProviderAdapter } from './provider-adapter.js';

const CREATED = 1_700_000_000;

/** A provider whose only working parts are its config and its model list: the catalog never calls the others. */
class FakeAdapter implements ProviderAdapter {
  listCalls = 0;

  constructor(
    readonly config: ProviderConfig,
    private list: () => Promise<ModelObject[]>,
  ) {}

  listModels(): Promise<ModelObject[]> {
    this.listCalls += 1;
    return this.list();
  }

  answer(list: () => Promise<ModelObject[]>): void {
    this.list = list;
  }

  chatCompletion(): never {
    throw new Error('the catalog does not call chatCompletion');
  }

  streamChatCompletion(): never {
    throw new Error('the catalog does not call streamChatCompletion');
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

function model(id: string, ownedBy = 'upstream'): ModelObject {
  return { id, object: 'model', created: CREATED, owned_by: ownedBy };
}

function config(name: string, type: string, models: string[] = []): ProviderConfig {
  return { name, type, apiKey: 'key', baseUrl: `https://${name}.example.com/v1`, apiVersion: undefined, models, settings: {} };
}

/** Lists these model IDs. */
function serving(...ids: string[]): () => Promise<ModelObject[]> {
  return () => Promise.resolve(ids.map((id) => model(id)));
}

function failing(message: string): () => Promise<ModelObject[]> {
  return () => Promise.reject(new Error(message));
}

function adapter(name: string, type: string, list: () => Promise<ModelObject[]>, models: string[] = []): FakeAdapter {
  return new FakeAdapter(config(name, type, models), list);
}

function catalogOf(adapters: FakeAdapter[], mode: ConfiguredModelsMode = 'fallback'): ModelCatalog {
  const modelsConfig: ModelsConfig = {
    configuredProviderModelsMode: mode,
    refreshIntervalMs: 3_600_000,
    enabledByDefault: true,
    overridesEnabled: true,
    keepOnlyAliasesAtModelsEndpoint: false,
    virtualModels: [],
    routingStrategy: 'first',
  };
  const httpConfig: HttpConfig = { timeoutMs: 600_000, responseHeaderTimeoutMs: 600_000 };
  return new ModelCatalog(adapters, modelsConfig, httpConfig);
}

/** Which instance and upstream model a selector resolves to. */
function route(catalog: ModelCatalog, selector: unknown, provider?: unknown): [string, string] {
  const resolved: ResolvedModel = catalog.resolve(selector, provider);
  return [resolved.adapter.config.name, resolved.model];
}

function resolveError(catalog: ModelCatalog, selector: unknown, provider?: unknown): GatewayError {
  try {
    catalog.resolve(selector, provider);
  } catch (err) {
    assert.ok(err instanceof GatewayError, `expected a GatewayError, got ${String(err)}`);
    return err;
  }
  assert.fail(`${String(selector)} resolved`);
}

function assertNotFound(error: GatewayError, model: string): void {
  assert.deepEqual(
    [error.status, error.toOpenAI()],
    [
      404,
      {
        error: {
          message: `model '${model}' is not served by any configured provider; GET /v1/models lists the models you can use`,
          type: 'invalid_request_error',
          param: 'model',
          code: 'model_not_found',
        },
      },
    ],
  );
}

const silent: LoggerService = { log: () => undefined, error: () => undefined, warn: () => undefined };

before(() => {
  // Failed model lists are logged; the tests check the catalog's state instead.
  Logger.overrideLogger(silent);
});

describe('ModelCatalog.resolve after refreshAll()', () => {
  async function loaded(): Promise<ModelCatalog> {
    const catalog = catalogOf([
      adapter('groq', 'groq', serving('llama-3.3-70b-versatile', 'openai/gpt-oss-20b')),
      adapter('openai', 'openai', serving('gpt-4o', 'gpt-4o-mini')),
      adapter('openai-east', 'openai', serving('gpt-4o', 'o3')),
      adapter('vllm', 'vllm', serving('meta-llama/Llama-3-8b')),
    ]);
    await catalog.refreshAll();
    return catalog;
  }

  it('routes a bare model to the first instance, in name order, that serves it', async () => {
    const catalog = await loaded();
    assert.deepEqual(route(catalog, 'gpt-4o'), ['openai', 'gpt-4o']);
    assert.deepEqual(route(catalog, 'o3'), ['openai-east', 'o3']);
    assert.deepEqual(route(catalog, 'llama-3.3-70b-versatile'), ['groq', 'llama-3.3-70b-versatile']);
  });

  it('routes instance/model to that instance with the provider-local model ID', async () => {
    const catalog = await loaded();
    assert.deepEqual(route(catalog, 'openai-east/gpt-4o'), ['openai-east', 'gpt-4o']);
    assert.deepEqual(route(catalog, 'openai/gpt-4o'), ['openai', 'gpt-4o']);
  });

  it('routes type/model to the first instance of that type that serves the model', async () => {
    const catalog = catalogOf([adapter('east', 'openai', serving('gpt-4o')), adapter('west', 'openai', serving('gpt-4o', 'o3'))]);
    await catalog.refreshAll();
    assert.deepEqual(route(catalog, 'openai/gpt-4o'), ['east', 'gpt-4o']);
    assert.deepEqual(route(catalog, 'openai/o3'), ['west', 'o3']);
  });

  it('routes a model ID that contains a slash when its first segment is neither an instance nor a type', async () => {
    const catalog = await loaded();
    assert.deepEqual(route(catalog, 'meta-llama/Llama-3-8b'), ['vllm', 'meta-llama/Llama-3-8b']);
    assert.deepEqual(route(catalog, 'vllm/meta-llama/Llama-3-8b'), ['vllm', 'meta-llama/Llama-3-8b']);
  });

  it('reads a first segment that is a configured type as type/model, as GoModel does, so such IDs need their instance in front', async () => {
    const catalog = await loaded();
    assertNotFound(resolveError(catalog, 'openai/gpt-oss-20b'), 'openai/gpt-oss-20b');
    assert.deepEqual(route(catalog, 'groq/openai/gpt-oss-20b'), ['groq', 'openai/gpt-oss-20b']);
  });

  it('answers 404 model_not_found for instance/model when that instance does not serve the model', async () => {
    const catalog = await loaded();
    assertNotFound(resolveError(catalog, 'openai-east/gpt-4o-mini'), 'openai-east/gpt-4o-mini');
    assertNotFound(resolveError(catalog, 'openai/llama-3.3-70b-versatile'), 'openai/llama-3.3-70b-versatile');
  });

  it('answers 404 model_not_found naming the model for an unknown model', async () => {
    const catalog = await loaded();
    assertNotFound(resolveError(catalog, 'gpt-5'), 'gpt-5');
    assertNotFound(resolveError(catalog, 'unknown-org/some-model'), 'unknown-org/some-model');
  });

  it('answers 400 model is required for a missing, empty or non-string model', async () => {
    const catalog = await loaded();
    for (const selector of [undefined, '', '  ', 42]) {
      const error = resolveError(catalog, selector);
      assert.deepEqual(
        [error.status, error.toOpenAI()],
        [400, { error: { message: 'model is required', type: 'invalid_request_error', param: 'model', code: null } }],
      );
    }
  });
});

describe('ModelCatalog.resolve with an explicit provider', () => {
  async function loaded(): Promise<ModelCatalog> {
    const catalog = catalogOf([
      adapter('azure-eu', 'azure', serving('gpt-4o-deployment')),
      adapter('groq', 'groq', serving('gpt-4o')),
      adapter('openai', 'openai', serving('gpt-4o')),
      adapter('openai-east', 'openai', serving('gpt-4o', 'o3')),
    ]);
    await catalog.refreshAll();
    return catalog;
  }

  it('routes to the named instance, even when another instance comes first for the bare model', async () => {
    const catalog = await loaded();
    assert.deepEqual(route(catalog, 'gpt-4o'), ['groq', 'gpt-4o']);
    assert.deepEqual(route(catalog, 'gpt-4o', 'openai-east'), ['openai-east', 'gpt-4o']);
    assert.deepEqual(route(catalog, 'gpt-4o', 'openai'), ['openai', 'gpt-4o']);
  });

  it('routes a provider type to its first instance that serves the model', async () => {
    const catalog = await loaded();
    assert.deepEqual(route(catalog, 'gpt-4o-deployment', 'azure'), ['azure-eu', 'gpt-4o-deployment']);
  });

  it('falls back to the type when the instance named like it does not serve the model, as openai/o3 does without provider', async () => {
    const catalog = await loaded();
    assert.deepEqual(route(catalog, 'openai/o3'), ['openai-east', 'o3']);
    assert.deepEqual(route(catalog, 'o3', 'openai'), ['openai-east', 'o3']);
  });

  it('strips a provider/ prefix from the model', async () => {
    const catalog = await loaded();
    assert.deepEqual(route(catalog, 'openai-east/o3', 'openai-east'), ['openai-east', 'o3']);
    assert.deepEqual(route(catalog, 'groq/gpt-4o', 'groq'), ['groq', 'gpt-4o']);
  });

  it('answers 404 naming provider/model when the provider does not serve the model', async () => {
    const catalog = await loaded();
    assertNotFound(resolveError(catalog, 'o3', 'groq'), 'groq/o3');
  });

  it('answers 400 naming the configured providers for an unknown provider', async () => {
    const catalog = await loaded();
    const error = resolveError(catalog, 'gpt-4o', 'bedrock');
    assert.deepEqual(
      [error.status, error.toOpenAI()],
      [
        400,
        {
          error: {
            message: "provider 'bedrock' is not configured; configured providers: azure-eu, groq, openai, openai-east",
            type: 'invalid_request_error',
            param: 'provider',
            code: null,
          },
        },
      ],
    );
  });

  it('answers 400 for a provider that is not a non-empty string', async () => {
    const catalog = await loaded();
    for (const provider of ['', 7]) {
      const error = resolveError(catalog, 'gpt-4o', provider);
      assert.deepEqual([error.status, error.param, error.message], [400, 'provider', 'provider must be a provider name']);
    }
  });

  it('treats a null provider as absent', async () => {
    const catalog = await loaded();
    assert.deepEqual(route(catalog, 'gpt-4o', null), ['groq', 'gpt-4o']);
  });
});

describe('ModelCatalog while model lists are loading', () => {
  it('answers 503 model_inventory_loading with retry-after for an unknown model while a list is pending', async () => {
    let finish: (models: ModelObject[]) => void = () => undefined;
    const slow = adapter('slow', 'openai', () => new Promise<ModelObject[]>((resolve) => (finish = resolve)));
    const catalog = catalogOf([adapter('fast', 'groq', serving('llama-3.3-70b-versatile')), slow]);
    const refreshed = catalog.refreshAll();
    await new Promise<void>((resolve) => setImmediate(resolve));

    assert.deepEqual(route(catalog, 'llama-3.3-70b-versatile'), ['fast', 'llama-3.3-70b-versatile']);
    const error = resolveError(catalog, 'gpt-4o');
    assert.deepEqual(
      [error.status, error.headers, error.toOpenAI()],
      [
        503,
        { 'retry-after': '1' },
        {
          error: {
            message: "model 'gpt-4o' is not known yet: provider model lists are still loading; retry shortly",
            type: 'provider_error',
            param: null,
            code: 'model_inventory_loading',
          },
        },
      ],
    );

    finish([model('gpt-4o')]);
    await refreshed;
    assert.deepEqual(route(catalog, 'gpt-4o'), ['slow', 'gpt-4o']);
    assertNotFound(resolveError(catalog, 'gpt-5'), 'gpt-5');
  });

  it('answers 503 before refreshAll() has ever run', () => {
    const catalog = catalogOf([adapter('openai', 'openai', serving('gpt-4o'))]);
    assert.equal(resolveError(catalog, 'gpt-4o').status, 503);
  });

  it('routes instance/model to an instance whose list is still loading: its upstream decides', () => {
    const catalog = catalogOf([adapter('openai', 'openai', serving('gpt-4o'))]);
    assert.deepEqual(route(catalog, 'openai/gpt-5'), ['openai', 'gpt-5']);
    assert.deepEqual(route(catalog, 'gpt-5', 'openai'), ['openai', 'gpt-5']);
  });
});

describe('ModelCatalog when a model list fails', () => {
  it('still routes a qualified selector for the instance whose list failed', async () => {
    const catalog = catalogOf([
      adapter('local', 'ollama', failing('connect ECONNREFUSED')),
      adapter('openai', 'openai', serving('gpt-4o')),
    ]);
    await catalog.refreshAll();
    assert.deepEqual(route(catalog, 'local/llama3'), ['local', 'llama3']);
    assert.deepEqual(route(catalog, 'llama3', 'local'), ['local', 'llama3']);
    assertNotFound(resolveError(catalog, 'llama3'), 'llama3');
  });

  it('records the failure in the inventory', async () => {
    const catalog = catalogOf([adapter('local', 'ollama', failing('connect ECONNREFUSED'))]);
    await catalog.refreshAll();
    const [inventory] = catalog.inventory();
    assert.equal(inventory!.status, 'error');
    assert.equal(inventory!.source, undefined);
    assert.equal(inventory!.lastError, 'connect ECONNREFUSED');
    assert.equal(inventory!.models.size, 0);
    assert.ok(inventory!.lastAttemptAt instanceof Date);
    assert.equal(inventory!.lastSuccessAt, undefined);
  });

  it('keeps the previous inventory when a later refresh fails', async () => {
    const flaky = adapter('openai', 'openai', serving('gpt-4o', 'o3'));
    const catalog = catalogOf([flaky]);
    await catalog.refreshAll();
    const firstSuccess = catalog.inventory()[0]!.lastSuccessAt;

    flaky.answer(failing('HTTP 500'));
    await catalog.refreshAll();
    const [inventory] = catalog.inventory();
    assert.equal(inventory!.status, 'ready');
    assert.equal(inventory!.source, 'upstream');
    assert.equal(inventory!.lastError, 'HTTP 500');
    assert.equal(inventory!.lastSuccessAt, firstSuccess);
    assert.deepEqual([...inventory!.models.keys()], ['gpt-4o', 'o3']);
    assert.deepEqual(route(catalog, 'o3'), ['openai', 'o3']);
    assert.deepEqual(
      catalog.listModels().map((listed) => listed.id),
      ['openai/gpt-4o', 'openai/o3'],
    );
  });

  it('replaces the inventory when a later refresh succeeds', async () => {
    const changing = adapter('openai', 'openai', serving('gpt-4o'));
    const catalog = catalogOf([changing]);
    await catalog.refreshAll();
    changing.answer(serving('gpt-5'));
    await catalog.refreshAll();
    assert.deepEqual(route(catalog, 'gpt-5'), ['openai', 'gpt-5']);
    assertNotFound(resolveError(catalog, 'gpt-4o'), 'gpt-4o');
  });
});

describe('ModelCatalog configured model lists', () => {
  it('in fallback mode uses the upstream list when it has models', async () => {
    const openai = adapter('openai', 'openai', serving('gpt-4o'), ['configured-only']);
    const catalog = catalogOf([openai]);
    await catalog.refreshAll();
    assert.deepEqual(
      catalog.listModels().map((listed) => listed.id),
      ['openai/gpt-4o'],
    );
    assert.equal(catalog.inventory()[0]!.source, 'upstream');
  });

  it('in fallback mode uses the configured models when listing fails, noting why', async () => {
    const catalog = catalogOf([adapter('openai', 'openai', failing('HTTP 401'), ['gpt-4o', 'o3'])]);
    await catalog.refreshAll();
    const [inventory] = catalog.inventory();
    assert.deepEqual([inventory!.status, inventory!.source, inventory!.lastError], ['ready', 'configured', 'HTTP 401']);
    assert.deepEqual(route(catalog, 'o3'), ['openai', 'o3']);
  });

  it('in fallback mode uses the configured models when the upstream list is empty', async () => {
    const catalog = catalogOf([adapter('vllm', 'vllm', serving(), ['meta-llama/Llama-3-8b'])]);
    await catalog.refreshAll();
    const [inventory] = catalog.inventory();
    assert.deepEqual(
      [inventory!.status, inventory!.source, inventory!.lastError],
      ['ready', 'configured', 'the upstream model list is empty'],
    );
    assert.deepEqual(route(catalog, 'meta-llama/Llama-3-8b'), ['vllm', 'meta-llama/Llama-3-8b']);
  });

  it('in allowlist mode never calls listModels for a provider with configured models, and exposes exactly them', async () => {
    const listed = adapter('openai', 'openai', serving('gpt-4o', 'gpt-4o-mini', 'o3'), ['gpt-4o', 'o3']);
    const unlisted = adapter('groq', 'groq', serving('llama-3.3-70b-versatile'));
    const catalog = catalogOf([unlisted, listed], 'allowlist');
    await catalog.refreshAll();
    await catalog.refreshAll();
    assert.equal(listed.listCalls, 0);
    assert.equal(unlisted.listCalls, 2);
    assert.deepEqual(
      catalog.listModels().map((entry) => entry.id),
      ['groq/llama-3.3-70b-versatile', 'openai/gpt-4o', 'openai/o3'],
    );
    assertNotFound(resolveError(catalog, 'gpt-4o-mini'), 'gpt-4o-mini');
    assert.equal(catalog.inventory()[1]!.source, 'configured');
  });
});

describe('ModelCatalog.listModels', () => {
  it('lists every instance/model pair sorted by id, owned by the instance, with the upstream created time', async () => {
    const catalog = catalogOf([
      adapter('groq', 'groq', () =>
        Promise.resolve([{ ...model('llama-3.3-70b-versatile', 'Meta'), created: 1_733_447_754, active: true }]),
      ),
      adapter('openai', 'openai', serving('o3', 'gpt-4o')),
      adapter('openai-east', 'openai', serving('gpt-4o')),
      adapter('down', 'openai', failing('HTTP 503')),
    ]);
    await catalog.refreshAll();
    assert.deepEqual(catalog.listModels(), [
      { id: 'groq/llama-3.3-70b-versatile', object: 'model', created: 1_733_447_754, owned_by: 'groq' },
      { id: 'openai-east/gpt-4o', object: 'model', created: CREATED, owned_by: 'openai-east' },
      { id: 'openai/gpt-4o', object: 'model', created: CREATED, owned_by: 'openai' },
      { id: 'openai/o3', object: 'model', created: CREATED, owned_by: 'openai' },
    ]);
  });

  it('is empty before any list has been read', () => {
    assert.deepEqual(catalogOf([adapter('openai', 'openai', serving('gpt-4o'))]).listModels(), []);
  });
});
