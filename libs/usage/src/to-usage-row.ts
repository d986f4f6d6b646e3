// A finished model request as the usage row the store keeps.
import { randomUUID } from 'node:crypto';
import { exceedsJsonDepth, type RequestRecord, type Usage } from '@modelgate/core';
import type { UsageRow } from '@modelgate/storage';
import type { UsageCost } from './usage-cost-source.js';

/** A count the provider reported; anything else (absent, null, negative, not a number) stays null, never 0. */
function tokenCount(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : null;
}

function tokenCounts(usage: Usage | undefined): Pick<UsageRow, 'inputTokens' | 'outputTokens' | 'cachedTokens' | 'reasoningTokens'> {
  return {
    inputTokens: tokenCount(usage?.prompt_tokens),
    outputTokens: tokenCount(usage?.completion_tokens),
    cachedTokens: tokenCount(usage?.prompt_tokens_details?.cached_tokens),
    reasoningTokens: tokenCount(usage?.completion_tokens_details?.reasoning_tokens),
  };
}

/** Requests that failed before routing (unknown model) have no provider: stored as '' so they are still counted. */
export function toUsageRow(record: RequestRecord, cost: UsageCost): UsageRow {
  return {
    id: randomUUID(),
    requestId: record.requestId,
    timestamp: record.startedAt,
    provider: record.provider ?? '',
    providerType: record.providerType ?? '',
    requestedModel: record.requestedModel ?? record.model ?? '',
    model: record.model ?? '',
    endpoint: record.endpoint,
    userPath: record.userPath ?? null,
    authKeyId: record.authKeyId ?? null,
    status: record.status,
    stream: record.stream,
    ...tokenCounts(record.usage),
    latencyMs: Math.round(record.durationMs),
    ttftMs: record.timeToFirstByteMs === undefined ? null : Math.round(record.timeToFirstByteMs),
    costUsd: cost.costUsd,
    costSource: cost.costSource,
    // A provider's usage nested past the depth limit could not be stored as JSON: its counts are kept without it.
    rawUsage: record.usage === undefined || exceedsJsonDepth(record.usage) ? null : record.usage,
    cacheType: record.cacheType ?? null,
  };
}
