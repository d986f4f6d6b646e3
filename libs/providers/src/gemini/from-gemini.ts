// A Gemini generateContent answer → an OpenAI chat.completion. Thought parts become reasoning_content, function
// calls tool_calls (their thoughtSignature kept in extra_content.google, as Google's OpenAI-compatible API does).
import { randomBytes } from 'node:crypto';
import { GatewayError, type ChatCompletion, type ChatMessage, type ChatToolCall, type FinishReason, type Usage } from '@modelgate/core';
import type { GeminiCandidate, GeminiPart, GeminiResponse, GeminiUsageMetadata } from './wire.js';

/** Replay state of a Gemini function call: its thought signature, in the shape Google's OpenAI-compatible API uses. */
export interface GoogleExtraContent {
  google: { thought_signature: string };
}

export type OpenAIToolCall = ChatToolCall<GoogleExtraContent>;
export type OpenAIMessage = ChatMessage<GoogleExtraContent>;
export type OpenAIChatCompletion = ChatCompletion<GoogleExtraContent>;

/** How a translation names what Gemini does not: the completion ID, the time, and tool call IDs. */
export interface TranslationIds {
  id: string;
  created: number;
  newCallId: () => string;
}

export function newCallId(): string {
  return `call_${randomBytes(12).toString('base64url')}`;
}

export function freshIds(response: GeminiResponse): TranslationIds {
  return {
    id: `chatcmpl-${response.responseId ?? randomBytes(12).toString('base64url')}`,
    created: Math.floor(Date.now() / 1000),
    newCallId,
  };
}

const FILTERED = new Set(['SAFETY', 'RECITATION', 'BLOCKLIST', 'PROHIBITED_CONTENT', 'SPII', 'IMAGE_SAFETY', 'LANGUAGE']);

/**
 * `tool_calls` only when the candidate carries calls (UNEXPECTED_TOOL_CALL, a call to a tool that was not offered,
 * carries none: `stop`). MALFORMED_FUNCTION_CALL means Gemini produced a call it could
 * not parse and dropped it: answering `stop` would pass an empty answer off as complete, so it is a 502.
 */
export function toFinishReason(reason: string | undefined, hasToolCalls: boolean, provider: string): FinishReason | null {
  if (reason === undefined || reason === 'FINISH_REASON_UNSPECIFIED') return null;
  if (reason === 'MALFORMED_FUNCTION_CALL') {
    throw GatewayError.badGateway(
      `provider '${provider}' generated a function call it could not parse (finishReason MALFORMED_FUNCTION_CALL)`,
      {
        code: 'upstream_malformed_function_call',
      },
    );
  }
  if (reason === 'STOP') return hasToolCalls ? 'tool_calls' : 'stop';
  if (reason === 'MAX_TOKENS') return 'length';
  if (FILTERED.has(reason)) return 'content_filter';
  return 'stop';
}

/**
 * Reasoning tokens count inside completion_tokens, as OpenAI counts them: completion = candidates + thoughts,
 * and completion_tokens_details.reasoning_tokens says how many of them were thinking.
 */
export function toUsage(metadata: GeminiUsageMetadata): Usage {
  const prompt = metadata.promptTokenCount ?? 0;
  const thoughts = metadata.thoughtsTokenCount ?? 0;
  const completion = (metadata.candidatesTokenCount ?? 0) + thoughts;
  const usage: Usage = {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: metadata.totalTokenCount ?? prompt + completion,
  };
  if (metadata.cachedContentTokenCount !== undefined) usage.prompt_tokens_details = { cached_tokens: metadata.cachedContentTokenCount };
  if (metadata.thoughtsTokenCount !== undefined) usage.completion_tokens_details = { reasoning_tokens: thoughts };
  return usage;
}

export function toToolCall(part: GeminiPart & { functionCall: object }, id: string): OpenAIToolCall {
  const call: OpenAIToolCall = {
    id,
    type: 'function',
    function: { name: part.functionCall.name, arguments: JSON.stringify(part.functionCall.args ?? {}) },
  };
  if (part.thoughtSignature !== undefined) call.extra_content = { google: { thought_signature: part.thoughtSignature } };
  return call;
}

export function isFunctionCall(part: GeminiPart): part is GeminiPart & { functionCall: NonNullable<GeminiPart['functionCall']> } {
  return part.functionCall !== undefined;
}

function toMessage(candidate: GeminiCandidate, ids: TranslationIds): OpenAIMessage {
  let content = '';
  let reasoning = '';
  const calls: OpenAIToolCall[] = [];
  for (const part of candidate.content?.parts ?? []) {
    if (isFunctionCall(part)) calls.push(toToolCall(part, ids.newCallId()));
    else if (typeof part.text === 'string') {
      if (part.thought === true) reasoning += part.text;
      else content += part.text;
    }
  }
  const message: OpenAIMessage = { role: 'assistant', content: content === '' ? null : content };
  if (reasoning !== '') message.reasoning_content = reasoning;
  if (calls.length > 0) message.tool_calls = calls;
  return message;
}

export function fromGeminiResponse(
  response: GeminiResponse,
  model: string,
  provider: string,
  ids: TranslationIds = freshIds(response),
): OpenAIChatCompletion {
  const candidates = response.candidates ?? [];
  const choices: OpenAIChatCompletion['choices'] = candidates.map((candidate, position) => {
    const message = toMessage(candidate, ids);
    return {
      index: candidate.index ?? position,
      message,
      finish_reason: toFinishReason(candidate.finishReason, message.tool_calls !== undefined, provider),
    };
  });
  if (choices.length === 0 && response.promptFeedback?.blockReason !== undefined) {
    choices.push({ index: 0, message: { role: 'assistant', content: null }, finish_reason: 'content_filter' });
  }
  const completion: OpenAIChatCompletion = { id: ids.id, object: 'chat.completion', created: ids.created, model, choices };
  if (response.usageMetadata) completion.usage = toUsage(response.usageMetadata);
  return completion;
}
