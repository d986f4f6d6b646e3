import type { UsageConfig } from '@modelgate/config';
import { UsageModule } from '@modelgate/usage';
import { Module, type DynamicModule } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller.js';

@Module({})
export class HealthModule {
  /** With usage recording on, readiness also says whether usage rows are being written. */
  static forRoot(usage: UsageConfig): DynamicModule {
    return {
      module: HealthModule,
      imports: [TerminusModule.forRoot({ logger: false }), ...(usage.enabled ? [UsageModule] : [])],
      controllers: [HealthController],
    };
  }
}
