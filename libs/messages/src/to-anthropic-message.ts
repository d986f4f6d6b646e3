// A chat completion from a translated provider → the Anthropic message the /v1/messages client expects.
import type { ChatCompletion, ChatToolCall, FinishReason } from '@modelgate/core';
import { toAnthropicUsage } from './anthropic-usage.js';
import type { AnthropicMessage, ContentBlock, StopReason } from './anthropic-wire.js';
import { toToolUseId } from './tool-use-id.js';

export function toStopReason(finish: FinishReason | string | null | undefined): StopReason {
  switch (finish) {
    case 'length':
      return 'max_tokens';
    case 'tool_calls':
    case 'function_call':
      return 'tool_use';
    case 'content_filter':
      return 'refusal';
    default:
      return 'end_turn';
  }
}

/** Tool arguments as the object Anthropic's `input` is; arguments that are not a JSON object keep their text. */
export function toToolInput(args: string): Record<string, unknown> {
  if (args.trim() === '') return {};
  try {
    const parsed: unknown = JSON.parse(args);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // falls through: the model's text is kept for the client to see
  }
  return { arguments: args };
}

/** Reasoning text under either name providers use (DeepSeek/vLLM `reasoning_content`, OpenRouter/Ollama `reasoning`). */
export function reasoningOf(source: { reasoning_content?: unknown; reasoning?: unknown }): string | undefined {
  const text = typeof source.reasoning_content === 'string' ? source.reasoning_content : source.reasoning;
  return typeof text === 'string' && text !== '' ? text : undefined;
}

function toolUseBlock(call: ChatToolCall): ContentBlock {
  return {
    type: 'tool_use',
    id: toToolUseId(call.id, call.extra_content),
    name: call.function.name,
    input: toToolInput(call.function.arguments),
  };
}

/** Blocks in Anthropic's order: thinking, text, then each tool_use. `model` is the one the client asked for. */
export function toAnthropicMessage(completion: ChatCompletion, model: string): AnthropicMessage {
  const choice = completion.choices[0];
  const message = choice?.message;
  const content: ContentBlock[] = [];
  const reasoning = message && reasoningOf(message as { reasoning_content?: unknown; reasoning?: unknown });
  // Another provider's reasoning carries no Anthropic signature; the empty one tells the client there is none to verify.
  if (reasoning !== undefined) content.push({ type: 'thinking', thinking: reasoning, signature: '' });
  if (typeof message?.content === 'string' && message.content !== '') content.push({ type: 'text', text: message.content });
  for (const call of message?.tool_calls ?? []) content.push(toolUseBlock(call));
  return {
    id: completion.id,
    type: 'message',
    role: 'assistant',
    model,
    content,
    stop_reason: toStopReason(choice?.finish_reason),
    stop_sequence: null,
    usage: toAnthropicUsage(completion.usage),
  };
}
