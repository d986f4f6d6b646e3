// Which provider instance serves which model. Inventories are read from each upstream's /models at start-up (in
// parallel, without holding start-up back) and on a timer; selectors resolve with GoModel's precedence, after the
// routing rules (aliases, model access per user path) that RoutingRulesService keeps current.
import { Inject, Injectable, Logger, Optional, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { HttpConfig, ModelsConfig } from '@modelgate/config';
import { GatewayError, parseModelSelector, type ModelObject, type RequestContext } from '@modelgate/core';
import type { ProviderAdapter } from './provider-adapter.js';
import { InstancePrices, InstanceRouter } from './routing/instance-router.js';
import { userPathWithin } from './routing/model-access.js';
import { previewRedirect, resolveRedirect, type RedirectResolver } from './routing/resolve-redirect.js';
import { mergeVirtualModels, RoutingRules, type Redirect, type RedirectTarget } from './routing/routing-rules.js';
import type { ServingInstances } from './routing/serving-instances.js';

export const PROVIDER_ADAPTERS = Symbol('PROVIDER_ADAPTERS');

export type InventoryStatus = 'loading' | 'ready' | 'error';

export interface ProviderInventory {
  name: string;
  type: string;
  status: InventoryStatus;
  /** Where the models came from: the upstream list, or the configured `<PROVIDER>_MODELS`. */
  source: 'upstream' | 'configured' | undefined;
  models: ReadonlyMap<string, ModelObject>;
  lastError: string | undefined;
  lastAttemptAt: Date | undefined;
  lastSuccessAt: Date | undefined;
}

export interface ResolvedModel {
  adapter: ProviderAdapter;
  /** The provider-local model ID sent upstream. */
  model: string;
  /** The alias (virtual model) the client named, when the model came from one. */
  alias?: string;
  /**
   * A virtual model's other targets that can be served now, in the order to try them: its failover chain (the
   * pipeline's plan puts them after this one). Entries the caller may not use are left out.
   */
  chain?: readonly ResolvedModel[];
}

const MAX_LIST_TIMEOUT_MS = 30_000;

@Injectable()
export class ModelCatalog implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ModelCatalog.name);
  private readonly inventories = new Map<string, ProviderInventory>();
  private readonly byName = new Map<string, ProviderAdapter>();
  /** Model ID -> the instances that list it; `type -> model ID ->` the instances of that type that list it. */
  private bareIndex = new Map<string, ServingInstances>();
  private typeIndex = new Map<string, Map<string, ServingInstances>>();
  private timer: NodeJS.Timeout | undefined;
  private firstLoad: Promise<void> = Promise.resolve();
  private readonly startedAt = Math.floor(Date.now() / 1000);
  /** Until the stores are read: the declared virtual models (config.yaml, VIRTUAL_MODELS), no overrides. */
  private rules: RoutingRules;
  /** How redirects see the inventory: a target resolves like a selector, or is skipped. */
  private readonly redirectResolver: RedirectResolver<ResolvedModel> = {
    concrete: (target) => this.resolveTarget(target),
    price: (resolved) => this.prices?.priceOf(resolved.adapter.config, resolved.model),
  };

  constructor(
    @Inject(PROVIDER_ADAPTERS) private readonly adapters: ProviderAdapter[],
    private readonly modelsConfig: ModelsConfig,
    private readonly http: HttpConfig,
    private readonly router: InstanceRouter = new InstanceRouter(modelsConfig),
    /** Prices for the `cost` strategy of virtual models. */
    @Optional() private readonly prices?: InstancePrices,
  ) {
    this.rules = RoutingRules.of(mergeVirtualModels(modelsConfig.virtualModels, []), [], modelsConfig.enabledByDefault);
    for (const adapter of adapters) {
      this.byName.set(adapter.config.name, adapter);
      this.inventories.set(adapter.config.name, {
        name: adapter.config.name,
        type: adapter.config.type,
        status: 'loading',
        source: undefined,
        models: new Map(),
        lastError: undefined,
        lastAttemptAt: undefined,
        lastSuccessAt: undefined,
      });
    }
  }

  onApplicationBootstrap(): void {
    this.firstLoad = this.refreshAll().catch((err: unknown) => this.logger.error(`model inventory refresh failed: ${String(err)}`));
    this.timer = setInterval(() => {
      this.refreshAll().catch((err: unknown) => this.logger.error(`model inventory refresh failed: ${String(err)}`));
    }, this.modelsConfig.refreshIntervalMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await Promise.allSettled(this.adapters.map((adapter) => adapter.close()));
  }

  /** Resolves when every provider's first model list has been read or has failed. */
  whenLoaded(): Promise<void> {
    return this.firstLoad;
  }

  /** Reads every provider's model list in parallel; resolves when all have answered or failed. */
  async refreshAll(): Promise<void> {
    await Promise.allSettled(this.adapters.map((adapter) => this.refresh(adapter)));
  }

  inventory(): ProviderInventory[] {
    return [...this.inventories.values()];
  }

  /** Swaps in the routing rules every later resolution applies. */
  useRules(rules: RoutingRules): void {
    this.rules = rules;
  }

  routingRules(): RoutingRules {
    return this.rules;
  }

  instanceNames(): ReadonlySet<string> {
    return new Set(this.byName.keys());
  }

  /**
   * What a caller with `userPath` may use, as GoModel lists it: every (instance, model) pair as `instance/model`,
   * owned by the instance, then each enabled alias whose target resolves (owned by the target's instance), sorted by ID.
   * KEEP_ONLY_ALIASES_AT_MODELS_ENDPOINT leaves the aliases only.
   */
  listModels(userPath?: string): ModelObject[] {
    const byId = new Map<string, ModelObject>();
    const { access } = this.rules;
    if (!this.modelsConfig.keepOnlyAliasesAtModelsEndpoint) {
      for (const inventory of this.inventories.values()) {
        for (const model of inventory.models.values()) {
          if (!access.allows(inventory.name, model.id, userPath)) continue;
          const id = `${inventory.name}/${model.id}`;
          byId.set(id, { id, object: 'model', created: model.created, owned_by: inventory.name });
        }
      }
    }
    for (const redirect of this.rules.enabledRedirects()) {
      if (!this.mayName(redirect, userPath)) continue;
      const target = this.previewRedirect(redirect);
      if (target === undefined || !access.allows(target.adapter.config.name, target.model, userPath)) continue;
      const listed = this.inventories.get(target.adapter.config.name)!.models.get(target.model);
      byId.set(redirect.source, {
        id: redirect.source,
        object: 'model',
        created: listed?.created ?? this.startedAt,
        owned_by: target.adapter.config.name,
      });
    }
    return [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  /**
   * resolveSelector() after the routing rules: an enabled alias named by the raw `model` (not when `provider` is given)
   * stands for its target, and the caller's user path must be allowed to use the result (else GoModel's 400
   * model_access_denied; no user path counts as `/`).
   */
  resolve(model: unknown, provider?: unknown, userPath?: string): ResolvedModel {
    const target = this.target(model, provider, userPath);
    this.assertAccess(target, userPath);
    return this.allowedChain(target, userPath);
  }

  /**
   * resolve() for a request being served: records on the request context what was asked for and who serves it,
   * which the request record (metrics, usage, audit) reports when the response closes; a refused model is recorded too.
   */
  route(ctx: RequestContext, endpoint: string, model: unknown, provider?: unknown): ResolvedModel {
    ctx.endpoint = endpoint;
    if (typeof model === 'string') ctx.requestedModel = model;
    const target = this.target(model, provider, ctx.userPath);
    ctx.provider = target.adapter.config.name;
    ctx.providerType = target.adapter.config.type;
    ctx.model = target.model;
    this.assertAccess(target, ctx.userPath);
    this.router.routed(target.model);
    return this.allowedChain(target, ctx.userPath);
  }

  /**
   * `gpt-4o` (of the instances that serve it, ROUTING_STRATEGY's choice: the first by name by default),
   * `openai-east/gpt-4o` (instance name), `openai/gpt-4o` (type: the choice among its instances that serve it),
   * `meta-llama/Llama-3` (a model ID with a slash). `provider` is GoModel's explicit routing field. No aliases, no
   * access rules: what a selector names.
   */
  resolveSelector(model: unknown, provider?: unknown): ResolvedModel {
    if (typeof model !== 'string' || model.trim() === '') throw GatewayError.badRequest('model is required', { param: 'model' });
    if (provider !== undefined && provider !== null) return this.resolveExplicit(model, provider);
    const selector = parseModelSelector(model);
    if (selector.prefix !== undefined) {
      const named = this.byName.get(selector.prefix);
      if (named && this.serves(named, selector.rest)) return { adapter: named, model: selector.rest };
      const typed = this.typeIndex.get(selector.prefix)?.get(selector.rest);
      if (typed) return { adapter: typed.choose(), model: selector.rest };
      // An instance named explicitly whose list is not known yet still gets the request: its upstream decides.
      if (named && this.inventories.get(named.config.name)!.status !== 'ready') return { adapter: named, model: selector.rest };
      if (named || this.adapters.some((adapter) => adapter.config.type === selector.prefix)) throw this.unknownModel(model);
    }
    const bare = this.bareIndex.get(model);
    if (bare) return { adapter: bare.choose(), model };
    throw this.unknownModel(model);
  }

  /**
   * The instances whose lists hold the model ID, in ROUTING_STRATEGY's order of preference now (those whose breaker
   * is open last); empty when none does. Like every lookup but route(), it takes no round-robin turn.
   */
  instancesServing(model: string): ProviderAdapter[] {
    return this.bareIndex.get(model)?.ranked() ?? [];
  }

  /**
   * The target a redirect's strategy chooses, with the other servable targets as its chain, or undefined when none
   * can be served now: a virtual model whose targets are all gone is not applied, and the request goes on with the
   * name as sent (GoModel). Moves the round-robin rotation: for serving a request only.
   */
  followRedirect(redirect: Redirect): ResolvedModel | undefined {
    const targets = resolveRedirect(redirect, this.redirectResolver);
    if (targets.length === 0) return undefined;
    // Literals, not spreads: V8's object spread costs ~0.7 µs here, a literal nothing.
    const alias = redirect.source;
    const { adapter, model } = targets[0]!;
    if (targets.length === 1) return { adapter, model, alias };
    return { adapter, model, alias, chain: targets.slice(1).map((entry) => ({ adapter: entry.adapter, model: entry.model, alias })) };
  }

  /** The first servable target of a redirect in the order listed (what lists and admin views show); no rotation moves. */
  previewRedirect(redirect: Redirect): ResolvedModel | undefined {
    return previewRedirect(redirect, this.redirectResolver);
  }

  private resolveTarget(target: RedirectTarget): ResolvedModel | undefined {
    try {
      return this.resolveSelector(target.model, target.provider ?? undefined);
    } catch {
      // Not resolvable now (unknown model, provider list still loading, provider not registered): skipped.
      return undefined;
    }
  }

  private target(model: unknown, provider: unknown, userPath: string | undefined): ResolvedModel {
    if (typeof model === 'string' && (provider === undefined || provider === null)) {
      const redirect = this.rules.redirect(model);
      if (redirect !== undefined && !this.mayName(redirect, userPath)) throw this.rules.access.refusal();
      const target = redirect === undefined ? undefined : this.followRedirect(redirect);
      if (target !== undefined) return target;
    }
    return this.resolveSelector(model, provider);
  }

  /** A virtual model's user_paths: who may send its source name (each path with its subtree); none listed: everyone. */
  private mayName(redirect: Redirect, userPath: string | undefined): boolean {
    if (redirect.userPaths.length === 0) return true;
    const path = userPath ?? '/';
    return redirect.userPaths.some((granted) => userPathWithin(path, granted));
  }

  /** The chain without the entries the caller may not use (the first target's refusal is the request's answer). */
  private allowedChain(target: ResolvedModel, userPath: string | undefined): ResolvedModel {
    const { chain } = target;
    if (chain === undefined || this.rules.access.open) return target;
    const allowed = chain.filter((entry) => this.rules.access.allows(entry.adapter.config.name, entry.model, userPath));
    return allowed.length === chain.length ? target : { adapter: target.adapter, model: target.model, alias: target.alias, chain: allowed };
  }

  private assertAccess(target: ResolvedModel, userPath: string | undefined): void {
    const denial = this.rules.access.denial(target.adapter.config.name, target.model, userPath);
    if (denial !== undefined) throw denial;
  }

  private resolveExplicit(model: string, provider: unknown): ResolvedModel {
    if (typeof provider !== 'string' || provider === '')
      throw GatewayError.badRequest('provider must be a provider name', { param: 'provider' });
    // The instance with that name first, then every instance of that type.
    const named = this.byName.get(provider);
    const candidates = [
      ...(named ? [named] : []),
      ...this.adapters.filter((adapter) => adapter !== named && adapter.config.type === provider),
    ];
    if (candidates.length === 0) {
      throw GatewayError.badRequest(
        `provider '${provider}' is not configured; configured providers: ${[...this.byName.keys()].join(', ') || 'none'}`,
        {
          param: 'provider',
        },
      );
    }
    const id = model.startsWith(`${provider}/`) ? model.slice(provider.length + 1) : model;
    if (named && this.serves(named, id)) return { adapter: named, model: id };
    const typed = this.typeIndex.get(provider)?.get(id);
    if (typed) return { adapter: typed.choose(), model: id };
    const first = candidates[0]!;
    if (this.inventories.get(first.config.name)!.status !== 'ready') return { adapter: first, model: id };
    throw this.unknownModel(`${provider}/${id}`);
  }

  private unknownModel(model: string): GatewayError {
    if ([...this.inventories.values()].some((inventory) => inventory.status === 'loading')) {
      return GatewayError.unavailable(`model '${model}' is not known yet: provider model lists are still loading; retry shortly`, {
        code: 'model_inventory_loading',
        headers: { 'retry-after': '1' },
      });
    }
    return GatewayError.notFound(`model '${model}' is not served by any configured provider; GET /v1/models lists the models you can use`, {
      param: 'model',
      code: 'model_not_found',
    });
  }

  private serves(adapter: ProviderAdapter, model: string): boolean {
    return this.inventories.get(adapter.config.name)!.models.has(model);
  }

  private async refresh(adapter: ProviderAdapter): Promise<void> {
    const { config } = adapter;
    const inventory = this.inventories.get(config.name)!;
    inventory.lastAttemptAt = new Date();
    const configured = config.models;
    if (this.modelsConfig.configuredProviderModelsMode === 'allowlist' && configured.length > 0) {
      this.settle(inventory, this.configuredModels(configured, inventory.models), 'configured', undefined);
      return;
    }
    try {
      const listed = await adapter.listModels(AbortSignal.timeout(Math.min(this.http.timeoutMs, MAX_LIST_TIMEOUT_MS)));
      if (listed.length > 0) {
        this.settle(inventory, new Map(listed.map((model) => [model.id, model])), 'upstream', undefined);
        return;
      }
      this.fallBack(inventory, configured, 'the upstream model list is empty');
    } catch (err) {
      this.fallBack(inventory, configured, err instanceof Error ? err.message : String(err));
    }
  }

  private fallBack(inventory: ProviderInventory, configured: string[], reason: string): void {
    if (configured.length > 0) {
      this.settle(inventory, this.configuredModels(configured, inventory.models), 'configured', reason);
      return;
    }
    this.logger.warn(`provider '${inventory.name}': could not list models (${reason})`);
    inventory.lastError = reason;
    // A failed refresh keeps what an earlier one found.
    if (inventory.models.size === 0) inventory.status = 'error';
    this.rebuildIndex();
  }

  private configuredModels(ids: string[], known: ReadonlyMap<string, ModelObject>): Map<string, ModelObject> {
    return new Map(
      ids.map((id) => [id, known.get(id) ?? { id, object: 'model' as const, created: this.startedAt, owned_by: 'configured' }]),
    );
  }

  private settle(
    inventory: ProviderInventory,
    models: Map<string, ModelObject>,
    source: 'upstream' | 'configured',
    error: string | undefined,
  ): void {
    inventory.models = models;
    inventory.source = source;
    inventory.status = 'ready';
    inventory.lastError = error;
    inventory.lastSuccessAt = new Date();
    this.rebuildIndex();
  }

  /** Instances are sorted by name (ProvidersConfig), so each list is too: `first` takes its head. */
  private rebuildIndex(): void {
    const bare = new Map<string, ProviderAdapter[]>();
    const byType = new Map<string, Map<string, ProviderAdapter[]>>();
    for (const adapter of this.adapters) {
      let typed = byType.get(adapter.config.type);
      if (typed === undefined) byType.set(adapter.config.type, (typed = new Map()));
      for (const id of this.inventories.get(adapter.config.name)!.models.keys()) {
        appendTo(bare, id, adapter);
        appendTo(typed, id, adapter);
      }
    }
    this.bareIndex = this.servingIndex(bare);
    this.typeIndex = new Map([...byType].map(([type, models]) => [type, this.servingIndex(models)]));
  }

  private servingIndex(lists: Map<string, ProviderAdapter[]>): Map<string, ServingInstances> {
    return new Map([...lists].map(([id, instances]) => [id, this.router.serving(instances, id)]));
  }
}

function appendTo<K, V>(lists: Map<K, V[]>, key: K, value: V): void {
  const list = lists.get(key);
  if (list === undefined) lists.set(key, [value]);
  else list.push(value);
}
