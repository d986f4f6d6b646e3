// Turns every finished model request into a usage row and writes the rows in batches, off the request path. While
// the database is down the rows wait in a bounded buffer and are written when it returns.
import { Injectable, Logger, Optional, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { UsageConfig } from '@modelgate/config';
import { BufferedWriter, RequestRecords, type BufferedWriterHealth, type RequestRecord } from '@modelgate/core';
import { isRowWriteError, UsageStore, type UsageRow } from '@modelgate/storage';
import type { Subscription } from 'rxjs';
import { toUsageRow } from './to-usage-row.js';
import { UNPRICED, UsageCostSource, type UsageCost } from './usage-cost-source.js';

const CACHE_HIT: UsageCost = { costUsd: 0, costSource: null };

export type UsageHealth = BufferedWriterHealth;

@Injectable()
export class UsageRecorder implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Usage');
  private readonly writer: BufferedWriter<UsageRow>;
  private subscription: Subscription | undefined;

  constructor(
    private readonly records: RequestRecords,
    store: UsageStore,
    config: UsageConfig,
    @Optional() private readonly cost?: UsageCostSource,
  ) {
    // Rows keep their ids, so a batch the database half-took is not doubled when it is retried.
    this.writer = new BufferedWriter<UsageRow>({
      name: 'usage',
      bufferSizeSetting: 'USAGE_BUFFER_SIZE',
      bufferSize: config.bufferSize,
      flushIntervalMs: config.flushIntervalMs,
      write: (rows) => store.insertMany(rows),
      isRowError: isRowWriteError,
      describe: (row) => `usage row ${row.id} of request ${row.requestId.slice(0, 128)}`,
    });
  }

  onModuleInit(): void {
    this.subscription = this.records.records$.subscribe((record) => this.writer.add(toUsageRow(record, this.costOf(record))));
    this.writer.start();
  }

  /**
   * Writes what is left. Runs in onApplicationShutdown, after the HTTP server has closed (so requests that finished
   * while it drained are included) and before the storage module's own shutdown hook destroys the data source: Nest
   * calls shutdown hooks on importing modules before imported and global ones.
   */
  async onApplicationShutdown(): Promise<void> {
    this.subscription?.unsubscribe();
    await this.writer.close();
  }

  usageHealth(): UsageHealth {
    return this.writer.health();
  }

  /** Writes every pending row now; never rejects (a failure keeps the rows and is reported by usageHealth()). */
  flush(): Promise<void> {
    return this.writer.flush();
  }

  /** A pricing bug costs the row its price, never the row (a throw here would end the subscription). */
  private costOf(record: RequestRecord): UsageCost {
    // The response cache answered: no provider was paid (what it would have cost is the cache's "saved").
    if (record.cacheType !== undefined) return CACHE_HIT;
    if (!this.cost) return UNPRICED;
    try {
      return this.cost.costOf(record);
    } catch (err) {
      this.logger.warn(`usage cost of request ${record.requestId} failed: ${err instanceof Error ? err.message : String(err)}`);
      return UNPRICED;
    }
  }
}
