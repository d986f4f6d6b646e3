// What routing reads that libs/providers may not import: the breakers (libs/resilience), bound to
// InstanceAvailability, and the pricing table (libs/pricing), bound to InstancePrices (ROUTING_STRATEGY=lowest_cost,
// and the `cost` strategy of virtual models).
import { Global, Module, type DynamicModule, type Provider } from '@nestjs/common';
import { PricingModule, PricingTable } from '@modelgate/pricing';
import { InstanceAvailability, InstancePrices } from '@modelgate/providers';
import { ProviderResilience } from '@modelgate/resilience';

class BreakerAvailability extends InstanceAvailability {
  constructor(private readonly resilience: ProviderResilience) {
    super();
  }

  accepts(instance: string): boolean {
    return this.resilience.accepts(instance);
  }
}

/** input + output per 1M tokens, the way the usage rows price the model on that instance. */
class TablePrices extends InstancePrices {
  constructor(private readonly table: PricingTable) {
    super();
  }

  priceOf(instance: { name: string; type: string }, model: string): number | undefined {
    const match = this.table.find(instance, model);
    return match === undefined ? undefined : match.price.input + match.price.output;
  }
}

@Global()
@Module({})
export class InstanceRoutingModule {
  static forRoot(): DynamicModule {
    const availability: Provider = {
      provide: InstanceAvailability,
      useFactory: (resilience: ProviderResilience) => new BreakerAvailability(resilience),
      inject: [ProviderResilience],
    };
    // Prices always: lowest_cost orders instances by them, and a virtual model's `cost` strategy ranks its targets.
    const prices: Provider = {
      provide: InstancePrices,
      useFactory: (table: PricingTable) => new TablePrices(table),
      inject: [PricingTable],
    };
    return {
      module: InstanceRoutingModule,
      imports: [PricingModule.forRoot()],
      providers: [availability, prices],
      exports: [InstanceAvailability, InstancePrices],
    };
  }
}
