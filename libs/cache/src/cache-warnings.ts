import { Injectable, Logger } from '@nestjs/common';

const INTERVAL_MS = 60_000;

/** The cache's warnings, one line a minute at most (a Redis outage fails every request's lookup), with a count of the rest. */
@Injectable()
export class CacheWarnings {
  private readonly logger = new Logger('ResponseCache');
  private lastAt = 0;
  private unsaid = 0;

  warn(message: string): void {
    const now = Date.now();
    if (now - this.lastAt < INTERVAL_MS) {
      this.unsaid += 1;
      return;
    }
    const more = this.unsaid === 0 ? '' : ` (and ${this.unsaid} more since the last line)`;
    this.lastAt = now;
    this.unsaid = 0;
    this.logger.warn(`${message}${more}`);
  }
}
