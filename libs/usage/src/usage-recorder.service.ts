// Turns every finished model request into a usage row and writes the rows in batches, off the request path. While
// the database is down the rows wait in a bounded buffer and are written when it returns.
import { Injectable, Logger, Optional, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { UsageConfig } from '@modelgate/config';
import { RequestRecords, type RequestRecord } from '@modelgate/core';
import { UsageStore, type UsageRow } from '@modelgate/storage';
import type { Subscription } from 'rxjs';
import { toUsageRow } from './to-usage-row.js';
import { UNPRICED, UsageCostSource, type UsageCost } from './usage-cost-source.js';

/** Rows that trigger a write without waiting for the next tick. */
export const FLUSH_BATCH_SIZE = 100;
/** Longest wait between two attempts while the database is down (unless the flush interval is longer). */
const MAX_RETRY_DELAY_MS = 60_000;
/** setInterval's largest delay; a longer USAGE_FLUSH_INTERVAL would otherwise fire every millisecond. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export interface UsageHealth {
  /** Rows waiting to be written. */
  pending: number;
  /** Rows dropped since start because the buffer was full while the database was failing. */
  dropped: number;
  /** The last write error while writes are failing; null once a write succeeds. */
  lastError: string | null;
  lastFlushAt: Date | null;
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

@Injectable()
export class UsageRecorder implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Usage');
  private pending: UsageRow[] = [];
  private dropped = 0;
  private droppedThisOutage = 0;
  private failures = 0;
  private retryAt = 0;
  private lastError: string | null = null;
  private lastFlushAt: Date | null = null;
  private flushing: Promise<void> | undefined;
  private subscription: Subscription | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly records: RequestRecords,
    private readonly store: UsageStore,
    private readonly config: UsageConfig,
    @Optional() private readonly cost?: UsageCostSource,
  ) {}

  onModuleInit(): void {
    this.subscription = this.records.records$.subscribe((record) => this.record(record));
    this.timer = setInterval(() => this.tick(), Math.min(this.config.flushIntervalMs, MAX_TIMER_MS)).unref();
  }

  /**
   * Writes what is left. Runs in onApplicationShutdown, after the HTTP server has closed (so requests that finished
   * while it drained are included) and before the storage module's own shutdown hook destroys the data source: Nest
   * calls shutdown hooks on importing modules before imported and global ones.
   */
  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    this.subscription?.unsubscribe();
    await this.flushing;
    await this.flush();
    if (this.pending.length > 0) {
      this.logger.error(`${this.pending.length} usage rows were not written before shutdown: ${this.lastError ?? 'unknown error'}`);
    }
  }

  usageHealth(): UsageHealth {
    return { pending: this.pending.length, dropped: this.dropped, lastError: this.lastError, lastFlushAt: this.lastFlushAt };
  }

  /** Writes every pending row now; never rejects (a failure keeps the rows and is reported by usageHealth()). */
  flush(): Promise<void> {
    this.flushing ??= this.writePending().finally(() => {
      this.flushing = undefined;
    });
    return this.flushing;
  }

  private record(record: RequestRecord): void {
    this.pending.push(toUsageRow(record, this.costOf(record)));
    this.dropOverflow();
    if (this.pending.length >= FLUSH_BATCH_SIZE && this.failures === 0) this.startFlush();
  }

  /** A pricing bug costs the row its price, never the row (a throw here would end the subscription). */
  private costOf(record: RequestRecord): UsageCost {
    if (!this.cost) return UNPRICED;
    try {
      return this.cost.costOf(record);
    } catch (err) {
      this.logger.warn(`usage cost of request ${record.requestId} failed: ${messageOf(err)}`);
      return UNPRICED;
    }
  }

  private tick(): void {
    if (this.pending.length === 0 || Date.now() < this.retryAt) return;
    this.startFlush();
  }

  private startFlush(): void {
    this.flush().catch((err: unknown) => this.logger.error(`usage flush failed unexpectedly: ${messageOf(err)}`));
  }

  private async writePending(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.pending;
      this.pending = [];
      try {
        await this.store.insertMany(batch);
      } catch (err) {
        // Rows keep their ids, so a batch the database half-took is not doubled when it is retried.
        this.pending = batch.concat(this.pending);
        this.dropOverflow();
        this.writeFailed(err);
        return;
      }
      this.writeSucceeded();
    }
  }

  private writeSucceeded(): void {
    if (this.failures > 0) {
      const lost = this.droppedThisOutage > 0 ? `, ${this.droppedThisOutage} rows dropped meanwhile` : '';
      this.logger.log(`usage storage is writable again after ${this.failures} failed attempts${lost}`);
    }
    this.failures = 0;
    this.retryAt = 0;
    this.droppedThisOutage = 0;
    this.lastError = null;
    this.lastFlushAt = new Date();
  }

  private writeFailed(err: unknown): void {
    this.failures += 1;
    this.lastError = messageOf(err);
    const interval = this.config.flushIntervalMs;
    this.retryAt = Date.now() + Math.min(interval * 2 ** (this.failures - 1), Math.max(interval, MAX_RETRY_DELAY_MS));
    if (this.failures === 1) {
      this.logger.error(
        `usage rows could not be written (${this.lastError}); keeping up to ${this.config.bufferSize} in memory and retrying`,
      );
    }
  }

  /** Beyond USAGE_BUFFER_SIZE the oldest rows go: the request path never waits on the database. */
  private dropOverflow(): void {
    const excess = this.pending.length - this.config.bufferSize;
    if (excess <= 0) return;
    this.pending.splice(0, excess);
    this.dropped += excess;
    if (this.droppedThisOutage === 0) {
      this.logger.warn(`usage buffer is full (USAGE_BUFFER_SIZE=${this.config.bufferSize}): dropping the oldest rows`);
    }
    this.droppedThisOutage += excess;
  }
}
