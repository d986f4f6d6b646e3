// The usage aggregate: one row per model request. `UsageStore` is the DI token; a backend module binds it to the
// TypeORM (SQLite, PostgreSQL) or Mongoose (MongoDB) implementation, both proven by contract/usage-store.contract.ts.

/** Where a row's price came from: the shipped pricing table, a config override, or the provider's own figure. */
export type CostSource = 'table' | 'config' | 'provider';

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
}

export interface UsageFilter {
  /** Inclusive. */
  from?: Date;
  /** Exclusive. */
  to?: Date;
  /** `/team-a` matches `/team-a` and `/team-a/alice`, not `/team-ab`; `/` matches every row. */
  userPathPrefix?: string;
}

export interface UsagePage extends UsageFilter {
  limit: number;
  offset: number;
}

export interface UsageSummary {
  requests: number;
  inputTokens: number;
  outputTokens: number;
  /** Null when no row in the range has a price. */
  totalCost: number | null;
}

export abstract class UsageStore {
  /** Writes the rows; a row whose id is already stored is skipped, so a retried batch never doubles. */
  abstract insertMany(records: UsageRow[]): Promise<void>;
  /** Deletes rows older than the cutoff and returns how many went. */
  abstract deleteOlderThan(cutoff: Date): Promise<number>;
  abstract summary(filter: UsageFilter): Promise<UsageSummary>;
  /** Newest first. */
  abstract list(page: UsagePage): Promise<UsageRow[]>;
}

/** The path prefix without its trailing slashes; undefined when it selects every row. */
export function normalizeUserPathPrefix(prefix: string | undefined): string | undefined {
  const trimmed = prefix?.trim().replace(/\/+$/, '');
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}
