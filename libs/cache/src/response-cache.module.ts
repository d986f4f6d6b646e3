// The response cache (exact layer): its backend by configuration (Redis when REDIS_URL is set, else the embedded
// store), the layer, and the two pipeline policies the composition root registers. Global, so the pipeline's
// policies and the admin overview share one layer; imported only when the cache is enabled.
import { Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { ResponseCacheConfig } from '@modelgate/config';
import { PricingModule } from '@modelgate/pricing';
import { CacheSavings } from './cache-savings.service.js';
import { CacheWarnings } from './cache-warnings.js';
import { CachedCalls } from './cached-call.js';
import { EmbeddedCacheBackend } from './embedded-cache-backend.js';
import { ExactCacheBackend } from './exact-cache-backend.js';
import { ExactCacheLayer } from './exact-cache-layer.service.js';
import { RedisCacheBackend } from './redis-cache-backend.js';
import { ResponseCacheOverview } from './response-cache-overview.service.js';

function createBackend(config: ResponseCacheConfig, warnings: CacheWarnings): ExactCacheBackend {
  if (config.redisUrl === undefined) return new EmbeddedCacheBackend(config);
  return new RedisCacheBackend(config.redisUrl, config.redisKeyPrefix, (err) =>
    warnings.warn(`exact response cache: the Redis connection failed (requests are served without the cache): ${String(err)}`),
  );
}

@Module({})
export class ResponseCacheModule implements OnApplicationShutdown {
  constructor(@Inject(ExactCacheBackend) private readonly backend: ExactCacheBackend) {}

  static forRoot(): DynamicModule {
    return {
      module: ResponseCacheModule,
      global: true,
      imports: [PricingModule.forRoot()],
      providers: [
        CacheWarnings,
        { provide: ExactCacheBackend, useFactory: createBackend, inject: [ResponseCacheConfig, CacheWarnings] },
        { provide: CachedCalls, useValue: new CachedCalls() },
        ExactCacheLayer,
        CacheSavings,
        ResponseCacheOverview,
      ],
      exports: [ExactCacheLayer, CachedCalls, CacheSavings, ResponseCacheOverview],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.backend.close();
  }
}
