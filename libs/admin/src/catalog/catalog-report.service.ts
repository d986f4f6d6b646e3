// Answers providers/status, models and models/categories from the model catalog's inventories.
import { Injectable } from '@nestjs/common';
import { ProvidersConfig } from '@modelgate/config';
import { ModelCatalog } from '@modelgate/providers';
import { ProviderResilience } from '@modelgate/resilience';
import { categoriesOf, MODEL_CATEGORIES, type ModelCategory } from './model-category.js';
import { overallHealth, toProviderStatusJson } from './provider-status.js';

@Injectable()
export class CatalogReportService {
  constructor(
    private readonly catalog: ModelCatalog,
    private readonly providers: ProvidersConfig,
    private readonly resilience: ProviderResilience,
  ) {}

  providerStatus() {
    const breakers = this.resilience.breakerStates();
    const providers = this.catalog.inventory().map((inventory) =>
      toProviderStatusJson(
        inventory,
        this.providers.instances.find((instance) => instance.name === inventory.name),
        { settings: this.resilience.settingsFor(inventory.name), breaker: breakers.get(inventory.name) },
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

  /** Every (instance, model) pair, sorted by selector, optionally of one category. */
  models(category: ModelCategory = 'all') {
    const rows = this.catalog.inventory().flatMap((inventory) =>
      [...inventory.models.values()].map((model) => ({
        model: { id: model.id, object: model.object, owned_by: model.owned_by, created: model.created },
        provider_type: inventory.type,
        provider_name: inventory.name,
        selector: `${inventory.name}/${model.id}`,
        categories: categoriesOf(model.id),
      })),
    );
    return rows
      .filter((row) => category === 'all' || row.categories.includes(category))
      .sort((a, b) => (a.selector < b.selector ? -1 : a.selector > b.selector ? 1 : 0));
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
