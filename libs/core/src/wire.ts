// OpenAI wire shapes, kept in the wire's own spelling. Request types are open: every field a client sends is
// forwarded, so only the fields the gateway reads are named.

export interface StreamOptions {
  include_usage?: boolean;
  [field: string]: unknown;
}

export interface ChatCompletionRequest {
  model: string;
  messages: unknown[];
  stream?: boolean;
  stream_options?: StreamOptions | null;
  /** Gateway-only routing hint (GoModel's `provider` field); never sent upstream. */
  provider?: string;
  [field: string]: unknown;
}

export interface EmbeddingsRequest {
  model: string;
  input: unknown;
  provider?: string;
  [field: string]: unknown;
}

/** Token usage as the upstream reported it; a field the upstream did not send stays absent. */
export interface Usage {
  prompt_tokens?: number;
  completion_tokens?: number;
  total_tokens?: number;
  prompt_tokens_details?: { cached_tokens?: number; [field: string]: unknown } | null;
  completion_tokens_details?: { reasoning_tokens?: number; [field: string]: unknown } | null;
  [field: string]: unknown;
}

export interface ModelObject {
  id: string;
  object: 'model';
  created: number;
  owned_by: string;
  [field: string]: unknown;
}

export interface ModelList {
  object: 'list';
  data: ModelObject[];
}

/** One server-sent event: `data` is the raw payload text (JSON for chat chunks). */
export interface SseFrame {
  event?: string;
  data: string;
}

/** POST /v1/audio/speech */
export interface SpeechRequest {
  model: string;
  input: string;
  voice?: string;
  response_format?: string;
  instructions?: string;
  speed?: number;
  provider?: string;
  [field: string]: unknown;
}

/** An uploaded file of a multipart request, read into memory within BODY_SIZE_LIMIT. */
export interface UploadedFile {
  filename: string;
  contentType: string;
  data: Buffer;
}

/** POST /v1/audio/transcriptions: the multipart fields as sent (repeated fields keep every value) and the file. */
export interface TranscriptionRequest {
  model: string;
  file: UploadedFile;
  fields: [name: string, value: string][];
  provider?: string;
}

// The OpenAI chat answer shapes that translated providers build. `E` is the provider's replay state carried in
// `extra_content` (Anthropic thinking blocks, Gemini thought signatures).

export type FinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter';

export interface ChatToolCall<E = Record<string, unknown>> {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
  extra_content?: E;
}

export interface ChatMessage<E = Record<string, unknown>> {
  role: 'assistant';
  content: string | null;
  refusal?: string | null;
  reasoning_content?: string;
  tool_calls?: ChatToolCall<E>[];
  extra_content?: E;
}

export interface ChatCompletion<E = Record<string, unknown>> {
  id: string;
  object: 'chat.completion';
  created: number;
  model: string;
  choices: { index: number; message: ChatMessage<E>; logprobs?: null; finish_reason: FinishReason | null }[];
  usage?: Usage;
}

export interface ChunkToolCall<E = Record<string, unknown>> {
  index: number;
  id?: string;
  type?: 'function';
  function: { name?: string; arguments: string };
  extra_content?: E;
}

export interface ChunkDelta<E = Record<string, unknown>> {
  role?: 'assistant';
  content?: string;
  reasoning_content?: string;
  tool_calls?: ChunkToolCall<E>[];
  extra_content?: E;
}

export interface ChatCompletionChunk<E = Record<string, unknown>> {
  id: string;
  object: 'chat.completion.chunk';
  created: number;
  model: string;
  choices: { index: number; delta: ChunkDelta<E>; logprobs?: null; finish_reason: FinishReason | null }[];
  usage?: Usage;
}
