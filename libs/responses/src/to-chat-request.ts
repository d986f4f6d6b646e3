// Responses request → canonical chat request, for providers without a native Responses API. Non-function tools
// (web_search, namespace, file_search ...) have no chat counterpart and are dropped; Responses-only fields
// (metadata, store, include, prompt_cache_key ...) stay in the gateway.
import { GatewayError, type ChatCompletionRequest } from '@modelgate/core';
import { decodeReplayState } from './replay-state.js';
import type { ResponseItem, ResponsesRequest } from './wire.js';

type ChatMessageParam = Record<string, unknown> & { role: string };
type ChatPart = { type: 'text'; text: string } | { type: 'image_url'; image_url: { url: string; detail?: string } };

/** Fields that are translated below, served by the gateway, or meaningless to a chat upstream. */
const NOT_COPIED = new Set([
  'input',
  'instructions',
  'tools',
  'tool_choice',
  'reasoning',
  'text',
  'max_output_tokens',
  'metadata',
  'store',
  'previous_response_id',
  'conversation',
  'include',
  'prompt',
  'prompt_cache_key',
  'prompt_cache_retention',
  'client_metadata',
  'truncation',
  'background',
  'stream_options',
  'max_tool_calls',
  'top_logprobs',
  'safety_identifier',
]);

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** String input becomes one user message item; an item list is used as it is. */
export function toInputItems(input: ResponsesRequest['input']): ResponseItem[] {
  if (input === undefined || input === null) return [];
  if (typeof input === 'string') return [{ type: 'message', role: 'user', content: [{ type: 'input_text', text: input }] }];
  return input;
}

export function toChatRequest(request: ResponsesRequest, history: readonly ResponseItem[] = []): ChatCompletionRequest {
  const messages = toChatMessages(request.instructions, history, toInputItems(request.input));
  if (messages.length === 0) throw GatewayError.badRequest('input is required: a string or a non-empty array of items', { param: 'input' });
  const chat: ChatCompletionRequest = { model: request.model, messages };
  for (const [key, value] of Object.entries(request)) {
    if (!NOT_COPIED.has(key) && key !== 'model' && value !== undefined) chat[key] = value;
  }
  if (request.stream === true) chat.stream_options = { include_usage: true };
  const tools = toChatTools(request.tools);
  if (tools.length > 0) {
    chat.tools = tools;
    const choice = toChatToolChoice(request.tool_choice);
    if (choice !== undefined) chat.tool_choice = choice;
  }
  if (isObject(request.reasoning) && typeof request.reasoning.effort === 'string') chat.reasoning_effort = request.reasoning.effort;
  const format = toResponseFormat(request.text);
  if (format !== undefined) chat.response_format = format;
  if (typeof request.max_output_tokens === 'number') chat.max_tokens = request.max_output_tokens;
  return chat;
}

function toChatMessages(instructions: unknown, history: readonly ResponseItem[], input: readonly ResponseItem[]): ChatMessageParam[] {
  const builder = new MessageBuilder();
  if (typeof instructions === 'string' && instructions !== '') builder.messages.push({ role: 'system', content: instructions });
  history.forEach((item, index) => builder.add(item, `history[${index}]`));
  input.forEach((item, index) => builder.add(item, `input[${index}]`));
  return builder.messages;
}

class MessageBuilder {
  readonly messages: ChatMessageParam[] = [];
  /** Replay state from a reasoning item, for the assistant message that follows it. */
  private pendingExtra: Record<string, unknown> | undefined;

  add(item: ResponseItem, param: string): void {
    if (!isObject(item)) throw GatewayError.badRequest(`${param} must be an object`, { param });
    switch (item.type ?? 'message') {
      case 'message':
        return this.message(item, param);
      case 'function_call':
        return this.functionCall(item, param);
      case 'function_call_output':
        return this.functionCallOutput(item, param);
      case 'reasoning':
        this.pendingExtra = decodeReplayState(item.encrypted_content) ?? this.pendingExtra;
        return;
      default:
        throw GatewayError.badRequest(
          `${param}: items of type '${String(item.type)}' cannot be sent to a provider without the Responses API; ` +
            'send message, function_call and function_call_output items',
          { param },
        );
    }
  }

  private message(item: ResponseItem, param: string): void {
    const role = item.role;
    if (role !== 'user' && role !== 'assistant' && role !== 'system' && role !== 'developer') {
      throw GatewayError.badRequest(`${param}.role must be user, assistant, system or developer`, { param: `${param}.role` });
    }
    const parts = toChatParts(item.content, `${param}.content`);
    if (role === 'assistant') {
      const text = parts.map((part) => (part.type === 'text' ? part.text : '')).join('');
      this.push({ role, content: text });
      return;
    }
    const content = parts.length === 1 && parts[0]!.type === 'text' ? parts[0]!.text : parts;
    this.messages.push({ role, content });
  }

