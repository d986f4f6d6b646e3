// The batch object clients see: the provider's batch in OpenAI's shape under the gateway's own id, with the
// client's input file and metadata, and where it runs.

export interface GatewayBatchIdentity {
  id: string;
  provider: string;
  providerBatchId: string;
  /** The file the client named (not a rewritten copy); null for inline batches. */
  inputFileId: string | null;
  endpoint: string;
  completionWindow: string;
  metadata: Record<string, string>;
  /** Tokens summed over the results, once they were read (GoModel's batch `usage`). */
  usage?: BatchUsage;
}

/** GoModel's batch `usage`: the tokens of the succeeded items (no costs: prices live in the usage rows). */
export interface BatchUsage {
  input_tokens: number;
  output_tokens: number;
  total_tokens: number;
}

const NO_USAGE: BatchUsage = { input_tokens: 0, output_tokens: 0, total_tokens: 0 };

function isBatchUsage(value: unknown): value is BatchUsage {
  const usage = value as Partial<BatchUsage> | null;
  return typeof usage?.input_tokens === 'number' && typeof usage.output_tokens === 'number' && typeof usage.total_tokens === 'number';
}

export const TERMINAL_STATUSES: ReadonlySet<string> = new Set(['completed', 'failed', 'cancelled', 'expired']);

export function toGatewayBatch(providerBatch: Record<string, unknown>, identity: GatewayBatchIdentity): Record<string, unknown> {
  return {
    ...providerBatch,
    id: identity.id,
    object: 'batch',
    endpoint: identity.endpoint,
    input_file_id: identity.inputFileId,
    completion_window: identity.completionWindow,
    metadata: { ...identity.metadata, provider: identity.provider, provider_batch_id: identity.providerBatchId },
    provider: identity.provider,
    provider_batch_id: identity.providerBatchId,
    // Summed results win; before them, the provider's own count (OpenAI reports one), else zeros.
    usage: identity.usage ?? (isBatchUsage(providerBatch.usage) ? providerBatch.usage : NO_USAGE),
  };
}

/** What toGatewayBatch needs back from a stored gateway batch, to merge a refreshed provider batch into it. */
export function identityOf(batch: Record<string, unknown>): GatewayBatchIdentity {
  const metadata = { ...(batch.metadata as Record<string, string> | null) };
  delete metadata.provider;
  delete metadata.provider_batch_id;
  return {
    id: String(batch.id),
    provider: String(batch.provider),
    providerBatchId: String(batch.provider_batch_id),
    inputFileId: typeof batch.input_file_id === 'string' ? batch.input_file_id : null,
    endpoint: String(batch.endpoint),
    completionWindow: String(batch.completion_window),
    metadata,
    // Zeros are "not known yet": a refresh then takes the provider's count.
    ...(isBatchUsage(batch.usage) && batch.usage.total_tokens > 0 ? { usage: batch.usage } : {}),
  };
}
