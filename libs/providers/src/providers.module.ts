import { Module, type DynamicModule } from '@nestjs/common';
import { HttpConfig, ProvidersConfig } from '@modelgate/config';
import { ModelCatalog, PROVIDER_ADAPTERS } from './model-catalog.service.js';
import type { ProviderAdapter } from './provider-adapter.js';
import { registrationFor } from './provider-registry.js';
import { AliasService } from './routing/alias.service.js';
import { InstanceRouter } from './routing/instance-router.js';
import { ModelOverrideService } from './routing/model-override.service.js';
import { RoutingRulesService } from './routing/routing-rules.service.js';
import { VirtualModelService } from './routing/virtual-model.service.js';

/**
 * Builds one adapter per configured provider instance, once, and the catalog that routes to them with the routing
 * rules (virtual models and aliases, model overrides) read from the stores of the global StorageModule.
 */
@Module({})
export class ProvidersModule {
  static forRoot(): DynamicModule {
    return {
      module: ProvidersModule,
      global: true,
      providers: [
        {
          provide: PROVIDER_ADAPTERS,
          useFactory: (providers: ProvidersConfig, http: HttpConfig): ProviderAdapter[] =>
            providers.instances.map((instance) => registrationFor(instance.type).create(instance, { http })),
          inject: [ProvidersConfig, HttpConfig],
        },
        ModelCatalog,
        InstanceRouter,
        RoutingRulesService,
        VirtualModelService,
        AliasService,
        ModelOverrideService,
      ],
      exports: [
        ModelCatalog,
        InstanceRouter,
        PROVIDER_ADAPTERS,
        VirtualModelService,
        AliasService,
        ModelOverrideService,
        RoutingRulesService,
      ],
    };
  }
}
