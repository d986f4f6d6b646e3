// GET /admin/cache/overview's numbers: per layer what its store holds now and what it counted since start, and
// GoModel's summary of the hits.
import { Injectable } from '@nestjs/common';
import { ExactCacheLayer } from './exact-cache-layer.service.js';

export interface CacheLayerOverview {
  layer: string;
  backend: 'embedded' | 'redis';
  /** Whether the backend answers now; entries and bytes are null while it does not. */
  available: boolean;
  entries: number | null;
  bytes: number | null;
  hits: number;
  misses: number;
  hit_rate: number;
  stores: number;
  errors: number;
  dropped_stores: number;
  evictions: number;
  input_tokens_saved: number;
  output_tokens_saved: number;
  cost_saved: number;
}

export interface CacheLayerCounts {
  layer: string;
  hits: number;
  misses: number;
  stores: number;
  errors: number;
  evictions: number;
}

export interface CacheOverview {
  summary: {
    total_hits: number;
    exact_hits: number;
    semantic_hits: number;
    total_input_tokens: number;
    total_output_tokens: number;
    total_tokens: number;
    total_saved_cost: number;
  };
  layers: CacheLayerOverview[];
}

@Injectable()
export class ResponseCacheOverview {
  constructor(private readonly exact: ExactCacheLayer) {}

  async overview(): Promise<CacheOverview> {
    const layers = [await this.layerOverview(this.exact)];
    const sum = (field: 'hits' | 'input_tokens_saved' | 'output_tokens_saved' | 'cost_saved'): number =>
      layers.reduce((total, layer) => total + layer[field], 0);
    const input = sum('input_tokens_saved');
    const output = sum('output_tokens_saved');
    return {
      summary: {
        total_hits: sum('hits'),
        exact_hits: this.exact.stats.hits,
        semantic_hits: 0,
        total_input_tokens: input,
        total_output_tokens: output,
        total_tokens: input + output,
        total_saved_cost: sum('cost_saved'),
      },
      layers,
    };
  }

  /** Whether each layer's backend answers now (readiness): the embedded store always does, Redis while connected. */
  backends(): { layer: string; backend: 'embedded' | 'redis'; available: boolean; errors: number }[] {
    const { backend, stats } = this.exact;
    return [{ layer: stats.layer, backend: backend.kind, available: backend.available, errors: stats.errors }];
  }

  /** Every layer's counters since start, for the Prometheus collectors (read at scrape time). */
  layerCounts(): CacheLayerCounts[] {
    const { stats, backend } = this.exact;
    return [
      {
        layer: stats.layer,
        hits: stats.hits,
        misses: stats.misses,
        stores: stats.stores,
        errors: stats.errors,
        evictions: backend.evictions,
      },
    ];
  }

  private async layerOverview(layer: ExactCacheLayer): Promise<CacheLayerOverview> {
    const { backend, stats } = layer;
    const size = await backend.size().catch(() => undefined);
    return {
      layer: stats.layer,
      backend: backend.kind,
      available: size !== undefined && backend.available,
      entries: size?.entries ?? null,
      bytes: size?.bytes ?? null,
      hits: stats.hits,
      misses: stats.misses,
      hit_rate: stats.hitRate(),
      stores: stats.stores,
      errors: stats.errors,
      dropped_stores: stats.dropped,
      evictions: backend.evictions,
      input_tokens_saved: stats.inputTokensSaved,
      output_tokens_saved: stats.outputTokensSaved,
      cost_saved: stats.costSavedUsd,
    };
  }
}
