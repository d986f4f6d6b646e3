// One usage record per succeeded batch item, published like any finished model request so the usage recorder
// writes it: endpoint /v1/batches (batch pricing), the batch's provider, the item's model and the creator's path.
import type { RequestRecord, Usage } from '@modelgate/core';
import type { BatchResultLine } from '@modelgate/providers';
import type { BatchRow } from '@modelgate/storage';
import type { BatchUsage } from './gateway-batch.js';

const count = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0);

/**
 * `total` plus the tokens of one result line, when it succeeded: chat and embeddings count prompt/completion
 * tokens, Responses input/output tokens.
 */
export function addItemUsage(total: BatchUsage, line: BatchResultLine): BatchUsage {
  const response = line.response;
  if (!response || response.status_code < 200 || response.status_code >= 300) return total;
  const usage = response.body.usage as Record<string, unknown> | null | undefined;
  if (typeof usage !== 'object' || usage === null) return total;
  const input = count(usage.prompt_tokens ?? usage.input_tokens);
  const output = count(usage.completion_tokens ?? usage.output_tokens);
  const sum = count(usage.total_tokens) || input + output;
  return {
    input_tokens: total.input_tokens + input,
    output_tokens: total.output_tokens + output,
    total_tokens: total.total_tokens + sum,
  };
}

export function usageRecordOf(
  row: Pick<BatchRow, 'id' | 'provider' | 'providerType' | 'userPath'>,
  line: BatchResultLine,
): RequestRecord | undefined {
  const response = line.response;
  if (!response || response.status_code < 200 || response.status_code >= 300) return undefined;
  const usage = response.body.usage;
  if (typeof usage !== 'object' || usage === null) return undefined;
  const model = typeof response.body.model === 'string' ? response.body.model : undefined;
  return {
    // Deterministic per item, so the row says which batch item it was.
    requestId: `${row.id}:${line.custom_id}`,
    endpoint: '/v1/batches',
    provider: row.provider,
    providerType: row.providerType,
    requestedModel: model,
    model,
    userPath: row.userPath ?? undefined,
    authKeyId: undefined,
    stream: false,
    status: response.status_code,
    upstreamStatus: response.status_code,
    durationMs: 0,
    timeToFirstByteMs: undefined,
    usage: usage as Usage,
    startedAt: new Date(),
    attempts: [],
    cacheType: undefined,
  };
}