  private functionCall(item: ResponseItem, param: string): void {
    if (typeof item.name !== 'string' || item.name === '') {
      throw GatewayError.badRequest(`${param}.name is required for a function_call item`, { param: `${param}.name` });
    }
    const id = typeof item.call_id === 'string' ? item.call_id : item.id;
    if (typeof id !== 'string' || id === '') {
      throw GatewayError.badRequest(`${param}.call_id is required for a function_call item`, { param: `${param}.call_id` });
    }
    const call: Record<string, unknown> = {
      id,
      type: 'function',
      function: { name: item.name, arguments: typeof item.arguments === 'string' ? item.arguments : '{}' },
    };
    if (isObject(item.extra_content)) call.extra_content = item.extra_content;
    // Calls that follow an assistant message (or each other) belong to that same assistant turn.
    const last = this.messages.at(-1);
    if (last?.role === 'assistant' && this.pendingExtra === undefined) {
      last.tool_calls = [...((last.tool_calls as unknown[] | undefined) ?? []), call];
      if (last.content === '') last.content = null;
      return;
    }
    this.push({ role: 'assistant', content: null, tool_calls: [call] });
  }

  private functionCallOutput(item: ResponseItem, param: string): void {
    if (typeof item.call_id !== 'string' || item.call_id === '') {
      throw GatewayError.badRequest(`${param}.call_id is required for a function_call_output item`, { param: `${param}.call_id` });
    }
    this.messages.push({ role: 'tool', tool_call_id: item.call_id, content: toolOutputText(item.output) });
  }

  /** An assistant message, carrying the replay state of the reasoning item before it. */
  private push(message: ChatMessageParam): void {
    if (this.pendingExtra !== undefined) message.extra_content = this.pendingExtra;
    this.pendingExtra = undefined;
    this.messages.push(message);
  }
}

function toChatParts(content: unknown, param: string): ChatPart[] {
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  if (!Array.isArray(content)) throw GatewayError.badRequest(`${param} must be a string or an array of content parts`, { param });
  return content.map((part: unknown, index) => toChatPart(part, `${param}[${index}]`));
}

function toChatPart(part: unknown, param: string): ChatPart {
  if (!isObject(part)) throw GatewayError.badRequest(`${param} must be a content part object`, { param });
  switch (part.type) {
    case 'input_text':
    case 'output_text':
    case 'text':
      if (typeof part.text !== 'string') throw GatewayError.badRequest(`${param}.text must be a string`, { param: `${param}.text` });
      return { type: 'text', text: part.text };
    case 'refusal':
      return { type: 'text', text: typeof part.refusal === 'string' ? part.refusal : '' };
    case 'input_image': {
      const url = isObject(part.image_url) ? part.image_url.url : part.image_url;
      if (typeof url !== 'string' || url === '') {
        throw GatewayError.badRequest(`${param}.image_url is required (a URL or data URL); file_id images need the Responses API`, {
          param: `${param}.image_url`,
        });
      }
      return { type: 'image_url', image_url: typeof part.detail === 'string' ? { url, detail: part.detail } : { url } };
    }
    default:
      throw GatewayError.badRequest(
        `${param}: content parts of type '${String(part.type)}' cannot be sent to a provider without the Responses API`,
        { param },
      );
  }
}

function toolOutputText(output: unknown): string {
  if (typeof output === 'string') return output;
  if (Array.isArray(output) && output.every((part) => isObject(part) && typeof part.text === 'string')) {
    return output.map((part) => (part as { text: string }).text).join('');
  }
  return JSON.stringify(output ?? '');
}

/** `{type:'function', name, ...}` → `{type:'function', function:{name, ...}}`; other tool types are dropped. */
function toChatTools(tools: unknown): Record<string, unknown>[] {
  if (!Array.isArray(tools)) return [];
  return tools.flatMap((tool: unknown, index) => {
    if (!isObject(tool) || tool.type !== 'function') return [];
    if (typeof tool.name !== 'string' || tool.name === '') {
      throw GatewayError.badRequest(`tools[${index}].name is required for a function tool`, { param: `tools[${index}].name` });
    }
    const fn: Record<string, unknown> = { name: tool.name };
    for (const key of ['description', 'parameters', 'strict'] as const)
      if (tool[key] !== undefined && tool[key] !== null) fn[key] = tool[key];
    return [{ type: 'function', function: fn }];
  });
}

function toChatToolChoice(choice: unknown): unknown {
  if (typeof choice === 'string') return choice;
  if (isObject(choice) && choice.type === 'function' && typeof choice.name === 'string') {
    return { type: 'function', function: { name: choice.name } };
  }
  return undefined;
}

function toResponseFormat(text: unknown): Record<string, unknown> | undefined {
  if (!isObject(text) || !isObject(text.format)) return undefined;
  const { type, ...schema } = text.format;
  if (type === 'json_object') return { type: 'json_object' };
  if (type !== 'json_schema') return undefined;
  return { type: 'json_schema', json_schema: schema };
}
