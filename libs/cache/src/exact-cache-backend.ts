import type { CachedAnswer } from './cached-answer.js';

export interface BackendSize {
  entries: number;
  bytes: number;
}

/** Where the exact layer keeps its entries (the DI token): in process by default, Redis when REDIS_URL is set. */
export abstract class ExactCacheBackend {
  abstract readonly kind: 'embedded' | 'redis';
  /** The entry under `key` while it is fresh; rejects when the backend cannot be reached. */
  abstract get(key: string): Promise<CachedAnswer | undefined>;
  abstract set(key: string, answer: CachedAnswer, ttlMs: number): Promise<void>;
  abstract size(): Promise<BackendSize>;
  /** Entries pushed out to stay within bounds since start (the embedded store's LRU; Redis evicts on its own). */
  abstract readonly evictions: number;
  /** Whether the backend answers now (readiness); the embedded store always does. */
  abstract readonly available: boolean;
  /** Lets go of the connection at shutdown. */
  abstract close(): Promise<void>;
}
