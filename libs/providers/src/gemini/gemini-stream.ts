// streamGenerateContent?alt=sse events → OpenAI chat.completion.chunk objects. Gemini sends text in pieces and
// each function call whole, and repeats the (cumulative) usageMetadata: the last one is the usage of the answer.
import { GatewayError, type ChatCompletionChunk, type ChunkDelta as CoreChunkDelta, type FinishReason, type Usage } from '@modelgate/core';
import { Observable, type OperatorFunction } from 'rxjs';
import { isFunctionCall, toFinishReason, toToolCall, toUsage, type GoogleExtraContent, type TranslationIds } from './from-gemini.js';
import type { GeminiResponse } from './wire.js';

export type ChunkDelta = CoreChunkDelta<GoogleExtraContent>;
export type OpenAIChatChunk = ChatCompletionChunk<GoogleExtraContent>;

export interface StreamOptions {
  model: string;
  provider: string;
  /** Names the completion from the first event (its `responseId`), as the non-streamed answer is named. */
  ids: (first: GeminiResponse) => TranslationIds;
  /** The client asked for `stream_options.include_usage`: end with a usage chunk (`choices: []`). */
  includeUsage: boolean;
}

interface ChoiceState {
  started: boolean;
  toolCalls: number;
  finished: boolean;
}

export function geminiEventsToChunks(options: StreamOptions): OperatorFunction<GeminiResponse, OpenAIChatChunk> {
  const { model, provider } = options;
  return (source) =>
    new Observable<OpenAIChatChunk>((subscriber) => {
      /** Set by the first event: every chunk follows one. */
      let ids: TranslationIds | undefined;
      const chunk = (index: number, delta: ChunkDelta, finish: FinishReason | null = null): OpenAIChatChunk => {
        return {
          id: ids!.id,
          object: 'chat.completion.chunk',
          created: ids!.created,
          model,
          choices: [{ index, delta, finish_reason: finish }],
        };
      };
      const states = new Map<number, ChoiceState>();
      let usage: Usage | undefined;
      const stateOf = (index: number): ChoiceState => {
        let state = states.get(index);
        if (!state) states.set(index, (state = { started: false, toolCalls: 0, finished: false }));
        return state;
      };
      const emit = (index: number, delta: ChunkDelta, finish: FinishReason | null = null): void => {
        const state = stateOf(index);
        if (!state.started) {
          state.started = true;
          delta = { role: 'assistant', ...delta };
        }
        subscriber.next(chunk(index, delta, finish));
      };
      const onEvent = (event: GeminiResponse): void => {
        const named = (ids ??= options.ids(event));
        if (event.usageMetadata) usage = toUsage(event.usageMetadata);
        const candidates = event.candidates ?? [];
        candidates.forEach((candidate, position) => {
          const index = candidate.index ?? position;
          const state = stateOf(index);
          for (const part of candidate.content?.parts ?? []) {
            if (isFunctionCall(part)) {
              emit(index, { tool_calls: [{ index: state.toolCalls, ...toToolCall(part, named.newCallId()) }] });
              state.toolCalls += 1;
            } else if (typeof part.text === 'string' && part.text !== '') {
              emit(index, part.thought === true ? { reasoning_content: part.text } : { content: part.text });
            }
          }
          const finish = toFinishReason(candidate.finishReason, state.toolCalls > 0, provider);
          if (finish !== null && !state.finished) {
            state.finished = true;
            emit(index, {}, finish);
          }
        });
        if (candidates.length === 0 && event.promptFeedback?.blockReason !== undefined && !stateOf(0).finished) {
          stateOf(0).finished = true;
          emit(0, {}, 'content_filter');
        }
      };
      return source.subscribe({
        next: (event) => {
          try {
            onEvent(event);
          } catch (err) {
            subscriber.error(err);
          }
        },
        error: (err: unknown) => subscriber.error(err),
        complete: () => {
          // Every answer ends with a finishReason: a stream that stops before it was cut off, and is incomplete.
          if (states.size === 0 || [...states.values()].some((state) => !state.finished)) {
            subscriber.error(
              GatewayError.badGateway(`provider '${provider}' ended the stream before a finishReason`, {
                code: 'upstream_incomplete_stream',
              }),
            );
            return;
          }
          if (options.includeUsage && usage) subscriber.next({ ...chunk(0, {}), choices: [], usage });
          subscriber.complete();
        },
      });
    });
}
