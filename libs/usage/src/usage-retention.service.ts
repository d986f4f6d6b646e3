// Deletes usage rows older than USAGE_RETENTION_DAYS at start-up and every hour (0 keeps them forever).
import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { UsageConfig } from '@modelgate/config';
import { UsageStore } from '@modelgate/storage';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

@Injectable()
export class UsageRetention implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Usage');
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly store: UsageStore,
    private readonly config: UsageConfig,
  ) {}

  onModuleInit(): void {
    if (this.config.retentionDays === 0) return;
    this.sweep();
    this.timer = setInterval(() => this.sweep(), HOUR_MS).unref();
  }

  /** Waits for a running delete, so the data source is not destroyed under it. */
  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private sweep(): void {
    if (this.running) return;
    const cutoff = new Date(Date.now() - this.config.retentionDays * DAY_MS);
    this.running = this.store
      .deleteOlderThan(cutoff)
      .then((deleted) => {
        if (deleted > 0) this.logger.log(`deleted ${deleted} usage rows older than ${cutoff.toISOString()}`);
      })
      .catch((err: unknown) => this.logger.warn(`usage retention failed: ${err instanceof Error ? err.message : String(err)}`))
      .finally(() => {
        this.running = undefined;
      });
  }
}
