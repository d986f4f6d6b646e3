// The exact response cache's settings. GoModel turns the cache on by the presence of a `cache.response.simple` block
// (an empty one counts; `enabled: false` inside it does not), and RESPONSE_CACHE_SIMPLE_ENABLED wins over the block.
import type { ResponseCacheConfig } from './gateway-config.js';
import type { SettingValues } from './settings.js';

type Env = Record<string, string | undefined>;

/** The YAML key whose presence turns the cache on (find-ignored-settings counts it as read). */
export const RESPONSE_CACHE_BLOCK = 'cache.response.simple';

const ONE_HOUR_MS = 3_600_000;

function hasBlock(doc: Record<string, unknown>): boolean {
  const cache = doc.cache;
  if (typeof cache !== 'object' || cache === null) return false;
  const response = (cache as Record<string, unknown>).response;
  return typeof response === 'object' && response !== null && 'simple' in response;
}

export function readResponseCache(values: SettingValues, env: Env, doc: Record<string, unknown>): ResponseCacheConfig {
  const fromEnv = env.RESPONSE_CACHE_SIMPLE_ENABLED;
  const simple = hasBlock(doc) ? ((doc.cache as { response: { simple: unknown } }).response.simple ?? {}) : undefined;
  const explicit =
    (fromEnv !== undefined && fromEnv.trim() !== '') || (typeof simple === 'object' && simple !== null && 'enabled' in simple);
  return {
    enabled: explicit ? values.responseCacheSimpleEnabled : simple !== undefined,
    redisUrl: values.redisUrl === '' ? undefined : values.redisUrl,
    redisKeyPrefix: values.redisKeyResponses,
    ttlMs: values.redisTtlResponsesMs === 0 ? ONE_HOUR_MS : values.redisTtlResponsesMs,
    maxEntries: values.responseCacheMaxEntries,
    maxBytes: values.responseCacheMaxBytes,
  };
}
