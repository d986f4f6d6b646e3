import { Global, Module } from '@nestjs/common';
import { ResilienceConfig } from '@modelgate/config';
import { ProviderResilience } from './provider-resilience.js';

/** One ProviderResilience for the app: the breakers are process-wide state, read by the status surfaces. */
@Global()
@Module({
  providers: [
    {
      provide: ProviderResilience,
      useFactory: (config: ResilienceConfig) => new ProviderResilience(config),
      inject: [ResilienceConfig],
    },
  ],
  exports: [ProviderResilience],
})
export class ResilienceModule {}
