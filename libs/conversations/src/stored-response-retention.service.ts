// Deletes stored responses whose expiry has passed, at start-up and every hour. Lives with conversations because this
// module is always loaded; reads already hide expired responses, so this only reclaims space.
import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { ResponseStore } from '@modelgate/storage';

const HOUR_MS = 3_600_000;

@Injectable()
export class StoredResponseRetention implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Responses');
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(private readonly store: ResponseStore) {}

  onModuleInit(): void {
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
    this.running = this.store
      .deleteExpired(new Date())
      .then((deleted) => {
        if (deleted > 0) this.logger.log(`deleted ${deleted} expired stored responses`);
      })
      .catch((err: unknown) => this.logger.warn(`stored response retention failed: ${err instanceof Error ? err.message : String(err)}`))
      .finally(() => {
        this.running = undefined;
      });
  }
}
