// Anthropic answers → OpenAI chat shapes: the message, its finish reason, its usage, and the model list.
import type { ModelObject, Usage } from '@modelgate/core';
import type { ChatCompletion, ChatMessage, ChatToolCall, FinishReason } from './openai-chat.js';
import type { AnthropicContentBlock, AnthropicMessage, AnthropicModel, AnthropicReplayBlock, AnthropicUsage } from './wire.js';

export function toFinishReason(stopReason: string | null | undefined): FinishReason | null {
  switch (stopReason) {
    case null:
    case undefined:
      return null;
    case 'max_tokens':
    case 'model_context_window_exceeded':
      return 'length';
    case 'tool_use':
      return 'tool_calls';
    case 'refusal':
      return 'content_filter';
    default:
      // end_turn, stop_sequence, pause_turn and any future reason that ends the turn normally.
      return 'stop';
  }
}

function count(value: number | null | undefined): number {
  return typeof value === 'number' ? value : 0;
}

/** Anthropic's input_tokens excludes cache reads and writes; OpenAI's prompt_tokens counts every input token. */
export function toChatUsage(usage: AnthropicUsage): Usage {
  const cacheRead = count(usage.cache_read_input_tokens);
  const cacheCreation = count(usage.cache_creation_input_tokens);
  const prompt = count(usage.input_tokens) + cacheRead + cacheCreation;
  const completion = count(usage.output_tokens);
  const out: Usage = {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
    prompt_tokens_details: { cached_tokens: cacheRead },
  };
  if (typeof usage.cache_read_input_tokens === 'number') out.cache_read_input_tokens = usage.cache_read_input_tokens;
  if (typeof usage.cache_creation_input_tokens === 'number') out.cache_creation_input_tokens = usage.cache_creation_input_tokens;
  return out;
}

export function isReplayBlock(block: AnthropicContentBlock): block is AnthropicReplayBlock {
  return block.type === 'thinking' || block.type === 'redacted_thinking';
}

function toToolCall(block: AnthropicContentBlock): ChatToolCall | undefined {
  if (block.type !== 'tool_use') return undefined;
  const { id, name, input } = block as { id: string; name: string; input: unknown };
  return { id, type: 'function', function: { name, arguments: JSON.stringify(input ?? {}) } };
}

export function toChatMessage(content: readonly AnthropicContentBlock[]): ChatMessage {
  let text: string | null = null;
  let reasoning: string | undefined;
  const toolCalls: ChatToolCall[] = [];
  const replay: AnthropicReplayBlock[] = [];
  for (const block of content) {
    if (block.type === 'text') text = (text ?? '') + (block as { text: string }).text;
    else if (block.type === 'thinking') reasoning = (reasoning ?? '') + (block as { thinking: string }).thinking;
    const call = toToolCall(block);
    if (call) toolCalls.push(call);
    if (isReplayBlock(block)) replay.push(block);
  }
  const message: ChatMessage = { role: 'assistant', content: text, refusal: null };
  if (reasoning !== undefined) message.reasoning_content = reasoning;
  if (toolCalls.length > 0) message.tool_calls = toolCalls;
  if (replay.length > 0) message.extra_content = { anthropic: { thinking_blocks: replay } };
  return message;
}

/** `created` is the gateway's clock (Anthropic sends none). */
export function fromAnthropicMessage(message: AnthropicMessage, created: number): ChatCompletion {
  return {
    id: message.id,
    object: 'chat.completion',
    created,
    model: message.model,
    choices: [{ index: 0, message: toChatMessage(message.content), logprobs: null, finish_reason: toFinishReason(message.stop_reason) }],
    usage: toChatUsage(message.usage),
  };
}

export function fromAnthropicModel(model: AnthropicModel, ownedBy: string): ModelObject {
  const created = model.created_at === undefined ? NaN : Date.parse(model.created_at);
  const object: ModelObject = {
    id: model.id,
    object: 'model',
    created: Number.isNaN(created) ? 0 : Math.floor(created / 1000),
    owned_by: ownedBy,
  };
  if (model.display_name !== undefined) object.display_name = model.display_name;
  return object;
}
