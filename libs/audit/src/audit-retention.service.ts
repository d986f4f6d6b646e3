// Deletes audit entries older than LOGGING_RETENTION_DAYS at start-up and every hour (0 keeps them forever).
import { Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { LoggingConfig } from '@modelgate/config';
import { daysAgo, HourlySweep } from '@modelgate/core';
import { AuditStore } from '@modelgate/storage';

@Injectable()
export class AuditRetention implements OnModuleInit, OnApplicationShutdown {
  private readonly job: HourlySweep;

  constructor(
    store: AuditStore,
    private readonly config: LoggingConfig,
  ) {
    this.job = new HourlySweep({ name: 'Audit', what: 'audit entries', sweep: () => store.deleteOlderThan(daysAgo(config.retentionDays)) });
  }

  onModuleInit(): void {
    if (this.config.retentionDays > 0) this.job.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.job.stop();
  }

  /** One pass now; resolves when it is done (a failure is logged, never thrown). */
  sweep(): Promise<void> {
    return this.job.run();
  }
}
