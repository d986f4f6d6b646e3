// GoModel's provider health rules over our model inventories and circuit breakers: a provider is as healthy as its
// last model listing, and degraded while its breaker is open or half-open.
import type { ProviderConfig, ResilienceSettings } from '@modelgate/config';
import type { ProviderInventory } from '@modelgate/providers';
import type { BreakerSnapshot } from '@modelgate/resilience';

export type ProviderHealth = 'healthy' | 'degraded' | 'unhealthy';

interface Verdict {
  status: ProviderHealth;
  label: string;
  reason: string;
}

/** An open or half-open breaker degrades a provider whose models are known; one without models stays unhealthy. */
export function judgeProvider(inventory: ProviderInventory, breaker: BreakerSnapshot | undefined): Verdict {
  const verdict = judgeInventory(inventory);
  if (breaker === undefined || breaker.state === 'closed' || verdict.status === 'unhealthy') return verdict;
  return breaker.state === 'open'
    ? {
        status: 'degraded',
        label: 'Circuit open',
        reason: `circuit breaker open after ${breaker.consecutiveFailures} consecutive failures`,
      }
    : { status: 'degraded', label: 'Recovering', reason: 'circuit breaker half-open: probing the provider' };
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

const iso = (date: Date | null | undefined): string | null => date?.toISOString() ?? null;

/** A Go duration string, as config.yaml takes it: 1s, 500ms, 30s. */
function goDuration(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}

function resilienceJson({ retry, circuitBreaker }: ResilienceSettings) {
  return {
    retry: {
      max_retries: retry.maxRetries,
      initial_backoff: goDuration(retry.initialBackoffMs),
      max_backoff: goDuration(retry.maxBackoffMs),
      backoff_factor: retry.backoffFactor,
      jitter_factor: retry.jitterFactor,
    },
    circuit_breaker: {
      failure_threshold: circuitBreaker.failureThreshold,
      success_threshold: circuitBreaker.successThreshold,
      timeout: goDuration(circuitBreaker.timeoutMs),
    },
  };
}

/** The breaker of an instance that has not served a request yet is closed; null when the instance has none. */
function breakerJson(settings: ResilienceSettings, breaker: BreakerSnapshot | undefined) {
  if (settings.circuitBreaker.failureThreshold === 0) return null;
  return {
    state: breaker?.state ?? 'closed',
    consecutive_failures: breaker?.consecutiveFailures ?? 0,
    half_open_successes: breaker?.halfOpenSuccesses ?? 0,
    opened_at: iso(breaker?.openedAt),
  };
}

export interface ProviderResilienceState {
  settings: ResilienceSettings;
  breaker: BreakerSnapshot | undefined;
}

/**
 * One provider as GoModel's providers/status lists it; the API key is never part of it. `averageTimeToFirstByteMs` is
 * ROUTING_STRATEGY=least_latency's moving average (ms, one decimal), null before an answer and under other strategies.
 */
export function toProviderStatusJson(
  inventory: ProviderInventory,
  config: ProviderConfig | undefined,
  resilience: ProviderResilienceState,
  averageTimeToFirstByteMs?: number,
) {
  const verdict = judgeProvider(inventory, resilience.breaker);
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
      resilience: resilienceJson(resilience.settings),
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
      circuit_breaker: breakerJson(resilience.settings, resilience.breaker),
      average_time_to_first_byte_ms:
        averageTimeToFirstByteMs !== undefined && Number.isFinite(averageTimeToFirstByteMs)
          ? Math.round(averageTimeToFirstByteMs * 10) / 10
          : null,
    },
  };
}
