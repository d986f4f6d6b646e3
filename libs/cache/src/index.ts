export { cacheLayersOf, type CacheLayers } from './cache-bypass.js';
export { ResponseCacheModule } from './response-cache.module.js';
export { ResponseCacheLookup, ResponseCacheStore } from './response-cache.policies.js';
export {
  ResponseCacheOverview,
  type CacheLayerCounts,
  type CacheLayerOverview,
  type CacheOverview,
} from './response-cache-overview.service.js';
export type { LayerStats, CacheLayerType } from './layer-stats.js';
