import { Module, type DynamicModule } from '@nestjs/common';
import { PricingConfig } from '@modelgate/config';
import { PricingTable } from './pricing-table.js';

/** Provides the PricingTable, read once at start-up with the `pricing.models` overrides of the config. */
@Module({})
export class PricingModule {
  static forRoot(): DynamicModule {
    const table = {
      provide: PricingTable,
      useFactory: (config: PricingConfig) => PricingTable.load(config.models),
      inject: [PricingConfig],
    };
    return { module: PricingModule, providers: [table], exports: [PricingTable] };
  }
}
