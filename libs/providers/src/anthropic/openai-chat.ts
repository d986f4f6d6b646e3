// The OpenAI chat shapes (written once in core) with Anthropic's replay state in `extra_content`.
import type {
  ChatCompletion as CoreChatCompletion,
  ChatCompletionChunk as CoreChatCompletionChunk,
  ChatMessage as CoreChatMessage,
  ChatToolCall as CoreChatToolCall,
  ChunkDelta as CoreChunkDelta,
} from '@modelgate/core';
import type { AnthropicReplayBlock } from './wire.js';

export type { FinishReason } from '@modelgate/core';

/** Replay state a client must send back unchanged on its next assistant turn. */
export interface AnthropicExtraContent {
  anthropic: { thinking_blocks: AnthropicReplayBlock[] };
}

export type ChatToolCall = CoreChatToolCall<never>;
export type ChatMessage = CoreChatMessage<AnthropicExtraContent>;
export type ChatCompletion = CoreChatCompletion<AnthropicExtraContent>;
export type ChunkDelta = CoreChunkDelta<AnthropicExtraContent>;
export type ChatCompletionChunk = CoreChatCompletionChunk<AnthropicExtraContent>;
