// The exact layer in Redis (REDIS_URL): one string per entry under REDIS_KEY_RESPONSES + key, expiring by Redis' own
// TTL. Commands fail fast while the connection is down (no offline queue) and a slow server is given up on after a
// short wait, so a lookup or a store never holds a request: the layer counts it as an error and a miss.
import { createClient, RESP_TYPES } from 'redis';
import { decodeCachedAnswer, encodeCachedAnswer, type CachedAnswer } from './cached-answer.js';
import { ExactCacheBackend, type BackendSize } from './exact-cache-backend.js';

/** Longest wait for one command; a cache that answers later is no faster than the provider. */
const COMMAND_TIMEOUT_MS = 500;
const MAX_RECONNECT_DELAY_MS = 5_000;
/** The overview counts at most this many keys (it is an admin read, not a hot path). */
const MAX_KEYS_COUNTED = 100_000;

function connect(url: string, onError: (err: unknown) => void) {
  const client = createClient({
    url,
    disableOfflineQueue: true,
    socket: {
      connectTimeout: 2_000,
      reconnectStrategy: (retries: number) => Math.min(100 * 2 ** retries, MAX_RECONNECT_DELAY_MS),
    },
  });
  client.on('error', onError);
  client.connect().catch(onError);
  return client;
}

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Redis did not answer ${what} within ${COMMAND_TIMEOUT_MS} ms`)), COMMAND_TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export class RedisCacheBackend extends ExactCacheBackend {
  readonly kind = 'redis';
  readonly evictions = 0;
  /** Text replies (SCAN's cursor must stay a string); `values` reads entries as the bytes they are. */
  private readonly client: ReturnType<typeof connect>;
  private readonly values: ReturnType<ReturnType<typeof connect>['withTypeMapping']>;

  /** `onError` hears the connection's failures (it reconnects by itself); command failures reject the command. */
  constructor(
    url: string,
    private readonly prefix: string,
    onError: (err: unknown) => void,
  ) {
    super();
    this.client = connect(url, onError);
    this.values = this.client.withTypeMapping({ [RESP_TYPES.BLOB_STRING]: Buffer });
  }

  get available(): boolean {
    return this.client.isReady;
  }

  async get(key: string): Promise<CachedAnswer | undefined> {
    this.assertReady();
    const value = await withTimeout(this.values.get(this.prefix + key), 'GET');
    return value === null ? undefined : decodeCachedAnswer(value as Buffer);
  }

  async set(key: string, answer: CachedAnswer, ttlMs: number): Promise<void> {
    this.assertReady();
    await withTimeout(this.client.set(this.prefix + key, encodeCachedAnswer(answer), { expiration: { type: 'PX', value: ttlMs } }), 'SET');
  }

  async size(): Promise<BackendSize> {
    this.assertReady();
    let entries = 0;
    let bytes = 0;
    for await (const keys of this.client.scanIterator({ MATCH: `${this.prefix}*`, COUNT: 1000 })) {
      if (keys.length === 0) continue;
      const lengths = await Promise.all(keys.map((key) => this.client.strLen(key)));
      entries += keys.length;
      for (const length of lengths) bytes += length;
      if (entries >= MAX_KEYS_COUNTED) break;
    }
    return { entries, bytes };
  }

  close(): Promise<void> {
    return this.client.isOpen ? this.client.close() : Promise.resolve();
  }

  private assertReady(): void {
    if (!this.client.isReady) throw new Error('Redis is not connected');
  }
}
