// Prices usage rows. The composition root is the one place that knows both the usage and the pricing lib, so the
// seam between them (UsageCostSource) is bound here, globally, for the usage recorder to pick up.
import { Global, Module } from '@nestjs/common';
import type { RequestRecord } from '@modelgate/core';
import { computeCost, PricingModule, PricingTable } from '@modelgate/pricing';
import { UsageCostSource, type UsageCost } from '@modelgate/usage';

export class PricedUsage extends UsageCostSource {
  constructor(private readonly table: PricingTable) {
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
    return { costUsd, costSource };
  }
}

@Global()
@Module({
  imports: [PricingModule.forRoot()],
  providers: [{ provide: UsageCostSource, useFactory: (table: PricingTable) => new PricedUsage(table), inject: [PricingTable] }],
  exports: [UsageCostSource],
})
export class UsagePricingModule {}
