// A clean-up that runs at start-up and then every hour (retention of usage rows, audit entries, stored responses).
// One pass at a time; a failure is logged and the next hour tries again; shutdown waits for a pass in flight, so the
// data source is not destroyed under it.
import { Logger } from '@nestjs/common';

const HOUR_MS = 3_600_000;

export interface HourlySweepOptions {
  /** Logger context, e.g. 'Usage'. */
  name: string;
  /** What goes, for the log lines: 'usage rows', 'audit entries'. */
  what: string;
  /** Deletes what is due and says how many went. */
  sweep(): Promise<number>;
}

export class HourlySweep {
  private readonly logger: Logger;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(private readonly options: HourlySweepOptions) {
    this.logger = new Logger(options.name);
  }

  start(): void {
    void this.run();
    this.timer = setInterval(() => void this.run(), HOUR_MS).unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One pass now (joining one in flight); never rejects. */
  run(): Promise<void> {
    const { what } = this.options;
    this.running ??= this.options
      .sweep()
      .then((deleted) => {
        if (deleted > 0) this.logger.log(`deleted ${deleted} ${what}`);
      })
      .catch((err: unknown) => this.logger.warn(`${what} retention failed: ${err instanceof Error ? err.message : String(err)}`))
      .finally(() => {
        this.running = undefined;
      });
    return this.running;
  }
}

/** The moment `days` days ago. */
export function daysAgo(days: number): Date {
  return new Date(Date.now() - days * 86_400_000);
}
