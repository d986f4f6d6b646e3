// Anthropic Messages SSE events → OpenAI chat.completion.chunk frames, as one RxJS operator. Tool calls get their
// own index (0, 1, 2… over tool calls only); signed thinking is handed out as each thinking block ends and again, whole,
// on the final chunk.
import { GatewayError, type SseFrame, type Usage } from '@modelgate/core';
import { Observable, type OperatorFunction } from 'rxjs';
import { toChatUsage, toFinishReason } from './from-anthropic.js';
import type { ChatCompletionChunk, ChunkDelta, FinishReason } from './openai-chat.js';
import type { AnthropicContentBlock, AnthropicDelta, AnthropicReplayBlock, AnthropicStreamEvent, AnthropicUsage } from './wire.js';

export interface AnthropicStreamOptions {
  /** Provider instance name, for error messages. */
  provider: string;
  /** One timestamp for every chunk of the stream (unix seconds). */
  created: number;
  /** Emit a final `choices: []` chunk with usage (the request's stream_options.include_usage). */
  includeUsage: boolean;
}

interface ToolBlock {
  toolIndex: number;
  sentArguments: boolean;
}

/** The state of one stream; `next` turns one event into the chunks it produces. */
class ChunkTranslator {
  private id = '';
  private model = '';
  private usage: AnthropicUsage = {};
  private readonly tools = new Map<number, ToolBlock>();
  private readonly replay = new Map<number, AnthropicReplayBlock>();
  /** message_stop arrived: a stream that ends without it was cut off, and its answer and usage are incomplete. */
  stopped = false;

  constructor(private readonly options: AnthropicStreamOptions) {}

  next(event: AnthropicStreamEvent): ChatCompletionChunk[] {
    switch (event.type) {
      case 'message_start':
        this.id = event.message.id;
        this.model = event.message.model;
        this.usage = { ...event.message.usage };
        return [this.chunk({ role: 'assistant' })];
      case 'content_block_start':
        return this.blockStart(event.index, event.content_block);
      case 'content_block_delta':
        return this.blockDelta(event.index, event.delta);
      case 'content_block_stop':
        return this.blockStop(event.index);
      case 'message_delta':
        // The final usage is cumulative and authoritative: it replaces the message_start snapshot, never adds to it.
        if (event.usage) this.usage = { ...this.usage, ...event.usage };
        return [this.chunk(this.replayDelta(), toFinishReason(event.delta.stop_reason) ?? 'stop')];
      case 'message_stop':
        this.stopped = true;
        return this.options.includeUsage ? [{ ...this.chunk({}), choices: [], usage: this.chatUsage() }] : [];
      case 'error':
        throw GatewayError.badGateway(`provider '${this.options.provider}' failed mid-stream: ${event.error.message}`, {
          code: event.error.type,
        });
      default:
        return [];
    }
  }

  private chatUsage(): Usage {
    return toChatUsage(this.usage);
  }

  private blockStart(index: number, block: AnthropicContentBlock): ChatCompletionChunk[] {
    if (block.type === 'text' && typeof block.text === 'string' && block.text !== '') return [this.chunk({ content: block.text })];
    if (block.type === 'thinking') {
      const thinking = typeof block.thinking === 'string' ? block.thinking : '';
      this.replay.set(index, {
        ...block,
        type: 'thinking',
        thinking,
        signature: typeof block.signature === 'string' ? block.signature : '',
      });
      return thinking === '' ? [] : [this.chunk({ reasoning_content: thinking })];
    }
    if (block.type === 'redacted_thinking') {
      this.replay.set(index, block as AnthropicReplayBlock);
      return [];
    }
    if (block.type === 'tool_use') {
      const toolIndex = this.tools.size;
      this.tools.set(index, { toolIndex, sentArguments: false });
      const { id, name } = block as { id: string; name: string };
      return [this.chunk({ tool_calls: [{ index: toolIndex, id, type: 'function', function: { name, arguments: '' } }] })];
    }
    return [];
  }

  private blockDelta(index: number, delta: AnthropicDelta): ChatCompletionChunk[] {
    switch (delta.type) {
      case 'text_delta':
        return [this.chunk({ content: (delta as { text: string }).text })];
      case 'thinking_delta': {
        const text = (delta as { thinking: string }).thinking;
        const block = this.replay.get(index);
        if (block?.type === 'thinking') block.thinking += text;
        return [this.chunk({ reasoning_content: text })];
      }
      case 'signature_delta': {
        const block = this.replay.get(index);
        if (block?.type === 'thinking') block.signature += (delta as { signature: string }).signature;
        return [];
      }
      case 'input_json_delta': {
        const tool = this.tools.get(index);
        const partial = (delta as { partial_json: string }).partial_json;
        if (!tool || partial === '') return [];
        tool.sentArguments = true;
        return [this.chunk({ tool_calls: [{ index: tool.toolIndex, function: { arguments: partial } }] })];
      }
      default:
        return [];
    }
  }

  /**
   * A finished thinking block hands out the replay state so far (every chunk carries all blocks, the last one wins)
   * before the text or tool calls that follow it: a Responses client keeps a reasoning item as it is when it closes.
   * A tool called without arguments streams no input_json_delta: its arguments are `{}`, as in a non-streamed answer.
   */
  private blockStop(index: number): ChatCompletionChunk[] {
    if (this.replay.has(index)) return [this.chunk(this.replayDelta())];
    const tool = this.tools.get(index);
    if (!tool || tool.sentArguments) return [];
    return [this.chunk({ tool_calls: [{ index: tool.toolIndex, function: { arguments: '{}' } }] })];
  }

  private replayDelta(): ChunkDelta {
    if (this.replay.size === 0) return {};
    const blocks = [...this.replay.entries()].sort(([a], [b]) => a - b).map(([, block]) => block);
    return { extra_content: { anthropic: { thinking_blocks: blocks } } };
  }

  private chunk(delta: ChunkDelta, finishReason: FinishReason | null = null): ChatCompletionChunk {
    return {
      id: this.id,
      object: 'chat.completion.chunk',
      created: this.options.created,
      model: this.model,
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
    };
  }
}

function parseEvent(frame: SseFrame, provider: string): AnthropicStreamEvent {
  let value: unknown;
  try {
    value = JSON.parse(frame.data);
  } catch {
    value = undefined;
  }
  if (typeof value !== 'object' || value === null || typeof (value as { type?: unknown }).type !== 'string') {
    throw GatewayError.badGateway(`provider '${provider}' sent a stream event that is not valid JSON`, {
      code: 'upstream_invalid_response',
    });
  }
  return value as AnthropicStreamEvent;
}

export function anthropicEventsToChunks(options: AnthropicStreamOptions): OperatorFunction<SseFrame, SseFrame> {
  return (source) =>
    new Observable<SseFrame>((subscriber) => {
      const translator = new ChunkTranslator(options);
      return source.subscribe({
        next: (frame) => {
          let chunks: ChatCompletionChunk[];
          try {
            chunks = translator.next(parseEvent(frame, options.provider));
          } catch (err) {
            subscriber.error(err);
            return;
          }
          for (const chunk of chunks) subscriber.next({ data: JSON.stringify(chunk) });
        },
        error: (err: unknown) => subscriber.error(err),
        complete: () => {
          if (translator.stopped) subscriber.complete();
          else
            subscriber.error(
              GatewayError.badGateway(`provider '${options.provider}' ended the stream before message_stop`, {
                code: 'upstream_incomplete_stream',
              }),
            );
        },
      });
    });
}
