// One usage record per succeeded batch item, published like any finished model request so the usage recorder
// writes it: endpoint /v1/batches (batch pricing), the batch's provider, the item's model and the creator's path.
import type { RequestRecord, Usage } from '@modelgate/core';
import type { BatchResultLine } from '@modelgate/providers';
import type { BatchRow } from '@modelgate/storage';

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
  };
}
