// The OpenAI chat shapes this provider builds. Core names only request types today; these belong beside them
// (see the provider notes) and live here until core grows them.
import type { Usage } from '@modelgate/core';
import type { AnthropicReplayBlock } from './wire.js';

export interface ChatToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

/** Replay state a client must send back unchanged on its next assistant turn. */
export interface AnthropicExtraContent {
  anthropic: { thinking_blocks: AnthropicReplayBlock[] };
}

export interface ChatMessage {
  role: 'assistant';
  content: string | null;
  refusal: null;
  reasoning_content?: string;
  tool_calls?: ChatToolCall[];
  extra_content?: AnthropicExtraContent;
}

export type FinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter';

export interface ChatCompletion {
  id: string;
  object: 'chat.completion';
  created: number;
  model: string;
  choices: [{ index: 0; message: ChatMessage; logprobs: null; finish_reason: FinishReason | null }];
  usage: Usage;
}

export interface ChunkToolCall {
  index: number;
  id?: string;
  type?: 'function';
  function: { name?: string; arguments: string };
}

export interface ChunkDelta {
  role?: 'assistant';
  content?: string;
  reasoning_content?: string;
  tool_calls?: ChunkToolCall[];
  extra_content?: AnthropicExtraContent;
}

export interface ChatCompletionChunk {
  id: string;
  object: 'chat.completion.chunk';
  created: number;
  model: string;
  choices: { index: 0; delta: ChunkDelta; logprobs: null; finish_reason: FinishReason | null }[];
  usage?: Usage;
}
