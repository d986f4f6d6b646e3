import { Module, type DynamicModule } from '@nestjs/common';
import type { MetricsConfig } from '@modelgate/config';
import { makeCounterProvider, makeHistogramProvider, PrometheusModule } from '@willsoto/nestjs-prometheus';
import {
  MetricsService,
  PRICE_UNKNOWN_TOTAL,
  REQUEST_DURATION,
  REQUESTS_TOTAL,
  TOKENS_TOTAL,
  UPSTREAM_ATTEMPTS_TOTAL,
  UPSTREAM_ERRORS_TOTAL,
} from './metrics.service.js';

const MODEL_LABELS = ['provider', 'model', 'endpoint'];

/**
 * Serves Prometheus metrics at METRICS_ENDPOINT (no auth), fed by request records. Global so the composition root can
 * feed counters that other libs own the facts for (the price-unknown count from usage pricing).
 */
@Module({})
export class MetricsModule {
  static forRoot(config: MetricsConfig): DynamicModule {
    return {
      module: MetricsModule,
      global: true,
      imports: [PrometheusModule.register({ path: config.endpoint, defaultMetrics: { enabled: true } })],
      providers: [
        makeCounterProvider({
          name: REQUESTS_TOTAL,
          help: 'Model requests by provider, model, endpoint, status and streaming',
          labelNames: [...MODEL_LABELS, 'status_code', 'status_type', 'stream'],
        }),
        makeHistogramProvider({
          name: REQUEST_DURATION,
          help: 'Model request duration in seconds (streams: until the last chunk)',
          labelNames: [...MODEL_LABELS, 'stream'],
          buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 120],
        }),
        makeCounterProvider({
          name: UPSTREAM_ERRORS_TOTAL,
          help: 'Upstream failures (upstream HTTP errors, unreachable or timed-out providers)',
          labelNames: [...MODEL_LABELS, 'status_code'],
        }),
        makeCounterProvider({ name: TOKENS_TOTAL, help: 'Tokens reported by providers', labelNames: [...MODEL_LABELS, 'type'] }),
        makeCounterProvider({
          name: PRICE_UNKNOWN_TOTAL,
          help: 'Requests that used tokens of a model with no known price (their usage rows have a null cost)',
          labelNames: ['provider', 'model'],
        }),
        makeCounterProvider({
          name: UPSTREAM_ATTEMPTS_TOTAL,
          help: 'Provider calls (each retry and failover counts) by provider instance, model and upstream status',
          labelNames: ['provider', 'model', 'status'],
        }),
        MetricsService,
      ],
      exports: [MetricsService],
    };
  }
}
