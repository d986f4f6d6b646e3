// Turns finished requests into audit entries and writes them in batches, off the request path. While the database
// is down the entries wait in a bounded buffer and are written when it returns.
import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { LoggingConfig } from '@modelgate/config';
import { BufferedWriter, RequestRecords, type BufferedWriterHealth, type ExchangeRecord } from '@modelgate/core';
import { AuditStore, isRowWriteError, type AuditEntry } from '@modelgate/storage';
import type { Subscription } from 'rxjs';
import { isModelInteraction } from './is-model-interaction.js';
import { toAuditEntry, type AuditEntryOptions } from './to-audit-entry.js';

export type AuditHealth = BufferedWriterHealth;

@Injectable()
export class AuditLogger implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Audit');
  private readonly writer: BufferedWriter<AuditEntry>;
  private readonly options: AuditEntryOptions;
  private subscription: Subscription | undefined;

  constructor(
    private readonly records: RequestRecords,
    store: AuditStore,
    private readonly config: LoggingConfig,
  ) {
    this.options = { logBodies: config.logBodies, logHeaders: config.logHeaders };
    // Entries keep their ids, so a batch the database half-took is not doubled when it is retried.
    this.writer = new BufferedWriter<AuditEntry>({
      name: 'audit',
      bufferSizeSetting: 'LOGGING_BUFFER_SIZE',
      bufferSize: config.bufferSize,
      flushIntervalMs: config.flushIntervalMs,
      write: (entries) => store.insertMany(entries),
      isRowError: isRowWriteError,
      describe: (entry) =>
        `audit entry ${entry.id} of request ${entry.requestId.slice(0, 128)} (${entry.method} ${entry.path.slice(0, 128)})`,
    });
  }

  /** Subscribing is what turns capture on at the edge: before this, requests carry no audit cost. */
  onModuleInit(): void {
    this.subscription = this.records.exchanges$.subscribe((exchange) => this.record(exchange));
    this.writer.start();
  }

  /**
   * Writes what is left. Runs in onApplicationShutdown, after the HTTP server has closed (so requests that finished
   * while it drained are included) and before the storage module's own shutdown hook destroys the data source: Nest
   * calls shutdown hooks on importing modules before imported and global ones, which holds while AuditModule is not
   * global.
   */
  async onApplicationShutdown(): Promise<void> {
    this.subscription?.unsubscribe();
    await this.writer.close();
  }

  auditHealth(): AuditHealth {
    return this.writer.health();
  }

  /** Writes every pending entry now; never rejects (a failure keeps the entries and is reported by auditHealth()). */
  flush(): Promise<void> {
    return this.writer.flush();
  }

  /** A bug building one entry costs that entry, never the subscription (a throw here would end it). */
  private record(exchange: ExchangeRecord): void {
    if (this.config.onlyModelInteractions && !isModelInteraction(exchange)) return;
    try {
      this.writer.add(toAuditEntry(exchange, this.options));
    } catch (err) {
      this.logger.warn(`audit entry of request ${exchange.requestId} failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}
