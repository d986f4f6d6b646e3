// Rows written in batches off the request path (usage, audit): a bounded buffer, a flush every interval or at once
// when a batch is full, backoff while the database is down, and a final drain on shutdown. A batch refused because of
// a row is split until the row is alone, and that row is set aside (logged and counted): it never holds up the rest.
import { Logger } from '@nestjs/common';

/** Rows that trigger a write without waiting for the next tick. */
const FLUSH_BATCH_SIZE = 100;
/** Longest wait between two attempts while the database is down (unless the flush interval is longer). */
const MAX_RETRY_DELAY_MS = 60_000;
/** setInterval's largest delay; a longer flush interval would otherwise fire every millisecond. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export interface BufferedWriterOptions<T> {
  /** What the rows are, for logs (`usage`, `audit`). */
  name: string;
  /** The setting that bounds the buffer, named when rows are dropped (`USAGE_BUFFER_SIZE`). */
  bufferSizeSetting: string;
  bufferSize: number;
  flushIntervalMs: number;
  /** Writes one batch; a rejection keeps the batch for the next attempt, so it must be safe to repeat. */
  write(rows: T[]): Promise<void>;
  /** Whether a write error is about the rows (no retry can succeed) rather than the database being unavailable. */
  isRowError(err: unknown): boolean;
  /** Names a row in the log line of one set aside (its id and request id). */
  describe(row: T): string;
}

export interface BufferedWriterHealth {
  /** Rows waiting to be written. */
  pending: number;
  /** Rows dropped since start because the buffer was full while the database was failing. */
  dropped: number;
  /** The last write error while writes are failing; null once a write succeeds. */
  lastError: string | null;
  lastFlushAt: Date | null;
  /** Rows set aside since start because they could not be written (each logged with its ids and the reason). */
  rejected: number;
  /** The last row set aside and why, or null. */
  lastRejection: string | null;
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export class BufferedWriter<T> {
  private readonly logger: Logger;
  private pending: T[] = [];
  private dropped = 0;
  private rejected = 0;
  private lastRejection: string | null = null;
  private droppedThisOutage = 0;
  private failures = 0;
  private retryAt = 0;
  private lastError: string | null = null;
  private lastFlushAt: Date | null = null;
  private flushing: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly options: BufferedWriterOptions<T>) {
    this.logger = new Logger(options.name.charAt(0).toUpperCase() + options.name.slice(1));
  }

  /** Starts the flush timer (unref'd: it never keeps the process alive). */
  start(): void {
    this.timer = setInterval(() => this.tick(), Math.min(this.options.flushIntervalMs, MAX_TIMER_MS)).unref();
  }

  /** Stops the timer and writes what is left; rows that still cannot be written are reported, not thrown. */
  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flushing;
    await this.flush();
    if (this.pending.length > 0) {
      this.logger.error(
        `${this.pending.length} ${this.options.name} rows were not written before shutdown: ${this.lastError ?? 'unknown error'}`,
      );
    }
  }

  add(row: T): void {
    this.pending.push(row);
    this.dropOverflow();
    if (this.pending.length >= FLUSH_BATCH_SIZE && this.failures === 0) this.startFlush();
  }

  health(): BufferedWriterHealth {
    return {
      pending: this.pending.length,
      dropped: this.dropped,
      lastError: this.lastError,
      lastFlushAt: this.lastFlushAt,
      rejected: this.rejected,
      lastRejection: this.lastRejection,
    };
  }

  /** Writes every pending row now; never rejects (a failure keeps the rows and is reported by health()). */
  flush(): Promise<void> {
    this.flushing ??= this.writePending().finally(() => {
      this.flushing = undefined;
    });
    return this.flushing;
  }

  private tick(): void {
    if (this.pending.length === 0 || Date.now() < this.retryAt) return;
    this.startFlush();
  }

  private startFlush(): void {
    this.flush().catch((err: unknown) => this.logger.error(`${this.options.name} flush failed unexpectedly: ${messageOf(err)}`));
  }

  private async writePending(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.pending;
      this.pending = [];
      const unwritten = await this.writeSettingAsideBadRows(batch);
      if (unwritten.length > 0) {
        this.pending = unwritten.concat(this.pending);
        this.dropOverflow();
        return;
      }
      this.writeSucceeded();
    }
  }

  /**
   * Writes the rows; a row error halves the batch (each half written in turn) down to the bad row, which is set aside.
   * Resolves to the rows not written because the database is unavailable, in order: the failed part and all after it.
   */
  private async writeSettingAsideBadRows(rows: T[]): Promise<T[]> {
    try {
      await this.options.write(rows);
      return [];
    } catch (err) {
      if (!this.options.isRowError(err)) {
        this.writeFailed(err);
        return rows;
      }
      if (rows.length === 1) {
        this.setAside(rows[0]!, err);
        return [];
      }
      const half = Math.ceil(rows.length / 2);
      const unwritten = await this.writeSettingAsideBadRows(rows.slice(0, half));
      if (unwritten.length > 0) return unwritten.concat(rows.slice(half));
      return this.writeSettingAsideBadRows(rows.slice(half));
    }
  }

  private setAside(row: T, err: unknown): void {
    this.rejected += 1;
    this.lastRejection = `${this.options.describe(row)}: ${messageOf(err)}`;
    this.logger.error(`${this.options.name} row set aside, it cannot be written: ${this.lastRejection}`);
  }

  private writeSucceeded(): void {
    if (this.failures > 0) {
      const lost = this.droppedThisOutage > 0 ? `, ${this.droppedThisOutage} rows dropped meanwhile` : '';
      this.logger.log(`${this.options.name} storage is writable again after ${this.failures} failed attempts${lost}`);
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
    const interval = this.options.flushIntervalMs;
    this.retryAt = Date.now() + Math.min(interval * 2 ** (this.failures - 1), Math.max(interval, MAX_RETRY_DELAY_MS));
    if (this.failures === 1) {
      this.logger.error(
        `${this.options.name} rows could not be written (${this.lastError}); keeping up to ${this.options.bufferSize} in memory and retrying`,
      );
    }
  }

  /** Beyond the buffer size the oldest rows go: the request path never waits on the database. */
  private dropOverflow(): void {
    const excess = this.pending.length - this.options.bufferSize;
    if (excess <= 0) return;
    this.pending.splice(0, excess);
    this.dropped += excess;
    if (this.droppedThisOutage === 0) {
      this.logger.warn(
        `${this.options.name} buffer is full (${this.options.bufferSizeSetting}=${this.options.bufferSize}): dropping the oldest rows`,
      );
    }
    this.droppedThisOutage += excess;
  }
}
