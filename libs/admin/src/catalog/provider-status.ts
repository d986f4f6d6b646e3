// GoModel's provider health rules over our model inventories: a provider is as healthy as its last model listing.
import type { ProviderConfig } from '@modelgate/config';
import type { ProviderInventory } from '@modelgate/providers';

export type ProviderHealth = 'healthy' | 'degraded' | 'unhealthy';

interface Verdict {
  status: ProviderHealth;
  label: string;
  reason: string;
}

export function judgeInventory(inventory: ProviderInventory): Verdict {
  const count = inventory.models.size;
  if (inventory.status === 'loading') return { status: 'degraded', label: 'Starting', reason: 'the first model listing is still running' };
  if (inventory.lastError === undefined && count > 0) {
    return inventory.source === 'configured'
      ? { status: 'healthy', label: 'Healthy', reason: `${count} configured models` }
      : { status: 'healthy', label: 'Healthy', reason: `${count} models listed by the upstream` };
  }
  if (count > 0) return { status: 'degraded', label: 'Degraded', reason: `model listing failed; serving ${count} known models` };
  return { status: 'unhealthy', label: 'Unhealthy', reason: inventory.lastError ?? 'no models' };
}

export function overallHealth(statuses: ProviderHealth[]): ProviderHealth {
  if (statuses.length > 0 && statuses.every((status) => status === 'healthy')) return 'healthy';
  if (statuses.length > 0 && statuses.every((status) => status === 'unhealthy')) return 'unhealthy';
  return 'degraded';
}

const iso = (date: Date | undefined): string | null => date?.toISOString() ?? null;

/** One provider as GoModel's providers/status lists it; the API key is never part of it. */
export function toProviderStatusJson(inventory: ProviderInventory, config: ProviderConfig | undefined) {
  const verdict = judgeInventory(inventory);
  return {
    name: inventory.name,
    type: inventory.type,
    status: verdict.status,
    status_label: verdict.label,
    status_reason: verdict.reason,
    last_error: inventory.lastError ?? null,
    config: {
      name: inventory.name,
      type: inventory.type,
      base_url: config?.baseUrl ?? null,
      api_version: config?.apiVersion ?? null,
      models: config?.models ?? [],
    },
    runtime: {
      name: inventory.name,
      type: inventory.type,
      registered: true,
      registry_initialized: inventory.status !== 'loading',
      discovered_model_count: inventory.models.size,
      using_configured_models: inventory.source === 'configured',
      last_model_fetch_at: iso(inventory.lastAttemptAt),
      last_model_fetch_success_at: iso(inventory.lastSuccessAt),
      last_model_fetch_error: inventory.lastError ?? null,
    },
  };
}
