import { Controller, Get, Optional } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { ModelCatalog, type ProviderInventory } from '@modelgate/providers';
import { ProviderResilience, type BreakerSnapshot } from '@modelgate/resilience';
import { AuditLogger } from '@modelgate/audit';
import { ResponseCacheOverview } from '@modelgate/cache';
import type { BufferedWriterHealth } from '@modelgate/core';
import { UsageRecorder } from '@modelgate/usage';

@ApiTags('Operations')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly catalog: ModelCatalog,
    private readonly resilience: ProviderResilience,
    /** Absent when USAGE_ENABLED=false. */
    @Optional() private readonly usage?: UsageRecorder,
    /** Absent when LOGGING_ENABLED=false. */
    @Optional() private readonly audit?: AuditLogger,
    /** Absent while the response cache is off. */
    @Optional() private readonly cache?: ResponseCacheOverview,
  ) {}

  @Get()
  @HealthCheck()
  @ApiOperation({ summary: 'Liveness', description: 'The process is up and serving HTTP. Never checks dependencies.' })
  liveness() {
    return this.health.check([]);
  }

  @Get('live')
  @HealthCheck()
  @ApiOperation({ summary: 'Liveness (alias of /health)' })
  live() {
    return this.health.check([]);
  }

  @Get('ready')
  @HealthCheck()
  @ApiOperation({
    summary: 'Readiness',
    description:
      "Each provider's model-list state: up when its models are known, degraded when its list could not be read (requests still go to it) or while its circuit breaker is open or half-open (`circuitBreaker`), down while the first list is loading. With usage recording on, `usage` is degraded while rows cannot be written (they wait in memory); with the audit log on, `audit` likewise; with the response cache on, `responseCache` is degraded while its backend (Redis) does not answer (every lookup is then a miss). `rejected` counts rows set aside because they alone could not be written (`lastRejection` names the last one and why).",
  })
  readiness() {
    const breakers = this.resilience.breakerStates();
    const checks = this.catalog.inventory().map((inventory) => () => this.providerState(inventory, breakers.get(inventory.name)));
    const { usage, audit } = this;
    if (usage) checks.push(() => this.writerState('usage', usage.usageHealth()));
    if (audit) checks.push(() => this.writerState('audit', audit.auditHealth()));
    if (this.cache) checks.push(() => this.cacheState(this.cache!));
    return this.health.check(checks);
  }

  /** A cache backend that does not answer (Redis down) makes every lookup a miss: requests are served, degraded. */
  private cacheState(cache: ResponseCacheOverview): HealthIndicatorResult {
    const session = this.indicators.check('responseCache');
    const layers = cache.backends();
    return layers.every((layer) => layer.available) ? session.up({ layers }) : session.degraded({ layers });
  }

  /**
   * A buffered writer is degraded while its rows cannot be written: they wait in memory, within bounds. Rows set aside
   * because they alone could not be written (`rejected`, the last one named in `lastRejection`) leave it up.
   */
  private writerState(name: string, health: BufferedWriterHealth): HealthIndicatorResult {
    const session = this.indicators.check(name);
    const { pending, dropped, lastError, lastFlushAt, rejected, lastRejection } = health;
    const data = { pending, dropped, lastError, lastFlushAt: lastFlushAt?.toISOString() ?? null, rejected, lastRejection };
    return lastError === null ? session.up(data) : session.degraded(data);
  }

  /** An open breaker fails requests fast but the provider may recover on its own: degraded, never down. */
  private providerState(inventory: ProviderInventory, breaker: BreakerSnapshot | undefined): HealthIndicatorResult {
    const session = this.indicators.check(`provider:${inventory.name}`);
    const data = {
      type: inventory.type,
      state: inventory.status,
      models: inventory.models.size,
      source: inventory.source ?? null,
      lastError: inventory.lastError ?? null,
      lastSuccessAt: inventory.lastSuccessAt?.toISOString() ?? null,
      circuitBreaker: breaker?.state ?? null,
    };
    switch (inventory.status) {
      case 'ready':
        return breaker === undefined || breaker.state === 'closed' ? session.up(data) : session.degraded(data);
      case 'error':
        return session.degraded(data);
      case 'loading':
        return session.down(data);
    }
  }
}
