// What one cache layer counts since start: the overview and the Prometheus counters read these.
export type CacheLayerType = 'exact' | 'semantic';

export class LayerStats {
  hits = 0;
  misses = 0;
  stores = 0;
  /** Lookups and stores the backend failed (each lookup also counts as a miss). */
  errors = 0;
  /** Stores given up because the write queue was full. */
  dropped = 0;
  inputTokensSaved = 0;
  outputTokensSaved = 0;
  /** USD the hits would have cost; only priced models count. */
  costSavedUsd = 0;

  constructor(readonly layer: CacheLayerType) {}

  hitRate(): number {
    const lookups = this.hits + this.misses;
    return lookups === 0 ? 0 : this.hits / lookups;
  }
}
