// The admin API's usage shapes: GoModel's snake_case field names over our UsageStore records.
import type { UsageByModel, UsageByUserPath, UsageRow, UsageSummary } from '@modelgate/storage';
import type { UsagePeriodTotals } from './fold-usage-buckets.js';

function totalsJson(totals: UsageSummary) {
  return {
    requests: totals.requests,
    input_tokens: totals.inputTokens,
    output_tokens: totals.outputTokens,
    cached_tokens: totals.cachedTokens,
    reasoning_tokens: totals.reasoningTokens,
    total_tokens: totals.inputTokens + totals.outputTokens,
    /** Null when nothing in the group had a price. */
    total_cost: totals.totalCost,
    /** Requests whose model has no known price: counted, with a null cost. */
    price_unknown_requests: totals.unpricedRequests,
  };
}

export function toSummaryJson(summary: UsageSummary) {
  return {
    total_requests: summary.requests,
    total_input_tokens: summary.inputTokens,
    total_output_tokens: summary.outputTokens,
    total_cached_tokens: summary.cachedTokens,
    total_reasoning_tokens: summary.reasoningTokens,
    total_tokens: summary.inputTokens + summary.outputTokens,
    total_cost: summary.totalCost,
    price_unknown_requests: summary.unpricedRequests,
  };
}

export function toPeriodJson(period: UsagePeriodTotals) {
  return { date: period.label, ...totalsJson(period) };
}

export function toModelJson(group: UsageByModel) {
  return { model: group.model, provider: group.providerType, provider_name: group.provider, ...totalsJson(group) };
}

export function toUserPathJson(group: UsageByUserPath) {
  return { user_path: group.userPath, ...totalsJson(group) };
}

export function toUsageLogEntryJson(row: UsageRow) {
  return {
    id: row.id,
    request_id: row.requestId,
    timestamp: row.timestamp.toISOString(),
    requested_model: row.requestedModel,
    model: row.model,
    provider: row.providerType,
    provider_name: row.provider,
    endpoint: row.endpoint,
    user_path: row.userPath,
    auth_key_id: row.authKeyId,
    status_code: row.status,
    stream: row.stream,
    input_tokens: row.inputTokens,
    output_tokens: row.outputTokens,
    cached_tokens: row.cachedTokens,
    reasoning_tokens: row.reasoningTokens,
    total_tokens: row.inputTokens === null && row.outputTokens === null ? null : (row.inputTokens ?? 0) + (row.outputTokens ?? 0),
    latency_ms: row.latencyMs,
    ttft_ms: row.ttftMs,
    cost_usd: row.costUsd,
    cost_source: row.costSource,
    // GoModel's: '' unless the response cache answered.
    cache_type: row.cacheType ?? '',
    raw_data: row.rawUsage,
  };
}
