import { Module, type DynamicModule } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import {
  AdminConfig,
  FailoverConfig,
  GuardrailsConfig,
  HttpConfig,
  LoggingConfig,
  MetricsConfig,
  ModelsConfig,
  PricingConfig,
  ProvidersConfig,
  ResilienceConfig,
  ResponseCacheConfig,
  ServerConfig,
  StorageConfig,
  UsageConfig,
  type GatewayConfig,
} from './gateway-config.js';

/** Makes each slice of the already-loaded GatewayConfig injectable by its class, and the whole through ConfigService. */
@Module({})
export class GatewayConfigModule {
  static forRoot(config: GatewayConfig): DynamicModule {
    const slices = [
      { provide: ServerConfig, useValue: config.server },
      { provide: HttpConfig, useValue: config.http },
      { provide: ResilienceConfig, useValue: config.resilience },
      { provide: ModelsConfig, useValue: config.models },
      { provide: FailoverConfig, useValue: config.failover },
      { provide: UsageConfig, useValue: config.usage },
      { provide: LoggingConfig, useValue: config.logging },
      { provide: AdminConfig, useValue: config.admin },
      { provide: MetricsConfig, useValue: config.metrics },
      { provide: GuardrailsConfig, useValue: config.guardrails },
      { provide: StorageConfig, useValue: config.storage },
      { provide: PricingConfig, useValue: config.pricing },
      { provide: ResponseCacheConfig, useValue: config.responseCache },
      { provide: ProvidersConfig, useValue: config.providers },
    ];
    return {
      module: GatewayConfigModule,
      global: true,
      imports: [ConfigModule.forRoot({ ignoreEnvFile: true, skipProcessEnv: true, load: [() => ({ ...config })] })],
      providers: slices,
      exports: [...slices.map((slice) => slice.provide), ConfigModule],
    };
  }
}
