// Answers providers/status, models and models/categories from the model catalog's inventories.
import { Injectable } from '@nestjs/common';
import { ProvidersConfig } from '@modelgate/config';
import { InstanceRouter, ModelCatalog, scopeOf } from '@modelgate/providers';
import { ProviderResilience } from '@modelgate/resilience';
import { categoriesOf, MODEL_CATEGORIES, type ModelCategory } from './model-category.js';
import { overallHealth, toProviderStatusJson } from './provider-status.js';

@Injectable()
export class CatalogReportService {
  constructor(
    private readonly catalog: ModelCatalog,
    private readonly providers: ProvidersConfig,
    private readonly resilience: ProviderResilience,
    private readonly router: InstanceRouter,
  ) {}

  providerStatus() {
    const breakers = this.resilience.breakerStates();
    const providers = this.catalog.inventory().map((inventory) =>
      toProviderStatusJson(
        inventory,
        this.providers.instances.find((instance) => instance.name === inventory.name),
        { settings: this.resilience.settingsFor(inventory.name), breaker: breakers.get(inventory.name) },
        this.router.averageTimeToFirstByteMs(inventory.name),
      ),
    );
    const count = (status: string) => providers.filter((provider) => provider.status === status).length;
    return {
      summary: {
        total: providers.length,
        healthy: count('healthy'),
        degraded: count('degraded'),
        unhealthy: count('unhealthy'),
        overall_status: overallHealth(providers.map((provider) => provider.status)),
      },
      providers,
    };
  }

  /**
   * Every (instance, model) pair, sorted by selector, optionally of one category, with who may use it (`access`) and
   * the enabled aliases that resolve to it. With a user path (the header, or the managed key's), only the models that
   * path may use.
   */
  models(category: ModelCategory = 'all', userPath?: string) {
    const { access } = this.catalog.routingRules();
    const aliases = this.aliasesByTarget();
    const rows = this.catalog.inventory().flatMap((inventory) =>
      [...inventory.models.values()]
        .filter((model) => userPath === undefined || access.allows(inventory.name, model.id, userPath))
        .map((model) => {
          const selector = `${inventory.name}/${model.id}`;
          const override = access.overrideFor(inventory.name, model.id);
          return {
            model: { id: model.id, object: model.object, owned_by: model.owned_by, created: model.created },
            provider_type: inventory.type,
            provider_name: inventory.name,
            selector,
            categories: categoriesOf(model.id),
            aliases: aliases.get(selector) ?? [],
            access: {
              selector,
              default_enabled: access.enabledByDefault,
              // For the caller's path when there is one; else whether anyone may use it.
              effective_enabled:
                userPath !== undefined ? true : override === undefined ? access.enabledByDefault : override.userPaths.length > 0,
              user_paths: override?.userPaths ?? [],
              ...(override === undefined
                ? {}
                : { override: { selector: override.selector, scope_kind: scopeOf(override), user_paths: override.userPaths } }),
            },
          };
        }),
    );
    return rows
      .filter((row) => category === 'all' || row.categories.includes(category))
      .sort((a, b) => (a.selector < b.selector ? -1 : a.selector > b.selector ? 1 : 0));
  }

  /** `instance/model` → the names of the enabled aliases (virtual models) whose first servable target it is now. */
  private aliasesByTarget(): Map<string, string[]> {
    const byTarget = new Map<string, string[]>();
    for (const redirect of this.catalog.routingRules().enabledRedirects()) {
      const target = this.catalog.previewRedirect(redirect);
      if (target === undefined) continue;
      const selector = `${target.adapter.config.name}/${target.model}`;
      byTarget.set(selector, [...(byTarget.get(selector) ?? []), redirect.source]);
    }
    return byTarget;
  }

  /** GoModel's fixed order; a model in two categories counts in each. */
  categories() {
    const rows = this.models();
    return MODEL_CATEGORIES.map(({ category, display_name }) => ({
      category,
      display_name,
      count: category === 'all' ? rows.length : rows.filter((row) => row.categories.includes(category)).length,
    }));
  }
}
