// Prometheus observer of request records. Metric names follow GoModel's so existing dashboards keep working.
import { Injectable, Optional, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { ProvidersConfig } from '@modelgate/config';
import { RequestRecords, type RequestRecord } from '@modelgate/core';
import { ProviderResilience, type BreakerState } from '@modelgate/resilience';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import { Counter as CounterMetric, Gauge, register, type Counter, type Histogram } from 'prom-client';
import { ResponseCacheOverview, type CacheLayerCounts } from '@modelgate/cache';
import type { Subscription } from 'rxjs';

export const REQUESTS_TOTAL = 'gomodel_requests_total';
export const REQUEST_DURATION = 'gomodel_request_duration_seconds';
export const UPSTREAM_ERRORS_TOTAL = 'gomodel_upstream_errors_total';
export const TOKENS_TOTAL = 'gomodel_tokens_total';
export const PRICE_UNKNOWN_TOTAL = 'gomodel_usage_price_unknown_total';
export const CIRCUIT_BREAKER_STATE = 'gomodel_circuit_breaker_state';
export const UPSTREAM_ATTEMPTS_TOTAL = 'gomodel_upstream_attempts_total';

/** GoModel's gauge values. */
const BREAKER_STATE_VALUES: Record<BreakerState, number> = { closed: 0, 'half-open': 1, open: 2 };

function tokenCount(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

@Injectable()
export class MetricsService implements OnModuleInit, OnModuleDestroy {
  private subscription: Subscription | undefined;

  constructor(
    private readonly records: RequestRecords,
    @InjectMetric(REQUESTS_TOTAL) private readonly requests: Counter<string>,
    @InjectMetric(REQUEST_DURATION) private readonly duration: Histogram<string>,
    @InjectMetric(UPSTREAM_ERRORS_TOTAL) private readonly upstreamErrors: Counter<string>,
    @InjectMetric(TOKENS_TOTAL) private readonly tokens: Counter<string>,
    @InjectMetric(PRICE_UNKNOWN_TOTAL) private readonly priceUnknown: Counter<string>,
    @InjectMetric(UPSTREAM_ATTEMPTS_TOTAL) private readonly attempts: Counter<string>,
    private readonly resilience: ProviderResilience,
    private readonly providers: ProvidersConfig,
    /** Absent while the response cache is off. */
    @Optional() private readonly cache?: ResponseCacheOverview,
  ) {}

  /** A request that used tokens of a model without a known price: its usage row has a null cost. */
  countPriceUnknown(provider: string, model: string): void {
    this.priceUnknown.inc({ provider, model });
  }

  onModuleInit(): void {
    this.subscription = this.records.records$.subscribe((record) => this.observe(record));
    const { resilience, providers } = this;
    // Read at scrape time, so the gauge is the breaker's state now; instances without a breaker have no series.
    new Gauge({
      name: CIRCUIT_BREAKER_STATE,
      help: 'Circuit breaker state per provider instance (0=closed, 1=half-open, 2=open)',
      labelNames: ['provider'],
      collect() {
        const states = resilience.breakerStates();
        for (const { name } of providers.instances) {
          if (resilience.settingsFor(name).circuitBreaker.failureThreshold === 0) continue;
          this.set({ provider: name }, BREAKER_STATE_VALUES[states.get(name)?.state ?? 'closed']);
        }
      },
    });
    if (this.cache) countCacheLayers(this.cache);
  }

  /** The registry is process-wide: an app that closes leaves it empty for the next one (tests, reloads). */
  onModuleDestroy(): void {
    this.subscription?.unsubscribe();
    register.clear();
  }

  private observe(record: RequestRecord): void {
    const provider = record.provider ?? 'none';
    const model = record.model ?? 'unknown';
    const stream = record.stream ? 'true' : 'false';
    const status = String(record.status);
    this.requests.inc({
      provider,
      model,
      endpoint: record.endpoint,
      status_code: status,
      status_type: record.status < 400 ? 'success' : 'error',
      stream,
    });
    this.duration.observe({ provider, model, endpoint: record.endpoint, stream }, record.durationMs / 1000);
    if (record.status >= 500 || (record.upstreamStatus !== undefined && record.upstreamStatus >= 400)) {
      this.upstreamErrors.inc({ provider, model, endpoint: record.endpoint, status_code: String(record.upstreamStatus ?? record.status) });
    }
    for (const attempt of record.attempts) {
      // GoModel's label for an answer without an HTTP status (unreachable, timed out).
      const status = attempt.status === undefined ? 'network_error' : String(attempt.status);
      this.attempts.inc({ provider: attempt.provider, model: attempt.model, status });
    }
    const input = tokenCount(record.usage?.prompt_tokens);
    const output = tokenCount(record.usage?.completion_tokens);
    if (input !== undefined) this.tokens.inc({ provider, model, endpoint: record.endpoint, type: 'input' }, input);
    if (output !== undefined) this.tokens.inc({ provider, model, endpoint: record.endpoint, type: 'output' }, output);
  }
}

const CACHE_COUNTERS: readonly { name: string; help: string; read: (counts: CacheLayerCounts) => number }[] = [
  { name: 'gomodel_cache_hits_total', help: 'Response cache hits per layer', read: (counts) => counts.hits },
  { name: 'gomodel_cache_misses_total', help: 'Response cache misses per layer', read: (counts) => counts.misses },
  { name: 'gomodel_cache_stores_total', help: 'Answers stored per response cache layer', read: (counts) => counts.stores },
  { name: 'gomodel_cache_errors_total', help: 'Response cache backend failures per layer (each a miss)', read: (counts) => counts.errors },
  { name: 'gomodel_cache_evictions_total', help: 'Entries evicted to stay within bounds per layer', read: (counts) => counts.evictions },
];

/** The cache layers' own counts, read at scrape time (they count whether or not metrics are on). */
function countCacheLayers(cache: ResponseCacheOverview): void {
  for (const { name, help, read } of CACHE_COUNTERS) {
    new CounterMetric({
      name,
      help,
      labelNames: ['layer'],
      collect() {
        this.reset();
        for (const counts of cache.layerCounts()) this.inc({ layer: counts.layer }, read(counts));
      },
    });
  }
}
