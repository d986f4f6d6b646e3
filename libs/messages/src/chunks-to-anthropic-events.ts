// chat.completion.chunk frames → Anthropic's SSE grammar, as one RxJS operator: message_start, ping, one
// content_block_start/delta/stop run per block (thinking, text, each tool_use, indexes counted over all blocks),
// message_delta with the stop reason and the final chunk's usage, message_stop.
import { GatewayError, type ChatCompletionChunk, type ChunkToolCall, type SseFrame, type Usage } from '@modelgate/core';
import { Observable, type OperatorFunction } from 'rxjs';
import { toAnthropicUsage } from './anthropic-usage.js';
import type { StopReason } from './anthropic-wire.js';
import { reasoningOf, toStopReason } from './to-anthropic-message.js';
import { toToolUseId } from './tool-use-id.js';

export interface AnthropicEventsOptions {
  /** The model the client asked for, echoed in message_start. */
  model: string;
  /** message_start's input_tokens: an estimate, since the upstream reports usage only at the end. */
  estimatedInputTokens: number;
}

type Event = { type: string; [field: string]: unknown };

export function eventFrame(event: Event): SseFrame {
  return { event: event.type, data: JSON.stringify(event) };
}

type BlockKind = 'thinking' | 'text' | 'tool_use';

/** The state of one stream: `next` turns one chunk into the events it produces, `finish` closes the message. */
class EventTranslator {
  private started = false;
  private open: { kind: BlockKind; index: number; toolIndex?: number } | undefined;
  private nextIndex = 0;
  private readonly toolBlocks = new Map<number, number>();
  private stopReason: StopReason = 'end_turn';
  private usage: Usage | undefined;

  constructor(private readonly options: AnthropicEventsOptions) {}

  next(chunk: ChatCompletionChunk): Event[] {
    const events = this.start(chunk.id);
    if (chunk.usage) this.usage = chunk.usage;
    const choice = chunk.choices[0];
    if (!choice) return events;
    const delta = choice.delta as ChatCompletionChunk['choices'][number]['delta'] & { reasoning?: unknown };
    const reasoning = reasoningOf(delta);
    if (reasoning !== undefined) events.push(...this.delta('thinking', { type: 'thinking_delta', thinking: reasoning }));
    if (typeof delta.content === 'string' && delta.content !== '') {
      events.push(...this.delta('text', { type: 'text_delta', text: delta.content }));
    }
    for (const call of delta.tool_calls ?? []) events.push(...this.toolDelta(call));
    if (choice.finish_reason !== null && choice.finish_reason !== undefined) this.stopReason = toStopReason(choice.finish_reason);
    return events;
  }

  finish(): Event[] {
    // Without a usage chunk (an upstream that ignores include_usage) only output is restated: a zero input count
    // would replace message_start's estimate in the client's context meter.
    const usage = this.usage === undefined ? { output_tokens: 0 } : toAnthropicUsage(this.usage);
    return [
      ...this.start(''),
      ...this.close(),
      { type: 'message_delta', delta: { stop_reason: this.stopReason, stop_sequence: null }, usage },
      { type: 'message_stop' },
    ];
  }

  private start(id: string): Event[] {
    if (this.started) return [];
    this.started = true;
    const message = {
      id,
      type: 'message',
      role: 'assistant',
      model: this.options.model,
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: { input_tokens: this.options.estimatedInputTokens, output_tokens: 0 },
    };
    return [{ type: 'message_start', message }, { type: 'ping' }];
  }

  private close(): Event[] {
    if (!this.open) return [];
    const index = this.open.index;
    this.open = undefined;
    return [{ type: 'content_block_stop', index }];
  }

  private begin(kind: BlockKind, contentBlock: Event, toolIndex?: number): Event[] {
    const events = this.close();
    const index = this.nextIndex++;
    this.open = { kind, index, toolIndex };
    events.push({ type: 'content_block_start', index, content_block: contentBlock });
    return events;
  }

  private delta(kind: 'thinking' | 'text', delta: Event): Event[] {
    const events: Event[] = [];
    if (this.open?.kind !== kind) {
      events.push(
        ...this.begin(kind, kind === 'thinking' ? { type: 'thinking', thinking: '', signature: '' } : { type: 'text', text: '' }),
      );
    }
    events.push({ type: 'content_block_delta', index: this.open!.index, delta });
    return events;
  }

  /** A chunk tool call opens its block on first sight (by its chunk index); later pieces are argument deltas. */
  private toolDelta(call: ChunkToolCall): Event[] {
    const events: Event[] = [];
    let index = this.toolBlocks.get(call.index);
    if (index === undefined) {
      const id = toToolUseId(call.id ?? `toolu_${call.index}`, call.extra_content);
      const block = { type: 'tool_use', id, name: call.function.name ?? '', input: {} };
      events.push(...this.begin('tool_use', block, call.index));
      index = this.open!.index;
      this.toolBlocks.set(call.index, index);
    }
    const partial = call.function.arguments;
    if (typeof partial === 'string' && partial !== '') {
      events.push({ type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json: partial } });
    }
    return events;
  }
}

/** A chunk, or nothing for `[DONE]`; an OpenAI-wire error frame mid-stream (`{"error": {...}}`) becomes a 502. */
function parseChunk(frame: SseFrame): ChatCompletionChunk | undefined {
  if (frame.data === '[DONE]') return undefined;
  const parsed = JSON.parse(frame.data) as Partial<ChatCompletionChunk> & { error?: { message?: unknown } };
  if (typeof parsed.error === 'object' && parsed.error !== null) {
    const message = typeof parsed.error.message === 'string' ? parsed.error.message : JSON.stringify(parsed.error);
    throw GatewayError.badGateway(`the provider failed mid-stream: ${message}`, { code: 'upstream_stream_error' });
  }
  if (!Array.isArray(parsed.choices)) parsed.choices = [];
  return parsed as ChatCompletionChunk;
}

export function chunksToAnthropicEvents(options: AnthropicEventsOptions): OperatorFunction<SseFrame, SseFrame> {
  return (source) =>
    new Observable<SseFrame>((subscriber) => {
      const translator = new EventTranslator(options);
      const emit = (events: Event[]): void => {
        for (const event of events) subscriber.next(eventFrame(event));
      };
      return source.subscribe({
        next: (frame) => {
          try {
            const chunk = parseChunk(frame);
            if (chunk) emit(translator.next(chunk));
          } catch (err) {
            subscriber.error(err);
          }
        },
        error: (err: unknown) => subscriber.error(err),
        complete: () => {
          emit(translator.finish());
          subscriber.complete();
        },
      });
    });
}
