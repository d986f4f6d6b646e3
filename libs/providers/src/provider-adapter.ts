import type { ProviderConfig } from '@modelgate/config';
import type {
  ChatCompletionRequest,
  EmbeddingsRequest,
  ModelObject,
  RequestContext,
  SpeechRequest,
  SseFrame,
  TranscriptionRequest,
  UpstreamPayload,
  Usage,
} from '@modelgate/core';
import type { Observable } from 'rxjs';

/** A non-streamed answer: the OpenAI-shaped body, and its bytes when they can be forwarded unchanged. */
export interface ProviderResult {
  body: Record<string, unknown>;
  raw?: Buffer;
}

/**
 * One configured provider instance. Requests arrive OpenAI-shaped with the provider-local model ID; `bytes`, when
 * present, are the same request serialized (the client's own bytes), for adapters that forward the OpenAI wire.
 */
export interface ProviderAdapter {
  readonly config: ProviderConfig;
  listModels(signal: AbortSignal): Promise<ModelObject[]>;
  chatCompletion(payload: UpstreamPayload<ChatCompletionRequest>, ctx: RequestContext): Promise<ProviderResult>;
  /** Cold: subscribing calls the upstream, unsubscribing aborts it. Frames carry chat.completion.chunk JSON. */
  streamChatCompletion(payload: UpstreamPayload<ChatCompletionRequest>, ctx: RequestContext): Observable<SseFrame>;
  close(): Promise<void>;
}

export interface SupportsEmbeddings {
  embeddings(payload: UpstreamPayload<EmbeddingsRequest>, ctx: RequestContext): Promise<ProviderResult>;
}

export function supportsEmbeddings(adapter: ProviderAdapter): adapter is ProviderAdapter & SupportsEmbeddings {
  return typeof (adapter as Partial<SupportsEmbeddings>).embeddings === 'function';
}

/** Audio bytes (or a transcription body) streamed back as the upstream answers, with their content type. */
export interface BinaryResult {
  contentType: string;
  body: AsyncIterable<Uint8Array> | Buffer;
  /** Token usage, when the upstream reports it (translated audio dialects do). */
  usage?: Usage;
}

export interface SupportsAudio {
  speech(request: SpeechRequest, ctx: RequestContext): Promise<BinaryResult>;
  transcription(request: TranscriptionRequest, ctx: RequestContext): Promise<BinaryResult>;
}

export function supportsAudio(adapter: ProviderAdapter): adapter is ProviderAdapter & SupportsAudio {
  const candidate = adapter as Partial<SupportsAudio>;
  return typeof candidate.speech === 'function' && typeof candidate.transcription === 'function';
}

/** A JSON request of another wire than chat completions, routed by its `model`. */
export interface WireRequest {
  model: string;
  stream?: boolean;
  [field: string]: unknown;
}

/**
 * Anthropic's Messages API spoken natively (/v1/messages forwarded, not translated). `headers` are the client's
 * Anthropic headers to pass on (`anthropic-beta`, `anthropic-version`); frames are Anthropic's own SSE events.
 */
export interface SupportsMessages {
  messages(payload: UpstreamPayload<WireRequest>, headers: Record<string, string>, ctx: RequestContext): Promise<ProviderResult>;
  streamMessages(payload: UpstreamPayload<WireRequest>, headers: Record<string, string>, ctx: RequestContext): Observable<SseFrame>;
  countTokens(payload: UpstreamPayload<WireRequest>, headers: Record<string, string>, ctx: RequestContext): Promise<ProviderResult>;
}

export function supportsMessages(adapter: ProviderAdapter): adapter is ProviderAdapter & SupportsMessages {
  return typeof (adapter as Partial<SupportsMessages>).streamMessages === 'function';
}

/** OpenAI's Responses API spoken natively (/v1/responses forwarded); frames are the upstream's own SSE events. */
export interface SupportsResponses {
  responses(payload: UpstreamPayload<WireRequest>, ctx: RequestContext): Promise<ProviderResult>;
  streamResponses(payload: UpstreamPayload<WireRequest>, ctx: RequestContext): Observable<SseFrame>;
}

export function supportsResponses(adapter: ProviderAdapter): adapter is ProviderAdapter & SupportsResponses {
  return typeof (adapter as Partial<SupportsResponses>).streamResponses === 'function';
}
