// Token counts between the two wires. Anthropic's input_tokens excludes cache reads and writes; OpenAI's
// prompt_tokens counts every input token and names the cached share in prompt_tokens_details.
import type { Usage } from '@modelgate/core';
import type { AnthropicUsage } from './anthropic-wire.js';

function count(value: unknown): number {
  return typeof value === 'number' ? value : 0;
}

/** Usage of a translated answer in Anthropic's shape. */
export function toAnthropicUsage(usage: Usage | undefined): AnthropicUsage {
  const cached = count(usage?.prompt_tokens_details?.cached_tokens);
  const cacheCreation = count(usage?.cache_creation_input_tokens);
  return {
    input_tokens: Math.max(0, count(usage?.prompt_tokens) - cached - cacheCreation),
    output_tokens: count(usage?.completion_tokens),
    cache_creation_input_tokens: cacheCreation,
    cache_read_input_tokens: cached,
  };
}
