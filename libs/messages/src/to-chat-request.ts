// An Anthropic Messages request → the canonical chat request, for every provider that does not speak /v1/messages.
// Anthropic-only fields (cache_control, defer_loading, context_management, betas, top_k) have no chat meaning and
// are left out; server tools (web_search …) run only on Anthropic and are omitted.
import type { ChatCompletionRequest } from '@modelgate/core';
import type { MessagesRequest, ThinkingConfig, ToolChoice, ToolDefinition } from './anthropic-wire.js';
import { toChatMessages, toSystemMessage } from './to-chat-messages.js';

export type ReasoningEffort = 'low' | 'medium' | 'high';

const EFFORTS = new Map<string, ReasoningEffort>([
  ['low', 'low'],
  ['medium', 'medium'],
  ['high', 'high'],
  ['xhigh', 'high'],
  ['max', 'high'],
]);

/**
 * Thinking budget → reasoning effort, split halfway between the budgets the gateway sends Anthropic for each effort
 * (low 5000, medium 10000, high 20000): up to 7500 is low, up to 15000 medium, more is high. Adaptive thinking takes
 * `output_config.effort` (Claude Code 2.1.3xx sends `high`; `max` and `xhigh` become high), else medium.
 */
export function toReasoningEffort(thinking: ThinkingConfig | undefined, effort?: string): ReasoningEffort | undefined {
  if (thinking === undefined || thinking.type === 'disabled') return undefined;
  if (thinking.type === 'adaptive') return (effort !== undefined ? EFFORTS.get(effort) : undefined) ?? 'medium';
  if (thinking.budget_tokens <= 7500) return 'low';
  return thinking.budget_tokens <= 15000 ? 'medium' : 'high';
}

function isClientTool(tool: ToolDefinition): boolean {
  return tool.type === undefined || tool.type === 'custom';
}

function toChatTool(tool: ToolDefinition): Record<string, unknown> {
  const fn: Record<string, unknown> = { name: tool.name, parameters: tool.input_schema ?? { type: 'object', properties: {} } };
  if (tool.description !== undefined) fn.description = tool.description;
  return { type: 'function', function: fn };
}

function toChatToolChoice(choice: ToolChoice): unknown {
  switch (choice.type) {
    case 'auto':
      return 'auto';
    case 'any':
      return 'required';
    case 'none':
      return 'none';
    case 'tool':
      return { type: 'function', function: { name: choice.name } };
  }
}

function toolFields(request: MessagesRequest): Partial<ChatCompletionRequest> {
  const tools = (request.tools ?? []).filter(isClientTool);
  if (tools.length === 0) return {};
  const fields: Partial<ChatCompletionRequest> = { tools: tools.map(toChatTool) };
  if (request.tool_choice !== undefined) fields.tool_choice = toChatToolChoice(request.tool_choice);
  if (
    request.tool_choice !== undefined &&
    'disable_parallel_tool_use' in request.tool_choice &&
    request.tool_choice.disable_parallel_tool_use
  ) {
    fields.parallel_tool_calls = false;
  }
  return fields;
}

/** Sampling, limits and output shape; a field the client did not send stays absent. */
function generationFields(request: MessagesRequest): Partial<ChatCompletionRequest> {
  const fields: Partial<ChatCompletionRequest> = {};
  if (request.max_tokens !== undefined) fields.max_completion_tokens = request.max_tokens;
  if (request.temperature !== undefined) fields.temperature = request.temperature;
  if (request.top_p !== undefined) fields.top_p = request.top_p;
  if (request.stop_sequences !== undefined && request.stop_sequences.length > 0) fields.stop = request.stop_sequences;
  if (typeof request.metadata?.user_id === 'string') fields.user = request.metadata.user_id;
  const effort = toReasoningEffort(request.thinking, request.output_config?.effort);
  if (effort !== undefined) fields.reasoning_effort = effort;
  const format = request.output_config?.format;
  if (format?.type === 'json_schema' && format.schema !== undefined) {
    fields.response_format = { type: 'json_schema', json_schema: { name: 'output', schema: format.schema, strict: true } };
  }
  return fields;
}

export function toChatRequest(request: MessagesRequest): ChatCompletionRequest {
  const chat: ChatCompletionRequest = {
    model: request.model,
    messages: [...toSystemMessage(request.system), ...toChatMessages(request.messages)],
    ...generationFields(request),
    ...toolFields(request),
  };
  // The final chunk's usage is what message_delta reports as the authoritative count.
  if (request.stream === true) Object.assign(chat, { stream: true, stream_options: { include_usage: true } });
  return chat;
}
