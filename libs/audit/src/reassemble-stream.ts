// A streamed answer kept as the one object the client could have asked for without `stream`: chat chunks fold
// into a `chat.completion`, Responses API events give their final `response`, Anthropic events their `message`.
import { anthropicEventsToMessage, isAnthropicStream } from './reassemble-anthropic.js';
import type { ChatCompletion, ChatCompletionChunk, ChatMessage, ChatToolCall, Usage } from '@modelgate/core';

type Choice = ChatCompletion['choices'][number];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseFrames(frames: readonly string[]): unknown[] {
  const events: unknown[] = [];
  for (const data of frames) {
    if (data === '[DONE]') continue;
    try {
      events.push(JSON.parse(data));
    } catch {
      // A frame that is not JSON (a comment, a provider oddity) carries nothing a reassembled answer keeps.
    }
  }
  return events;
}

function mergeToolCalls(
  target: ChatToolCall[],
  slots: Map<number, ChatToolCall>,
  delta: ChatCompletionChunk['choices'][number]['delta'],
): void {
  for (const call of delta.tool_calls ?? []) {
    let merged = slots.get(call.index);
    if (!merged) {
      merged = { id: call.id ?? '', type: 'function', function: { name: call.function.name ?? '', arguments: '' } };
      slots.set(call.index, merged);
      target.push(merged);
    }
    if (call.id) merged.id = call.id;
    if (call.function.name && merged.function.name === '') merged.function.name = call.function.name;
    merged.function.arguments += call.function.arguments;
    if (call.extra_content !== undefined) merged.extra_content = call.extra_content;
  }
}

/** Folds chat chunks into one completion: content and reasoning concatenated, tool calls merged by index. */
export function chunksToCompletion(chunks: readonly ChatCompletionChunk[]): ChatCompletion {
  const first = chunks[0];
  const choices = new Map<number, Choice & { toolSlots: Map<number, ChatToolCall> }>();
  let usage: Usage | undefined;
  for (const chunk of chunks) {
    if (chunk.usage) usage = chunk.usage;
    for (const part of chunk.choices) {
      let choice = choices.get(part.index);
      if (!choice) {
        const message: ChatMessage = { role: 'assistant', content: null };
        choice = { index: part.index, message, finish_reason: null, toolSlots: new Map() };
        choices.set(part.index, choice);
      }
      const { delta } = part;
      const message = choice.message;
      if (typeof delta.content === 'string') message.content = (message.content ?? '') + delta.content;
      if (typeof delta.reasoning_content === 'string')
        message.reasoning_content = (message.reasoning_content ?? '') + delta.reasoning_content;
      if (delta.tool_calls) mergeToolCalls((message.tool_calls ??= []), choice.toolSlots, delta);
      if (delta.extra_content !== undefined) message.extra_content = delta.extra_content;
      if (part.finish_reason) choice.finish_reason = part.finish_reason;
    }
  }
  const completion: ChatCompletion = {
    id: first?.id ?? '',
    object: 'chat.completion',
    created: first?.created ?? 0,
    model: first?.model ?? '',
    choices: [...choices.values()]
      .sort((a, b) => a.index - b.index)
      .map(({ index, message, finish_reason }) => ({ index, message, finish_reason })),
  };
  if (usage) completion.usage = usage;
  return completion;
}

/** The final `response` of a Responses API stream (`response.completed`, or the last one seen if it broke off). */
function finalResponse(events: unknown[]): unknown {
  let last: unknown;
  for (const event of events) {
    if (isRecord(event) && typeof event.type === 'string' && event.type.startsWith('response.') && isRecord(event.response)) {
      last = event.response;
    }
  }
  return last;
}

/**
 * The answer a stream amounts to: a `chat.completion`, a Responses API `response`, an Anthropic `message`, or, for
 * any other stream, its events as parsed. Undefined when nothing was streamed.
 */
export function reassembleStream(frames: readonly string[]): unknown {
  const events = parseFrames(frames);
  if (events.length === 0) return undefined;
  // An error frame after the chunks is not part of the answer (the entry's error fields carry it).
  const chunks = events.filter((event): event is ChatCompletionChunk => isRecord(event) && event.object === 'chat.completion.chunk');
  if (chunks.length > 0) return chunksToCompletion(chunks);
  if (isAnthropicStream(events)) return anthropicEventsToMessage(events) ?? events;
  return finalResponse(events) ?? events;
}
