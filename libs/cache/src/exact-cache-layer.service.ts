// The exact layer: lookups and asynchronous, bounded stores against its backend, and what it counts. A backend
// failure is a miss, counted and logged at most once a minute; it never fails or slows the request it belongs to.
import { Injectable } from '@nestjs/common';
import { ResponseCacheConfig } from '@modelgate/config';
import type { CachedAnswer } from './cached-answer.js';
import { CacheWarnings } from './cache-warnings.js';
import { ExactCacheBackend } from './exact-cache-backend.js';
import { LayerStats } from './layer-stats.js';

/** Stores waiting for the backend at most (GoModel's queue size); more are dropped, not queued. */
const MAX_PENDING_STORES = 256;

@Injectable()
export class ExactCacheLayer {
  readonly stats = new LayerStats('exact');
  private pending = 0;

  constructor(
    readonly backend: ExactCacheBackend,
    private readonly config: ResponseCacheConfig,
    private readonly warnings: CacheWarnings,
  ) {}

  /** The fresh entry under `key`, or undefined (a miss, also when the backend failed). */
  async lookup(key: string): Promise<CachedAnswer | undefined> {
    let answer: CachedAnswer | undefined;
    try {
      answer = await this.backend.get(key);
    } catch (err) {
      this.failed('lookup', err);
    }
    if (answer === undefined) this.stats.misses += 1;
    else this.stats.hits += 1;
    return answer;
  }

  /** Stores what `answer()` gives, after the current answer went out; dropped when too many stores wait. */
  store(key: string, answer: () => CachedAnswer): void {
    if (this.pending >= MAX_PENDING_STORES) {
      this.stats.dropped += 1;
      return;
    }
    this.pending += 1;
    setImmediate(() => {
      Promise.resolve()
        .then(() => this.backend.set(key, answer(), this.config.ttlMs))
        .then(
          () => (this.stats.stores += 1),
          (err: unknown) => this.failed('store', err),
        )
        .finally(() => (this.pending -= 1));
    });
  }

  private failed(what: 'lookup' | 'store', err: unknown): void {
    this.stats.errors += 1;
    this.warnings.warn(
      `exact response cache: ${what} failed on the ${this.backend.kind} backend, served without the cache: ${String(err)}`,
    );
  }
}
