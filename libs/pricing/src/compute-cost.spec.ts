import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Usage } from '@modelgate/core';
import { computeCost } from './compute-cost.js';
import { PricingTable } from './pricing-table.js';

const TABLE = new PricingTable({
  'gpt-4o-mini': { input: 0.15, output: 0.6, cached_input: 0.075 },
  'claude-sonnet-4-5': { input: 3, output: 15, cached_input: 0.3, cache_write: 3.75 },
  'claude-3-5-haiku': { input: 0.8, output: 4, cached_input: 0.08 },
  'gemini-2.5-flash': { input: 0.3, output: 2.5, cached_input: 0.03 },
  'grok-3-mini': { input: 0.3, output: 0.5, cached_input: 0.075 },
  'o4-mini': { input: 1.1, output: 4.4, cached_input: 0.275, reasoning: 8 },
});
const OPENAI = { name: 'openai', type: 'openai' };
const ANTHROPIC = { name: 'anthropic', type: 'anthropic' };
const GEMINI = { name: 'gemini', type: 'gemini' };

describe('computeCost', () => {
  it('prices OpenAI cached tokens inside prompt_tokens at the cached rate', () => {
    // The shape of libs/providers/fixtures/openai/chat_completion.json, with a cache hit.
    const usage: Usage = {
      prompt_tokens: 2000,
      completion_tokens: 400,
      total_tokens: 2400,
      prompt_tokens_details: { cached_tokens: 1536, audio_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
    };
    // 464 × 0.15 + 1536 × 0.075 + 400 × 0.6 = 69.6 + 115.2 + 240 per 1M tokens
    assert.deepEqual(computeCost(usage, OPENAI, 'gpt-4o-mini', TABLE), {
      costUsd: 0.0004248,
      costSource: 'table',
      inputTokens: 2000,
      outputTokens: 400,
      cachedTokens: 1536,
      reasoningTokens: 0,
    });
  });

  it('prices Anthropic cache reads at cached_input and cache writes at cache_write', () => {
    // toChatUsage of { input_tokens: 100, cache_read_input_tokens: 2000, cache_creation_input_tokens: 1000, output_tokens: 500 }
    const usage: Usage = {
      prompt_tokens: 3100,
      completion_tokens: 500,
      total_tokens: 3600,
      prompt_tokens_details: { cached_tokens: 2000 },
      cache_read_input_tokens: 2000,
      cache_creation_input_tokens: 1000,
    };
    // 100 × 3 + 2000 × 0.3 + 1000 × 3.75 + 500 × 15 = 300 + 600 + 3750 + 7500
    assert.deepEqual(computeCost(usage, ANTHROPIC, 'claude-sonnet-4-5-20250929', TABLE), {
      costUsd: 0.01215,
      costSource: 'table',
      inputTokens: 3100,
      outputTokens: 500,
      cachedTokens: 2000,
      reasoningTokens: null,
    });
  });

  it('prices Anthropic cache writes at 1.25 × input when the model has no cache_write rate', () => {
    const usage: Usage = { prompt_tokens: 1000, completion_tokens: 0, total_tokens: 1000, cache_creation_input_tokens: 1000 };
    assert.deepEqual(computeCost(usage, ANTHROPIC, 'claude-3-5-haiku-latest', TABLE), {
      costUsd: 0.001,
      costSource: 'table',
      inputTokens: 1000,
      outputTokens: 0,
      cachedTokens: null,
      reasoningTokens: null,
    });
  });

  it('counts Gemini thinking tokens once, inside the output', () => {
    // toUsage of { promptTokenCount: 1000, candidatesTokenCount: 200, thoughtsTokenCount: 800, totalTokenCount: 2000 }
    const usage: Usage = {
      prompt_tokens: 1000,
      completion_tokens: 1000,
      total_tokens: 2000,
      completion_tokens_details: { reasoning_tokens: 800 },
    };
    // 1000 × 0.3 + 1000 × 2.5
    assert.deepEqual(computeCost(usage, GEMINI, 'gemini-2.5-flash', TABLE), {
      costUsd: 0.0028,
      costSource: 'table',
      inputTokens: 1000,
      outputTokens: 1000,
      cachedTokens: null,
      reasoningTokens: 800,
    });
  });

  it('prices reasoning tokens at their own rate when the model has one', () => {
    const usage: Usage = {
      prompt_tokens: 1000,
      completion_tokens: 1000,
      total_tokens: 2000,
      completion_tokens_details: { reasoning_tokens: 600 },
    };
    // 1000 × 1.1 + 400 × 4.4 + 600 × 8
    assert.equal(computeCost(usage, OPENAI, 'o4-mini', TABLE).costUsd, 0.00766);
  });

  it('adds reasoning tokens reported beside completion_tokens (total = prompt + completion + reasoning) to the output', () => {
    const usage: Usage = {
      prompt_tokens: 100,
      completion_tokens: 20,
      total_tokens: 400,
      completion_tokens_details: { reasoning_tokens: 280 },
    };
    // 100 × 0.3 + 300 × 0.5
    assert.deepEqual(computeCost(usage, { name: 'xai', type: 'xai' }, 'grok-3-mini', TABLE), {
      costUsd: 0.00018,
      costSource: 'table',
      inputTokens: 100,
      outputTokens: 300,
      cachedTokens: null,
      reasoningTokens: 280,
    });
  });

  it("takes OpenRouter's own usage.cost over any table price", () => {
    const usage: Usage = { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15, cost: 0.0000123, is_byok: false };
    assert.deepEqual(computeCost(usage, { name: 'openrouter', type: 'openrouter' }, 'openai/gpt-4o-mini', TABLE), {
      costUsd: 0.0000123,
      costSource: 'provider',
      inputTokens: 10,
      outputTokens: 5,
      cachedTokens: null,
      reasoningTokens: null,
    });
  });

  it('ignores a provider cost that is not a finite number', () => {
    const usage: Usage = { prompt_tokens: 1000, completion_tokens: 0, total_tokens: 1000, cost: '0.5' };
    assert.deepEqual(computeCost(usage, OPENAI, 'gpt-4o-mini', TABLE), {
      costUsd: 0.00015,
      costSource: 'table',
      inputTokens: 1000,
      outputTokens: 0,
      cachedTokens: null,
      reasoningTokens: null,
    });
  });

  it('prices a config override and says so', () => {
    const prices = new PricingTable({ 'gpt-4o-mini': { input: 0.15, output: 0.6 } }, { 'gpt-4o-mini': { input: 1, output: 2 } });
    const usage: Usage = { prompt_tokens: 1000, completion_tokens: 1000, total_tokens: 2000 };
    assert.deepEqual(computeCost(usage, OPENAI, 'gpt-4o-mini-2024-07-18', prices), {
      costUsd: 0.003,
      costSource: 'config',
      inputTokens: 1000,
      outputTokens: 1000,
      cachedTokens: null,
      reasoningTokens: null,
    });
  });

  it('leaves the cost of an unknown model null and keeps the counts', () => {
    const usage: Usage = { prompt_tokens: 12, completion_tokens: 7, total_tokens: 19, prompt_tokens_details: { cached_tokens: 0 } };
    assert.deepEqual(computeCost(usage, { name: 'local', type: 'ollama' }, 'llama3.2', TABLE), {
      costUsd: null,
      costSource: null,
      inputTokens: 12,
      outputTokens: 7,
      cachedTokens: 0,
      reasoningTokens: null,
    });
  });

  it('returns all nulls when the provider reported no usage', () => {
    assert.deepEqual(computeCost(undefined, OPENAI, 'gpt-4o-mini', TABLE), {
      costUsd: null,
      costSource: null,
      inputTokens: null,
      outputTokens: null,
      cachedTokens: null,
      reasoningTokens: null,
    });
  });

  it('leaves the cost null when the usage holds no token counts', () => {
    assert.deepEqual(computeCost({}, OPENAI, 'gpt-4o-mini', TABLE), {
      costUsd: null,
      costSource: null,
      inputTokens: null,
      outputTokens: null,
      cachedTokens: null,
      reasoningTokens: null,
    });
  });
});
