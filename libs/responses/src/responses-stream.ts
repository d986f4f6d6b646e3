// Chat completion chunks → the Responses event sequence a client expects: response.created, response.in_progress,
// then per output item its added / delta / done events, and response.completed with usage (or response.failed),
// each numbered by sequence_number.
import {
  GatewayError,
  toGatewayError,
  type ChatCompletionChunk,
  type ChunkDelta,
  type ChunkToolCall,
  type SseFrame,
  type Usage,
} from '@modelgate/core';
import { Observable, type OperatorFunction } from 'rxjs';
import { itemId, responseEnvelope, toResponseUsage, type ResponseMeta } from './response-envelope.js';
import { finishStatus, functionCallItem, messageItem, outputText, reasoningItem } from './to-response.js';
import type { ResponseItem, ResponseObject, ResponsesRequest } from './wire.js';

export interface ResponsesStreamOptions {
  request: ResponsesRequest;
  meta: ResponseMeta;
  /** Runs with the final response before response.completed is sent (the store writes it here). */
  beforeCompleted?: (response: ResponseObject) => Promise<void>;
  /** An upstream failure after the stream started, reported to the client as response.failed. */
  onFailure?: (error: GatewayError) => void;
}

type Emit = (type: string, fields: Record<string, unknown>) => void;

interface OpenCall {
  outputIndex: number;
  id: string;
  name: string;
  arguments: string;
  extra?: Record<string, unknown>;
}

/** Per-stream state: which items are open, what they hold, and what has been emitted. */
class ResponseAssembler {
  readonly output: ResponseItem[] = [];
  model: string;
  usage: Usage | undefined;
  finishReason: ChatCompletionChunk['choices'][number]['finish_reason'] = null;
  private reasoning: { outputIndex: number; text: string } | undefined;
  private message: { outputIndex: number; text: string } | undefined;
  private readonly calls = new Map<number, OpenCall>();
  private extra: Record<string, unknown> | undefined;

  constructor(
    private readonly options: ResponsesStreamOptions,
    private readonly emit: Emit,
  ) {
    this.model = options.request.model;
  }

  snapshot(fields: Partial<ResponseObject> = {}): ResponseObject {
    return { ...responseEnvelope(this.options.request, this.options.meta, this.model), ...fields };
  }

  start(): void {
    this.emit('response.created', { response: this.snapshot() });
    this.emit('response.in_progress', { response: this.snapshot() });
  }

  chunk(chunk: ChatCompletionChunk): void {
    if (chunk.model) this.model = chunk.model;
    if (chunk.usage) this.usage = chunk.usage;
    const choice = chunk.choices[0];
    if (!choice) return;
    this.delta(choice.delta);
    if (choice.finish_reason) this.finishReason = choice.finish_reason;
  }

  private delta(delta: ChunkDelta): void {
    if (delta.extra_content !== undefined) this.replayState(delta.extra_content);
    if (delta.reasoning_content) this.reasoningDelta(delta.reasoning_content);
    if (delta.content) this.textDelta(delta.content);
    for (const call of delta.tool_calls ?? []) this.toolCallDelta(call);
  }

  /**
   * Replay state (Anthropic's signed thinking) joins the reasoning item it belongs to before that item is done: Codex
   * keeps each item as its output_item.done event carries it. Redacted thinking alone opens a reasoning item for it.
   */
  private replayState(extra: Record<string, unknown>): void {
    this.extra = { ...this.extra, ...extra };
    if (!this.reasoning && this.output.length === 0) this.openReasoning();
  }

  private openReasoning(): { outputIndex: number; text: string } {
    this.closeMessage();
    this.reasoning = { outputIndex: this.output.length, text: '' };
    this.added(reasoningItem(this.options.meta, undefined, undefined));
    return this.reasoning;
  }

  private reasoningDelta(text: string): void {
    const reasoning = this.reasoning ?? this.openReasoning();
    if (reasoning.text === '') {
      this.emit('response.reasoning_summary_part.added', { ...this.reasoningRef(), part: { type: 'summary_text', text: '' } });
    }
    reasoning.text += text;
    this.emit('response.reasoning_summary_text.delta', { ...this.reasoningRef(), delta: text });
  }

  private textDelta(text: string): void {
    const message = this.message ?? this.openMessage();
    message.text += text;
    this.emit('response.output_text.delta', { ...this.messageRef(), delta: text, logprobs: [] });
  }

  private openMessage(): { outputIndex: number; text: string } {
    this.closeReasoning();
    this.message = { outputIndex: this.output.length, text: '' };
    this.added(messageItem(this.options.meta, '', 'in_progress'));
    this.emit('response.content_part.added', { ...this.messageRef(), part: outputText('') });
    return this.message;
  }

  private toolCallDelta(delta: ChunkToolCall): void {
    let call = this.calls.get(delta.index);
    if (!call) {
      this.closeReasoning();
      this.closeMessage();
      const id = delta.id ?? `call_${this.options.meta.id.slice('resp_'.length)}_${delta.index}`;
      call = { outputIndex: this.output.length, id, name: delta.function.name ?? '', arguments: '' };
      this.calls.set(delta.index, call);
      this.added(functionCallItem({ id, type: 'function', function: { name: call.name, arguments: '' } }, 'in_progress'));
    }
    if (delta.extra_content !== undefined) call.extra = { ...call.extra, ...delta.extra_content };
    const piece = delta.function.arguments;
    if (piece) {
      call.arguments += piece;
      this.emit('response.function_call_arguments.delta', { item_id: `fc_${call.id}`, output_index: call.outputIndex, delta: piece });
    }
  }

