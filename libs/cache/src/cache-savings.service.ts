// What a hit saved: the answer's tokens, and what they would have cost at the model's price (unpriced: tokens only).
import { Injectable, Optional } from '@nestjs/common';
import type { Usage } from '@modelgate/core';
import type { ModelCall } from '@modelgate/pipeline';
import { computeCost, PricingTable } from '@modelgate/pricing';
import type { LayerStats } from './layer-stats.js';

function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;
}

/** Chat, Responses (input/output_tokens) and embeddings usage in the chat shape pricing reads. */
export function toChatShape(usage: unknown): Usage | undefined {
  if (typeof usage !== 'object' || usage === null) return undefined;
  const fields = usage as Record<string, unknown>;
  if (fields.prompt_tokens !== undefined || fields.input_tokens === undefined) return fields as Usage;
  return { ...fields, prompt_tokens: fields.input_tokens, completion_tokens: fields.output_tokens } as Usage;
}

@Injectable()
export class CacheSavings {
  constructor(@Optional() private readonly prices?: PricingTable) {}

  count(stats: LayerStats, call: ModelCall, rawUsage: unknown): void {
    const usage = toChatShape(rawUsage);
    if (usage === undefined) return;
    stats.inputTokensSaved += count(usage.prompt_tokens);
    stats.outputTokensSaved += count(usage.completion_tokens);
    const candidate = call.plan.candidates[0]!;
    if (this.prices === undefined) return;
    const { costUsd } = computeCost(usage, candidate.adapter.config, candidate.model, this.prices);
    if (costUsd !== null) stats.costSavedUsd += costUsd;
  }
}
