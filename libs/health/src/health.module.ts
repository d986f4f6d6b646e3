import { AuditModule } from '@modelgate/audit';
import type { LoggingConfig, UsageConfig } from '@modelgate/config';
import { UsageModule } from '@modelgate/usage';
import { Module, type DynamicModule } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller.js';

@Module({})
export class HealthModule {
  /** With usage recording or the audit log on, readiness also says whether their rows are being written. */
  static forRoot(usage: UsageConfig, logging: LoggingConfig): DynamicModule {
    return {
      module: HealthModule,
      imports: [
        TerminusModule.forRoot({ logger: false }),
        ...(usage.enabled ? [UsageModule] : []),
        ...(logging.enabled ? [AuditModule] : []),
      ],
      controllers: [HealthController],
    };
  }
}
