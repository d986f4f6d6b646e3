// Batches the gateway created (/v1/batches): who owns each on the provider side, the last batch object seen, and
// whether its usage was recorded. `BatchStore` is the DI token; backends are proven by contract/batch-store.contract.ts.

export interface BatchRow {
  /** The gateway's id (`batch_<uuid>`), the one clients see. */
  id: string;
  /** Provider instance that runs the batch (`openai-east`). */
  provider: string;
  providerType: string;
  /** The provider's own batch id. */
  providerBatchId: string;
  /** The creator's user path; usage rows of the batch carry it. */
  userPath: string | null;
  createdAt: Date;
  /** Set once the results' usage was recorded, so it is recorded once. */
  usageLoggedAt: Date | null;
  /** The gateway batch object (OpenAI's shape) as last refreshed from the provider. */
  batch: Record<string, unknown>;
}

export interface BatchPageQuery {
  limit: number;
  /** Id of the last batch of the previous page. */
  after?: string;
}

export abstract class BatchStore {
  /** Inserts, or replaces the row with the same id. */
  abstract put(row: BatchRow): Promise<void>;
  /** Null when no batch has this id. */
  abstract get(id: string): Promise<BatchRow | null>;
  /** Newest first (ties by id, descending), at most `limit`; null when `after` names no stored batch. */
  abstract list(query: BatchPageQuery): Promise<BatchRow[] | null>;
  /** Sets `usageLoggedAt` when it is unset; true only for the caller that set it. */
  abstract markUsageLogged(id: string, at: Date): Promise<boolean>;
}
