// The usage aggregate: one row per model request. `UsageStore` is the DI token; a backend module binds it to the
// TypeORM (SQLite, PostgreSQL) or Mongoose (MongoDB) implementation, both proven by contract/usage-store.contract.ts.

/** Where a row's price came from: the shipped pricing table, a config override, or the provider's own figure. */
export type CostSource = 'table' | 'config' | 'provider';

/** The response cache layer that answered a request (GoModel's `cache_type`). */
export type CacheType = 'exact' | 'semantic';

export interface UsageRow {
  id: string;
  requestId: string;
  timestamp: Date;
  /** The provider instance that served the request (`openai-east`). */
  provider: string;
  providerType: string;
  requestedModel: string;
  model: string;
  endpoint: string;
  userPath: string | null;
  authKeyId: string | null;
  status: number;
  stream: boolean;
  /** Token counts the provider did not report stay null, never 0. */
  inputTokens: number | null;
  outputTokens: number | null;
  cachedTokens: number | null;
  reasoningTokens: number | null;
  latencyMs: number;
  ttftMs: number | null;
  /** Null when the model has no known price: counted, never guessed. */
  costUsd: number | null;
  costSource: CostSource | null;
  /** The provider's usage object as it arrived. */
  rawUsage: Record<string, unknown> | null;
  /** `exact` / `semantic` when the response cache answered (no provider call, cost 0); null otherwise. */
  cacheType: CacheType | null;
}

export interface UsageFilter {
  /** Inclusive. */
  from?: Date;
  /** Exclusive. */
  to?: Date;
  /** `/team-a` matches `/team-a` and `/team-a/alice`, not `/team-ab`; `/` matches every row. */
  userPathPrefix?: string;
  /** Exact match on the requested or the resolved model. */
  model?: string;
  /** Exact match on the provider instance (`openai-east`) or the provider type (`openai`). */
  provider?: string;
  /** Exact HTTP status sent to the client. */
  status?: number;
  /** Exact managed key id. */
  authKeyId?: string;
}

export interface UsagePage extends UsageFilter {
  limit: number;
  offset: number;
}

export interface UsageSummary {
  requests: number;
  inputTokens: number;
  outputTokens: number;
  cachedTokens: number;
  reasoningTokens: number;
  /** Null when no row in the range has a price. */
  totalCost: number | null;
  /** Rows that carry tokens but no cost: the model had no known price (the "price unknown" count). */
  unpricedRequests: number;
}

/** One UTC time bucket of the usage series (`bucketSeconds` wide, aligned to the Unix epoch). */
export interface UsageBucket extends UsageSummary {
  bucketStart: Date;
}

export interface UsageByModel extends UsageSummary {
  /** The resolved (provider-local) model. */
  model: string;
  provider: string;
  providerType: string;
}

export interface UsageByUserPath extends UsageSummary {
  /** Rows without a user path are grouped under `/`. */
  userPath: string;
}

export abstract class UsageStore {
  /** Writes the rows; a row whose id is already stored is skipped, so a retried batch never doubles. */
  abstract insertMany(records: UsageRow[]): Promise<void>;
  /** Deletes rows older than the cutoff and returns how many went. */
  abstract deleteOlderThan(cutoff: Date): Promise<number>;
  abstract summary(filter: UsageFilter): Promise<UsageSummary>;
  /**
   * Totals per UTC bucket of `bucketSeconds` (a divisor of 3600, e.g. 900), oldest first, empty buckets left out. The
   * admin API folds them into days, weeks or months of the caller's time zone, so the database never needs zone data.
   */
  abstract series(filter: UsageFilter, bucketSeconds: number): Promise<UsageBucket[]>;
  /** Totals per (model, provider), most expensive first (then most requests); the first `limit` when given. */
  abstract byModel(filter: UsageFilter, limit?: number): Promise<UsageByModel[]>;
  /** Totals per exact user path, most expensive first (then most requests). */
  abstract byUserPath(filter: UsageFilter): Promise<UsageByUserPath[]>;
  /** Newest first. */
  abstract list(page: UsagePage): Promise<UsageRow[]>;
  /** How many rows the filter selects (for pagination). */
  abstract count(filter: UsageFilter): Promise<number>;
}

/** The path prefix without its trailing slashes; undefined when it selects every row. */
export function normalizeUserPathPrefix(prefix: string | undefined): string | undefined {
  const trimmed = prefix?.trim().replace(/\/+$/, '');
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}

/** Series buckets are whole seconds; anything else is a caller's bug, not a query to run. */
export function assertBucketSeconds(bucketSeconds: number): void {
  if (!Number.isInteger(bucketSeconds) || bucketSeconds <= 0) {
    throw new RangeError(`bucketSeconds must be a positive whole number of seconds, got ${bucketSeconds}`);
  }
}
