// The default exact-cache store: a Map in insertion order used as an LRU (a hit moves its entry to the end), bounded
// in entries and bytes, each entry dropped once its TTL passed. No other service needed.
import { cachedAnswerBytes, type CachedAnswer } from './cached-answer.js';
import { ExactCacheBackend, type BackendSize } from './exact-cache-backend.js';

interface Entry {
  answer: CachedAnswer;
  bytes: number;
  expiresAt: number;
}

export interface EmbeddedBounds {
  maxEntries: number;
  maxBytes: number;
}

export class EmbeddedCacheBackend extends ExactCacheBackend {
  readonly kind = 'embedded';
  readonly available = true;
  evictions = 0;
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;

  constructor(
    private readonly bounds: EmbeddedBounds,
    private readonly now: () => number = Date.now,
  ) {
    super();
  }

  get(key: string): Promise<CachedAnswer | undefined> {
    return Promise.resolve(this.lookup(key));
  }

  set(key: string, answer: CachedAnswer, ttlMs: number): Promise<void> {
    this.put(key, answer, ttlMs);
    return Promise.resolve();
  }

  size(): Promise<BackendSize> {
    this.dropExpired();
    return Promise.resolve({ entries: this.entries.size, bytes: this.bytes });
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  lookup(key: string): CachedAnswer | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    this.entries.delete(key);
    if (entry.expiresAt <= this.now()) {
      this.bytes -= entry.bytes;
      return undefined;
    }
    this.entries.set(key, entry);
    return entry.answer;
  }

  /** Stores `answer` (an entry larger than the whole byte bound is not kept), pushing out the least recently used. */
  put(key: string, answer: CachedAnswer, ttlMs: number): void {
    const bytes = cachedAnswerBytes(answer) + key.length;
    const previous = this.entries.get(key);
    if (previous !== undefined) {
      this.entries.delete(key);
      this.bytes -= previous.bytes;
    }
    if (bytes > this.bounds.maxBytes) return;
    this.entries.set(key, { answer, bytes, expiresAt: this.now() + ttlMs });
    this.bytes += bytes;
    while (this.entries.size > this.bounds.maxEntries || this.bytes > this.bounds.maxBytes) {
      const [oldest, entry] = this.entries.entries().next().value as [string, Entry];
      this.entries.delete(oldest);
      this.bytes -= entry.bytes;
      this.evictions += 1;
    }
  }

  private dropExpired(): void {
    const now = this.now();
    for (const [key, entry] of this.entries) {
      if (entry.expiresAt > now) continue;
      this.entries.delete(key);
      this.bytes -= entry.bytes;
    }
  }
}
