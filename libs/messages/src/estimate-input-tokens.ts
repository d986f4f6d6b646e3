// An estimate of a translated prompt's input tokens with a real BPE tokenizer, for /v1/messages/count_tokens on
// non-Anthropic models and for message_start before the upstream reports usage. It is an estimate: o200k_base for
// GPT-4o-class and newer OpenAI models, cl100k_base for every other model (whose own tokenizers are not public or
// not shipped), plus OpenAI's documented framing of 3 tokens per message and 3 to prime the answer. Images and
// files count a flat 85 tokens each (OpenAI's low-detail image cost), since their cost depends on the provider.
//
// Each encoding's tables cost ~40 MB of memory, so one is loaded on first use only: a gateway that never translates
// /v1/messages never pays for them.
import type { ChatCompletionRequest } from '@modelgate/core';

const TOKENS_PER_MESSAGE = 3;
const REPLY_PRIMING_TOKENS = 3;
const ATTACHMENT_TOKENS = 85;
// Special-token text in a prompt is ordinary text to count, not a reason to throw.
const AS_TEXT = { disallowedSpecial: new Set<string>() };

type Counter = (text: string) => number;

/** GPT-4o, GPT-4.1, GPT-5 and the o-series use o200k_base. */
export function usesO200k(model: string): boolean {
  const local = model.slice(model.lastIndexOf('/') + 1);
  return /^(gpt-4o|gpt-4\.1|gpt-4\.5|gpt-5|o\d|chatgpt-4o|gpt-oss)/.test(local);
}

const counters = new Map<'o200k' | 'cl100k', Promise<Counter>>();

function counterFor(model: string): Promise<Counter> {
  const encoding = usesO200k(model) ? 'o200k' : 'cl100k';
  let counter = counters.get(encoding);
  if (!counter) {
    const module = encoding === 'o200k' ? import('gpt-tokenizer/encoding/o200k_base') : import('gpt-tokenizer/encoding/cl100k_base');
    counter = module.then(
      ({ countTokens }) =>
        (text: string) =>
          countTokens(text, AS_TEXT),
    );
    // A failed load is not cached: the next request tries again.
    counter.catch(() => counters.delete(encoding));
    counters.set(encoding, counter);
  }
  return counter;
}

function contentTokens(content: unknown, count: Counter): number {
  if (typeof content === 'string') return count(content);
  if (!Array.isArray(content)) return 0;
  let total = 0;
  for (const part of content as { type?: string; text?: unknown }[]) {
    total += part.type === 'text' && typeof part.text === 'string' ? count(part.text) : ATTACHMENT_TOKENS;
  }
  return total;
}

export async function estimateInputTokens(request: ChatCompletionRequest): Promise<number> {
  const count = await counterFor(request.model);
  let total = REPLY_PRIMING_TOKENS;
  for (const message of request.messages as { role?: string; content?: unknown; tool_calls?: unknown }[]) {
    total += TOKENS_PER_MESSAGE + count(message.role ?? '') + contentTokens(message.content, count);
    if (message.tool_calls !== undefined) total += count(JSON.stringify(message.tool_calls));
  }
  if (Array.isArray(request.tools) && request.tools.length > 0) total += count(JSON.stringify(request.tools));
  return total;
}
