// The parts of a translated `response` object that do not depend on the answer: ids, and the request's settings
// echoed back as OpenAI does.
import { randomUUID } from 'node:crypto';
import type { Usage } from '@modelgate/core';
import type { ResponseObject, ResponsesRequest, ResponseUsage } from './wire.js';

export interface ResponseMeta {
  /** `resp_<hex>`; item ids are derived from it. */
  id: string;
  /** Unix seconds. */
  createdAt: number;
}

export function newResponseMeta(): ResponseMeta {
  return { id: `resp_${randomUUID().replace(/-/g, '')}`, createdAt: Math.floor(Date.now() / 1000) };
}

/** `msg_…`, `rs_…` share the response's suffix: one message and one reasoning item per translated response. */
export function itemId(prefix: 'msg' | 'rs', meta: ResponseMeta): string {
  return `${prefix}_${meta.id.slice('resp_'.length)}`;
}

function echo(request: ResponsesRequest): Record<string, unknown> {
  return {
    instructions: request.instructions ?? null,
    max_output_tokens: request.max_output_tokens ?? null,
    metadata: request.metadata ?? {},
    parallel_tool_calls: request.parallel_tool_calls ?? true,
    previous_response_id: request.previous_response_id ?? null,
    reasoning: request.reasoning ?? { effort: null, summary: null },
    store: request.store !== false,
    temperature: request.temperature ?? null,
    text: request.text ?? { format: { type: 'text' } },
    tool_choice: request.tool_choice ?? 'auto',
    tools: request.tools ?? [],
    top_p: request.top_p ?? null,
    truncation: request.truncation ?? 'disabled',
  };
}

export function responseEnvelope(request: ResponsesRequest, meta: ResponseMeta, model: string): ResponseObject {
  return {
    id: meta.id,
    object: 'response',
    created_at: meta.createdAt,
    status: 'in_progress',
    error: null,
    incomplete_details: null,
    model,
    output: [],
    usage: null,
    ...echo(request),
  };
}

const CHAT_USAGE_FIELDS = new Set([
  'prompt_tokens',
  'completion_tokens',
  'total_tokens',
  'prompt_tokens_details',
  'completion_tokens_details',
]);

/** Chat usage → Responses usage; provider extras (Anthropic's cache counts) kept beside. */
export function toResponseUsage(usage: Usage | undefined): ResponseUsage | null {
  if (usage === undefined) return null;
  const input = usage.prompt_tokens ?? 0;
  const output = usage.completion_tokens ?? 0;
  const extras = Object.fromEntries(Object.entries(usage).filter(([key]) => !CHAT_USAGE_FIELDS.has(key)));
  return {
    input_tokens: input,
    input_tokens_details: { cached_tokens: usage.prompt_tokens_details?.cached_tokens ?? 0 },
    output_tokens: output,
    output_tokens_details: { reasoning_tokens: usage.completion_tokens_details?.reasoning_tokens ?? 0 },
    total_tokens: usage.total_tokens ?? input + output,
    ...extras,
  };
}

/** Responses usage (native answers) → chat usage, the shape the usage records read. */
export function toChatUsage(usage: unknown): Usage | undefined {
  if (typeof usage !== 'object' || usage === null) return undefined;
  const { input_tokens, output_tokens, total_tokens, input_tokens_details, output_tokens_details } = usage as Record<string, unknown>;
  if (typeof input_tokens !== 'number' && typeof output_tokens !== 'number') return undefined;
  const chat: Usage = {};
  if (typeof input_tokens === 'number') chat.prompt_tokens = input_tokens;
  if (typeof output_tokens === 'number') chat.completion_tokens = output_tokens;
  if (typeof total_tokens === 'number') chat.total_tokens = total_tokens;
  const cached = (input_tokens_details as { cached_tokens?: unknown } | null | undefined)?.cached_tokens;
  if (typeof cached === 'number') chat.prompt_tokens_details = { cached_tokens: cached };
  const reasoning = (output_tokens_details as { reasoning_tokens?: unknown } | null | undefined)?.reasoning_tokens;
  if (typeof reasoning === 'number') chat.completion_tokens_details = { reasoning_tokens: reasoning };
  return chat;
}
