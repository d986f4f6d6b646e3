import { Controller, Get, Optional } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ResponseCacheOverview, type CacheOverview } from '@modelgate/cache';
import { GatewayError } from '@modelgate/core';

@ApiTags('admin')
@ApiBearerAuth()
@Controller(['admin/cache', 'admin/api/v1/cache'])
export class CacheController {
  /** Absent while the response cache is off (the cache module is then not loaded). */
  constructor(@Optional() private readonly cache?: ResponseCacheOverview) {}

  @Get('overview')
  @ApiOperation({
    summary: 'Response cache overview',
    description: 'Per layer: entries and bytes held now; hits, misses, hit rate, stores, errors, tokens and cost saved since start.',
  })
  @ApiResponse({ status: 503, description: 'The response cache is off (feature_unavailable)' })
  overview(): Promise<CacheOverview> {
    if (this.cache === undefined) {
      throw new GatewayError(503, 'invalid_request_error', 'the response cache is off: set RESPONSE_CACHE_SIMPLE_ENABLED=true to use it', {
        code: 'feature_unavailable',
      });
    }
    return this.cache.overview();
  }
}
