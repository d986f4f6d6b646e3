// Chat completion → Responses `response` object, for providers answered through the canonical chat path.
import type { ChatCompletion, ChatToolCall, FinishReason } from '@modelgate/core';
import { encodeReplayState } from './replay-state.js';
import { itemId, responseEnvelope, toResponseUsage, type ResponseMeta } from './response-envelope.js';
import type { ResponseItem, ResponseObject, ResponsesRequest } from './wire.js';

export function reasoningItem(meta: ResponseMeta, summary: string | undefined, extra: Record<string, unknown> | undefined): ResponseItem {
  const item: ResponseItem = {
    id: itemId('rs', meta),
    type: 'reasoning',
    summary: summary === undefined || summary === '' ? [] : [{ type: 'summary_text', text: summary }],
  };
  if (extra !== undefined) item.encrypted_content = encodeReplayState(extra);
  return item;
}

export function messageItem(meta: ResponseMeta, text: string, status: 'in_progress' | 'completed' = 'completed'): ResponseItem {
  return {
    id: itemId('msg', meta),
    type: 'message',
    status,
    role: 'assistant',
    content: status === 'in_progress' ? [] : [outputText(text)],
  };
}

export function outputText(text: string): Record<string, unknown> {
  return { type: 'output_text', annotations: [], logprobs: [], text };
}

export function functionCallItem(call: ChatToolCall, status: 'in_progress' | 'completed' = 'completed'): ResponseItem {
  const item: ResponseItem = {
    id: `fc_${call.id}`,
    type: 'function_call',
    status,
    arguments: call.function.arguments,
    call_id: call.id,
    name: call.function.name,
  };
  if (call.extra_content !== undefined) item.extra_content = call.extra_content;
  return item;
}

/** `length` and `content_filter` end a response as incomplete, saying why. */
export function finishStatus(reason: FinishReason | null | undefined): Pick<ResponseObject, 'status'> & { incomplete_details: unknown } {
  if (reason === 'length') return { status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' } };
  if (reason === 'content_filter') return { status: 'incomplete', incomplete_details: { reason: 'content_filter' } };
  return { status: 'completed', incomplete_details: null };
}

export function toResponse(completion: ChatCompletion, request: ResponsesRequest, meta: ResponseMeta): ResponseObject {
  const choice = completion.choices[0];
  const message = choice?.message;
  const output: ResponseItem[] = [];
  if (message?.reasoning_content !== undefined || message?.extra_content !== undefined) {
    output.push(reasoningItem(meta, message.reasoning_content, message.extra_content));
  }
  const calls = message?.tool_calls ?? [];
  const text = message?.content ?? '';
  if (text !== '' || calls.length === 0) output.push(messageItem(meta, text));
  output.push(...calls.map((call) => functionCallItem(call)));
  return {
    ...responseEnvelope(request, meta, completion.model || request.model),
    ...finishStatus(choice?.finish_reason),
    output,
    usage: toResponseUsage(completion.usage),
  };
}
