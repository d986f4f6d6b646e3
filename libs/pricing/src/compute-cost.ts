// What one model request cost, from the usage object the provider reported (as translated to the OpenAI shape).
import type { Usage } from '@modelgate/core';
import type { ModelPrice } from '@modelgate/config';

export type CostSource = 'table' | 'config' | 'provider';

export interface CostResult {
  /** Null when nothing prices the request: counted as "price unknown", never guessed. */
  costUsd: number | null;
  costSource: CostSource | null;
  /** Token counts the usage did not report are null, never 0. */
  inputTokens: number | null;
  outputTokens: number | null;
  cachedTokens: number | null;
  reasoningTokens: number | null;
}

export interface PriceMatch {
  price: ModelPrice;
  source: 'table' | 'config';
}

/** Finds the price of a model as served by one provider instance (PricingTable implements it). */
export interface PriceLookup {
  find(provider: { name: string; type: string }, model: string): PriceMatch | undefined;
}

/** Anthropic cache writes cost 1.25 × input (5-minute cache) when the price has no `cache_write`. */
const CACHE_WRITE_MULTIPLIER = 1.25;
/** Rates are per 1M tokens; results are rounded to 1e-10 USD so sums of float products compare exactly. */
function toUsd(perMillion: number): number {
  return Math.round(perMillion * 1e4) / 1e10;
}

function count(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : null;
}

interface Counts {
  input: number | null;
  output: number | null;
  cached: number | null;
  reasoning: number | null;
  cacheRead: number;
  cacheWrite: number;
}

function readCounts(usage: Usage): Counts {
  const prompt = count(usage.prompt_tokens);
  const completion = count(usage.completion_tokens);
  const reasoning = count(usage.completion_tokens_details?.reasoning_tokens);
  const total = count(usage.total_tokens);
  // Reasoning tokens are normally inside completion_tokens; xAI reports them beside it (total = prompt +
  // completion + reasoning). Counted into the output then, so reasoning is always a part of the output.
  const reasoningBeside =
    prompt !== null && completion !== null && reasoning !== null && reasoning > 0 && total === prompt + completion + reasoning;
  return {
    input: prompt,
    output: reasoningBeside ? completion + reasoning : completion,
    cached: count(usage.prompt_tokens_details?.cached_tokens),
    reasoning,
    cacheRead: count(usage.cache_read_input_tokens) ?? 0,
    cacheWrite: count(usage.cache_creation_input_tokens) ?? 0,
  };
}

function inputCost(counts: Counts, price: ModelPrice): number {
  const input = counts.input ?? 0;
  const cachedRate = price.cached_input ?? price.input;
  if (counts.cacheRead > 0 || counts.cacheWrite > 0) {
    // Anthropic, as translated: prompt_tokens already holds the cache reads and writes, kept raw beside it.
    const fresh = Math.max(0, input - counts.cacheRead - counts.cacheWrite);
    const writeRate = price.cache_write ?? price.input * CACHE_WRITE_MULTIPLIER;
    return fresh * price.input + counts.cacheRead * cachedRate + counts.cacheWrite * writeRate;
  }
  const cached = Math.min(counts.cached ?? 0, input);
  return (input - cached) * price.input + cached * cachedRate;
}

function outputCost(counts: Counts, price: ModelPrice): number {
  const output = counts.output ?? 0;
  if (price.reasoning === undefined) return output * price.output;
  const reasoning = Math.min(counts.reasoning ?? 0, output);
  return (output - reasoning) * price.output + reasoning * price.reasoning;
}

/**
 * Prices one request. Rules (also in libs/pricing/README.md):
 * - A finite `usage.cost` (OpenRouter's own figure) wins: source `provider`.
 * - OpenAI style: `prompt_tokens` includes `prompt_tokens_details.cached_tokens`, so
 *   cost = (prompt − cached) × input + cached × cached_input + completion × output.
 * - Anthropic (translated by toChatUsage): `prompt_tokens` includes the cache reads and writes, whose raw
 *   `cache_read_input_tokens` / `cache_creation_input_tokens` stay on the usage: reads at cached_input, writes at
 *   cache_write (else input × 1.25), the rest at input.
 * - Reasoning tokens are part of the output (OpenAI, Gemini as translated); priced at `reasoning` when the model
 *   has that rate, else at output. Never counted twice; reasoning reported beside completion_tokens (xAI:
 *   total = prompt + completion + reasoning) is added to the output.
 * - A missing cached_input rate charges cached tokens at the input rate.
 * - No price: `costUsd` null, token counts kept.
 */
export function computeCost(
  usage: Usage | undefined,
  provider: { name: string; type: string },
  model: string,
  prices: PriceLookup,
): CostResult {
  if (usage === undefined) {
    return { costUsd: null, costSource: null, inputTokens: null, outputTokens: null, cachedTokens: null, reasoningTokens: null };
  }
  const counts = readCounts(usage);
  const tokens = { inputTokens: counts.input, outputTokens: counts.output, cachedTokens: counts.cached, reasoningTokens: counts.reasoning };
  const reported = usage.cost;
  if (typeof reported === 'number' && Number.isFinite(reported)) return { costUsd: reported, costSource: 'provider', ...tokens };
  const match = prices.find(provider, model);
  if (match === undefined || (counts.input === null && counts.output === null)) return { costUsd: null, costSource: null, ...tokens };
  const costUsd = toUsd(inputCost(counts, match.price) + outputCost(counts, match.price));
  return { costUsd, costSource: match.source, ...tokens };
}
