// Deletes audit entries older than LOGGING_RETENTION_DAYS at start-up and every hour (0 keeps them forever).
import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { LoggingConfig } from '@modelgate/config';
import { AuditStore } from '@modelgate/storage';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

@Injectable()
export class AuditRetention implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Audit');
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly store: AuditStore,
    private readonly config: LoggingConfig,
  ) {}

  onModuleInit(): void {
    if (this.config.retentionDays === 0) return;
    // sweep() never rejects: a failure is logged inside it.
    void this.sweep();
    this.timer = setInterval(() => void this.sweep(), HOUR_MS).unref();
  }

  /** Waits for a running delete, so the data source is not destroyed under it. */
  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One pass now; resolves when it is done (a failure is logged, never thrown). */
  sweep(): Promise<void> {
    if (this.running) return this.running;
    const cutoff = new Date(Date.now() - this.config.retentionDays * DAY_MS);
    this.running = this.store
      .deleteOlderThan(cutoff)
      .then((deleted) => {
        if (deleted > 0) this.logger.log(`deleted ${deleted} audit entries older than ${cutoff.toISOString()}`);
      })
      .catch((err: unknown) => this.logger.warn(`audit retention failed: ${err instanceof Error ? err.message : String(err)}`))
      .finally(() => {
        this.running = undefined;
      });
    return this.running;
  }
}