  /** Closes what is still open, in output order, and returns the final response. */
  finish(): ResponseObject {
    // As in a non-streamed answer, a response without text or calls still has its (empty) message.
    if (this.calls.size === 0 && !this.message && this.output.every((item) => item.type !== 'message')) this.openMessage();
    this.closeReasoning();
    this.closeMessage();
    for (const call of [...this.calls.values()].sort((a, b) => a.outputIndex - b.outputIndex)) this.closeCall(call);
    this.calls.clear();
    return this.snapshot({ ...finishStatus(this.finishReason), output: this.output, usage: toResponseUsage(this.usage) });
  }

  private closeReasoning(): void {
    const reasoning = this.reasoning;
    if (!reasoning) return;
    this.reasoning = undefined;
    const ref = { item_id: itemId('rs', this.options.meta), output_index: reasoning.outputIndex, summary_index: 0 };
    if (reasoning.text !== '') {
      this.emit('response.reasoning_summary_text.done', { ...ref, text: reasoning.text });
      this.emit('response.reasoning_summary_part.done', { ...ref, part: { type: 'summary_text', text: reasoning.text } });
    }
    this.done(reasoning.outputIndex, reasoningItem(this.options.meta, reasoning.text, this.extra));
  }

  private closeMessage(): void {
    const message = this.message;
    if (!message) return;
    this.message = undefined;
    const ref = { item_id: itemId('msg', this.options.meta), output_index: message.outputIndex, content_index: 0 };
    this.emit('response.output_text.done', { ...ref, text: message.text, logprobs: [] });
    this.emit('response.content_part.done', { ...ref, part: outputText(message.text) });
    this.done(message.outputIndex, messageItem(this.options.meta, message.text));
  }

  private closeCall(call: OpenCall): void {
    const item = functionCallItem({
      id: call.id,
      type: 'function',
      function: { name: call.name, arguments: call.arguments },
      extra_content: call.extra,
    });
    if (call.extra === undefined) delete item.extra_content;
    this.emit('response.function_call_arguments.done', { item_id: item.id, output_index: call.outputIndex, arguments: call.arguments });
    this.done(call.outputIndex, item);
  }

  /** Replay state that arrived after its reasoning item was done (or with none) joins the final response's item. */
  attachReplayState(): void {
    if (this.extra === undefined) return;
    const at = this.output.findIndex((item) => item.type === 'reasoning');
    const summary = at === -1 ? undefined : ((this.output[at]!.summary as { text: string }[])[0]?.text ?? undefined);
    const item = reasoningItem(this.options.meta, summary, this.extra);
    if (at === -1) this.output.unshift(item);
    else this.output[at] = item;
  }

  private added(item: ResponseItem): void {
    const outputIndex = this.output.length;
    this.output.push(item);
    this.emit('response.output_item.added', { output_index: outputIndex, item });
  }

  private done(outputIndex: number, item: ResponseItem): void {
    this.output[outputIndex] = item;
    this.emit('response.output_item.done', { output_index: outputIndex, item });
  }

  private reasoningRef(): Record<string, unknown> {
    return { item_id: itemId('rs', this.options.meta), output_index: this.reasoning!.outputIndex, summary_index: 0 };
  }

  private messageRef(): Record<string, unknown> {
    return { item_id: itemId('msg', this.options.meta), output_index: this.message!.outputIndex, content_index: 0 };
  }
}

export function chatChunksToResponseEvents(options: ResponsesStreamOptions): OperatorFunction<SseFrame, SseFrame> {
  return (source) =>
    new Observable<SseFrame>((subscriber) => {
      let sequence = 0;
      const emit: Emit = (type, fields) => {
        subscriber.next({ event: type, data: JSON.stringify({ type, ...fields, sequence_number: sequence++ }) });
      };
      const assembler = new ResponseAssembler(options, emit);
      let started = false;
      const start = (): void => {
        if (started) return;
        started = true;
        assembler.start();
      };
      let failed = false;
      const fail = (err: unknown): void => {
        failed = true;
        // Before anything went out the error keeps its status (a JSON error); after, it is a response.failed event.
        if (!started) return subscriber.error(err);
        const error = toGatewayError(err);
        options.onFailure?.(error);
        const failure = { code: error.code ?? error.type, message: error.message };
        emit('response.failed', { response: assembler.snapshot({ status: 'failed', output: assembler.output, error: failure }) });
        subscriber.complete();
      };
      const subscription = source.subscribe({
        next: (frame) => {
          if (failed || frame.data === '[DONE]') return;
          let chunk: ChatCompletionChunk;
          try {
            chunk = JSON.parse(frame.data) as ChatCompletionChunk;
          } catch {
            return fail(
              GatewayError.badGateway('the provider sent a stream chunk that is not JSON', { code: 'upstream_invalid_response' }),
            );
          }
          start();
          assembler.chunk(chunk);
        },
        error: fail,
        complete: () => {
          if (failed) return;
          start();
          const response = assembler.finish();
          assembler.attachReplayState();
          const send = (): void => {
            emit('response.completed', { response });
            subscriber.complete();
          };
          if (!options.beforeCompleted) return send();
          options.beforeCompleted(response).then(send, (err: unknown) => subscriber.error(err));
        },
      });
      return () => subscription.unsubscribe();
    });
}
