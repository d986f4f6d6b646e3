// Deletes usage rows older than USAGE_RETENTION_DAYS at start-up and every hour (0 keeps them forever).
import { Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { UsageConfig } from '@modelgate/config';
import { daysAgo, HourlySweep } from '@modelgate/core';
import { UsageStore } from '@modelgate/storage';

@Injectable()
export class UsageRetention implements OnModuleInit, OnApplicationShutdown {
  private readonly job: HourlySweep;

  constructor(
    store: UsageStore,
    private readonly config: UsageConfig,
  ) {
    this.job = new HourlySweep({ name: 'Usage', what: 'usage rows', sweep: () => store.deleteOlderThan(daysAgo(config.retentionDays)) });
  }

  onModuleInit(): void {
    if (this.config.retentionDays > 0) this.job.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.job.stop();
  }
}
