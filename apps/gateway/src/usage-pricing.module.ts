// Prices usage rows. The composition root is the one place that knows both the usage and the pricing lib, so the
// seam between them (UsageCostSource) is bound here, globally, for the usage recorder to pick up. A row left without
// a price while tokens were used also counts in the metrics' price-unknown counter (when metrics are on).
import { Global, Module } from '@nestjs/common';
import type { RequestRecord } from '@modelgate/core';
import { MetricsService } from '@modelgate/metrics';
import { computeCost, PricingModule, PricingTable } from '@modelgate/pricing';
import { UsageCostSource, type UsageCost } from '@modelgate/usage';

function usedTokens(record: RequestRecord): boolean {
  const { prompt_tokens: input, completion_tokens: output } = record.usage ?? {};
  return (typeof input === 'number' && input > 0) || (typeof output === 'number' && output > 0);
}

export class PricedUsage extends UsageCostSource {
  constructor(
    private readonly table: PricingTable,
    private readonly metrics?: MetricsService,
  ) {
    super();
  }

  costOf(record: RequestRecord): UsageCost {
    if (record.provider === undefined || record.providerType === undefined || record.model === undefined) {
      return { costUsd: null, costSource: null };
    }
    const { costUsd, costSource } = computeCost(
      record.usage,
      { name: record.provider, type: record.providerType },
      record.model,
      this.table,
    );
    if (costUsd === null && usedTokens(record)) this.metrics?.countPriceUnknown(record.provider, record.model);
    return { costUsd, costSource };
  }
}

@Global()
@Module({
  imports: [PricingModule.forRoot()],
  providers: [
    {
      provide: UsageCostSource,
      useFactory: (table: PricingTable, metrics?: MetricsService) => new PricedUsage(table, metrics),
      inject: [PricingTable, { token: MetricsService, optional: true }],
    },
  ],
  exports: [UsageCostSource],
})
export class UsagePricingModule {}
